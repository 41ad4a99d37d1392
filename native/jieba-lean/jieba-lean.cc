// nodejieba's segmenter without the rest (issue 23): the same cppjieba code and files, but only what
// nodejieba's cut(text, true) runs, cppjieba::MixSegment over one DictTrie (main + user dictionary) and the HMM model.
// nodejieba 3.5.8's load() also builds a KeywordExtractor and a TextRankExtractor, the latter with a second copy of
// the main dictionary (~110 MB) that the classifier never uses.
#include <napi.h>
#include <string>
#include <vector>
#include "cppjieba/DictTrie.hpp"
#include "cppjieba/HMMModel.hpp"
#include "cppjieba/MixSegment.hpp"

namespace {
cppjieba::DictTrie* trie = nullptr;
cppjieba::HMMModel* model = nullptr;
cppjieba::MixSegment* segment = nullptr;

// load(dictPath, hmmPath, userDictPath): as cppjieba::Jieba builds its trie, model and MixSegment.
Napi::Value Load(const Napi::CallbackInfo& info) {
  if (info.Length() != 3) throw Napi::TypeError::New(info.Env(), "load(dict, hmm, userDict)");
  std::string dict = info[0].As<Napi::String>();
  std::string hmm = info[1].As<Napi::String>();
  std::string user = info[2].As<Napi::String>();
  delete segment;
  delete model;
  delete trie;
  trie = new cppjieba::DictTrie(dict, user);
  model = new cppjieba::HMMModel(hmm);
  segment = new cppjieba::MixSegment(trie, model);
  return info.Env().Undefined();
}

// cut(text): nodejieba's cut(text, true).
Napi::Value Cut(const Napi::CallbackInfo& info) {
  if (!segment) throw Napi::Error::New(info.Env(), "jieba-lean: load() first");
  std::string text = info[0].As<Napi::String>();
  std::vector<std::string> words;
  segment->Cut(text, words, true);
  Napi::Array out = Napi::Array::New(info.Env(), words.size());
  for (size_t i = 0; i < words.size(); i++) out[i] = Napi::String::New(info.Env(), words[i]);
  return out;
}

// cutLengths(text): the same cut as cut(text), as the length of each word in UTF-16 code units (what the words'
// .length would be). The classifier only needs where words start and end, and making a JS string per word cost a
// third of each cut (issue 20).
// Counting: every byte that does not continue a UTF-8 sequence starts a code point; one of 4 bytes is 2 code units.
Napi::Value CutLengths(const Napi::CallbackInfo& info) {
  if (!segment) throw Napi::Error::New(info.Env(), "jieba-lean: load() first");
  std::string text = info[0].As<Napi::String>();
  std::vector<std::string> words;
  segment->Cut(text, words, true);
  Napi::Int32Array out = Napi::Int32Array::New(info.Env(), words.size());
  for (size_t i = 0; i < words.size(); i++) {
    int32_t units = 0;
    for (unsigned char c : words[i]) {
      if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1;
    }
    out[i] = units;
  }
  return out;
}

// insertWord(word): nodejieba's insertWord(word), tag "x" as there.
Napi::Value InsertWord(const Napi::CallbackInfo& info) {
  if (!trie) throw Napi::Error::New(info.Env(), "jieba-lean: load() first");
  std::string word = info[0].As<Napi::String>();
  return Napi::Boolean::New(info.Env(), trie->InsertUserWord(word, "x"));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("load", Napi::Function::New(env, Load));
  exports.Set("cut", Napi::Function::New(env, Cut));
  exports.Set("cutLengths", Napi::Function::New(env, CutLengths));
  exports.Set("insertWord", Napi::Function::New(env, InsertWord));
  return exports;
}
}  // namespace

NODE_API_MODULE(jieba_lean, Init)
