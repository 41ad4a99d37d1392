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
// MixSegment with one more way out: the words' lengths in UTF-16 code units, read off the rune ranges MixSegment cuts
// (the same loop as its Cut(sentence, words, hmm)) without building a string per word.
class LeanSegment : public cppjieba::MixSegment {
 public:
  LeanSegment(const cppjieba::DictTrie* t, const cppjieba::HMMModel* m) : cppjieba::MixSegment(t, m) {}

  void CutLengths(const std::string& sentence, std::vector<int32_t>& out) const {
    cppjieba::PreFilter pre_filter(symbols_, sentence);
    std::vector<cppjieba::WordRange> ranges;
    ranges.reserve(sentence.size() / 2);
    while (pre_filter.HasNext()) {
      cppjieba::PreFilter::Range range = pre_filter.Next();
      Cut(range.begin, range.end, ranges, true);
    }
    out.reserve(ranges.size());
    for (const cppjieba::WordRange& word : ranges) {
      int32_t units = 0;
      for (auto rune = word.left; rune <= word.right; ++rune) units += rune->rune > 0xFFFF ? 2 : 1;
      out.push_back(units);
    }
  }
};

cppjieba::DictTrie* trie = nullptr;
cppjieba::HMMModel* model = nullptr;
LeanSegment* segment = nullptr;

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
  segment = new LeanSegment(trie, model);
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
Napi::Value CutLengths(const Napi::CallbackInfo& info) {
  if (!segment) throw Napi::Error::New(info.Env(), "jieba-lean: load() first");
  std::string text = info[0].As<Napi::String>();
  std::vector<int32_t> lengths;
  segment->CutLengths(text, lengths);
  Napi::Int32Array out = Napi::Int32Array::New(info.Env(), lengths.size());
  for (size_t i = 0; i < lengths.size(); i++) out[i] = lengths[i];
  return out;
}

// cutLengthsInto(text, out): cutLengths into the caller's Int32Array; returns the number of words, or -1 when `out`
// is too short (it never is with text.length + 1 elements). Saves the new array per call, a fifth of a short cut.
Napi::Value CutLengthsInto(const Napi::CallbackInfo& info) {
  if (!segment) throw Napi::Error::New(info.Env(), "jieba-lean: load() first");
  std::string text = info[0].As<Napi::String>();
  Napi::Int32Array out = info[1].As<Napi::Int32Array>();
  std::vector<int32_t> lengths;
  segment->CutLengths(text, lengths);
  if (lengths.size() > out.ElementLength()) return Napi::Number::New(info.Env(), -1);
  int32_t* data = out.Data();
  for (size_t i = 0; i < lengths.size(); i++) data[i] = lengths[i];
  return Napi::Number::New(info.Env(), static_cast<double>(lengths.size()));
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
  exports.Set("cutLengthsInto", Napi::Function::New(env, CutLengthsInto));
  exports.Set("insertWord", Napi::Function::New(env, InsertWord));
  return exports;
}
}  // namespace

NODE_API_MODULE(jieba_lean, Init)
