// The suite's main: Catch2's own, after one thing of the suite's. The
// PostgreSQL half writes the fingerprints of the schemas it checks into the
// user's cache (XDG_CACHE_HOME, else ~/.cache): here it is a directory of
// the build tree, so that running the tests writes nothing in $HOME. The
// binaries the tests start inherit it.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>

int main(int argc, char* argv[]) {
  ::setenv("XDG_CACHE_HOME", TOOLCMP_TEST_CACHE_DIR, 1);
  return Catch::Session().run(argc, argv);
}
