{
  "targets": [
    {
      "target_name": "malloc_tune",
      "sources": ["malloc-tune.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_DISABLE_CPP_EXCEPTIONS"]
    }
  ]
}
