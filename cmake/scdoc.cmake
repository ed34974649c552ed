# Runs scdoc on INPUT, writing OUTPUT (scdoc reads stdin and writes stdout).
execute_process(COMMAND "${SCDOC}" INPUT_FILE "${INPUT}" OUTPUT_FILE "${OUTPUT}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE "${OUTPUT}")
  message(FATAL_ERROR "scdoc failed on ${INPUT}")
endif()
