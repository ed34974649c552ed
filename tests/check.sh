# Sourced by the shell tests: count checks and report the failed ones.
passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name" >&2; failed=$((failed + 1)); fi
}
same() {  # same DESCRIPTION EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); else
    printf 'FAILED: %s\n  expected: %q\n  actual:   %q\n' "$1" "$2" "$3" >&2
    failed=$((failed + 1))
  fi
}
finish() {  # the last line of a test script
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
