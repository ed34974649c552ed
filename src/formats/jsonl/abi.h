// The C interface between toolcmp and its JSON Lines module
// (toolcmp-jsonl.so), which parses import lines with simdjson. The module
// is loaded only by an import: simdjson is a shared library that needs
// libstdc++.so, which the toolcmp binary links in to start fast, so
// nothing C++ crosses this line.
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TOOLCMP_JSONL_ABI 1

enum toolcmp_jsonl_kind {
  TOOLCMP_JSONL_NULL,
  TOOLCMP_JSONL_FALSE,
  TOOLCMP_JSONL_TRUE,
  TOOLCMP_JSONL_INTEGER,   // integer
  TOOLCMP_JSONL_UNSIGNED,  // uinteger: beyond int64
  TOOLCMP_JSONL_FLOAT,     // number
  TOOLCMP_JSONL_STRING,    // text, unescaped
  TOOLCMP_JSONL_OBJECT,    // text: the object's JSON, checked to be valid and within the depth limit
  TOOLCMP_JSONL_ARRAY,     // text: the array's JSON, likewise
};

enum toolcmp_jsonl_status {
  TOOLCMP_JSONL_OK,
  TOOLCMP_JSONL_INVALID,       // not JSON
  TOOLCMP_JSONL_TOO_DEEP,      // nested deeper than the limit
  TOOLCMP_JSONL_OUT_OF_RANGE,  // a number beyond what a double holds
  TOOLCMP_JSONL_NOT_UTF8,
  TOOLCMP_JSONL_NOT_OBJECT,    // valid JSON, but not an object: top_kind says what
  TOOLCMP_JSONL_NO_MEMORY,
};

struct toolcmp_jsonl_field {
  const char* key;
  size_t key_size;
  int kind;  // toolcmp_jsonl_kind
  const char* text;
  size_t text_size;
  int64_t integer;
  uint64_t uinteger;
  double number;
};

struct toolcmp_jsonl_api {
  int abi;  // TOOLCMP_JSONL_ABI
  const char* library_version;
  void* (*create)(int max_depth);  // NULL when out of memory
  void (*destroy)(void* parser);
  // Parses one line. data must have capacity bytes readable, at least
  // size + 64 (simdjson reads ahead). On OK the object's fields, in order
  // and with repeated keys kept, stay valid until the next call or until
  // data changes.
  int (*parse)(void* parser, const char* data, size_t size, size_t capacity,
               const struct toolcmp_jsonl_field** fields, size_t* count, int* top_kind);
};

// The one symbol the module exports.
const struct toolcmp_jsonl_api* toolcmp_jsonl_module(void);

#ifdef __cplusplus
}
#endif
