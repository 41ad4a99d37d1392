// glibc's heap tuning for the long-running bot (issue 23). glibc raises its trim threshold to twice the largest block
// it handed back from mmap (up to 64 MB), so memory freed at the top of the heap after a burst of messages stays in
// the process: `npm run bench:start` measured ~290 MB after 10,000 messages with ~32 MB of live JavaScript heap and
// the segmenter's ~113 MB. A fixed threshold returns it. Elsewhere than glibc (musl, macOS) this does nothing.
#include <napi.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {
// setTrimThreshold(bytes): mallopt(M_TRIM_THRESHOLD, bytes); true when the C library took it.
Napi::Value SetTrimThreshold(const Napi::CallbackInfo& info) {
  if (info.Length() != 1 || !info[0].IsNumber()) {
    Napi::TypeError::New(info.Env(), "setTrimThreshold(bytes)").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
#if defined(__GLIBC__)
  return Napi::Boolean::New(info.Env(), mallopt(M_TRIM_THRESHOLD, info[0].As<Napi::Number>().Int32Value()) == 1);
#else
  return Napi::Boolean::New(info.Env(), false);
#endif
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("setTrimThreshold", Napi::Function::New(env, SetTrimThreshold));
  return exports;
}
}  // namespace

NODE_API_MODULE(malloc_tune, Init)
