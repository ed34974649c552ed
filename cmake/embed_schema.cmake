# Writes schema.sql into a C++ source file as one raw string literal.
file(READ "${INPUT}" schema)
if(schema MATCHES "\\)schema\"")
  message(FATAL_ERROR "schema.sql must not contain the raw-string delimiter )schema\"")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from schema.sql by cmake/embed_schema.cmake. Do not edit.\n"
  "namespace toolcmp { extern const char* const kSchemaSql;\n"
  "const char* const kSchemaSql = R\"schema(${schema})schema\"; }\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
