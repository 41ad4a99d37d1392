{
  "targets": [
    {
      "target_name": "jieba_lean",
      "sources": ["jieba-lean.cc"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags": ["-DLOGGING_LEVEL=LL_WARNING"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!(node -p \"require('path').join(require('path').dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/include')\")",
        "<!(node -p \"require('path').join(require('path').dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/deps/limonp/include')\")"
      ],
      "defines": ["NAPI_CPP_EXCEPTIONS"]
    }
  ]
}
