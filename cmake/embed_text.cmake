# Writes a text file into a C++ source file as one raw string literal:
#   cmake -DINPUT=file -DOUTPUT=file.cpp -DNAME=kSymbol -P embed_text.cmake
file(READ "${INPUT}" text)
if(text MATCHES "\\)embedded\"")
  message(FATAL_ERROR "${INPUT} must not contain the raw-string delimiter )embedded\"")
endif()
get_filename_component(source "${INPUT}" NAME)
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${source} by cmake/embed_text.cmake. Do not edit.\n"
  "namespace toolcmp { extern const char* const ${NAME};\n"
  "const char* const ${NAME} = R\"embedded(${text})embedded\"; }\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
