// Files only this user could have written: the ssh-style check of a path
// and its directories, and the user's cache (what the PostgreSQL writers'
// schema check trusts), refused whole when anyone else could have written
// it, and never a hang or an error.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "support.h"
#include "toolcmp/base/own_files.h"

using namespace toolcmp;
using toolcmp::test::TempDir;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_all(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST_CASE("a path others could change is found, with the first place that lets them") {
  TempDir dir;
  std::string inner = dir.file("a/b");
  REQUIRE(::mkdir(dir.file("a").c_str(), 0700) == 0);
  REQUIRE(::mkdir(inner.c_str(), 0700) == 0);
  ::chmod(dir.path().c_str(), 0700);
  CHECK_FALSE(find_untrusted(inner, ::geteuid()));

  ::chmod(dir.file("a").c_str(), 0770);
  auto found = find_untrusted(inner, ::geteuid());
  REQUIRE(found);
  CHECK(found->at == real_path(dir.file("a")));
  CHECK_FALSE(found->foreign_owner);
  CHECK(found->mode == 0770);

  ::chmod(dir.file("a").c_str(), 01777);  // sticky, as /tmp: nobody else can rename what is in it
  CHECK_FALSE(find_untrusted(inner, ::geteuid()));

  auto missing = find_untrusted(dir.file("a/none"), ::geteuid());
  REQUIRE(missing);
  CHECK(missing->errno_value == ENOENT);
  if (::geteuid() == 0) {  // as root a file can be given to someone else
    REQUIRE(::chown(inner.c_str(), 12345, 12345) == 0);
    auto foreign = find_untrusted(inner, 0);
    REQUIRE(foreign);
    CHECK(foreign->foreign_owner);
    CHECK(foreign->uid == 12345);
  }
}

TEST_CASE("the user's cache keeps lines it was given and makes its directories private") {
  TempDir dir;
  ::chmod(dir.path().c_str(), 0700);
  UserCache cache(dir.file("cache/toolcmp/kept"));
  CHECK_FALSE(cache.holds("a"));
  cache.add("a");
  cache.add("b");
  cache.add("a");  // seen again: moved to the end, once
  CHECK(cache.holds("a"));
  CHECK(cache.holds("b"));
  CHECK_FALSE(cache.holds("c"));
  CHECK(read_all(cache.path()) == "b\na\n");
  struct stat st {};
  REQUIRE(::stat(dir.file("cache/toolcmp").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  REQUIRE(::stat(dir.file("cache").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);

  for (int i = 0; i < 100; ++i) cache.add("line " + std::to_string(i));
  CHECK_FALSE(cache.holds("line 35"));  // only the newest 64 are kept
  CHECK(cache.holds("line 36"));
  CHECK(cache.holds("line 99"));
  cache.add("two\nlines");
  CHECK_FALSE(cache.holds("two"));
  CHECK(UserCache("").holds("") == false);
  CHECK_FALSE(UserCache(dir.file("none/toolcmp/kept")).refused());  // nothing there: nothing refused
}

TEST_CASE("a cache anyone else could have written is not read, and is left as it is") {
  TempDir dir;
  ::chmod(dir.path().c_str(), 0700);
  REQUIRE(::mkdir(dir.file("toolcmp").c_str(), 0700) == 0);
  UserCache cache(dir.file("toolcmp/kept"));
  cache.add("trusted");
  REQUIRE(cache.holds("trusted"));

  CHECK_FALSE(cache.refused());
  SECTION("a file others may write") {
    ::chmod(cache.path().c_str(), 0666);
    CHECK(cache.refused() == "it can be written by other users (mode 666)");
    CHECK_FALSE(cache.holds("trusted"));
    cache.add("more");
    CHECK(read_all(cache.path()) == "trusted\n");
  }
  SECTION("a directory others may write") {
    ::chmod(dir.file("toolcmp").c_str(), 0777);
    CHECK(cache.refused() == real_path(dir.file("toolcmp")) + " can be written by other users (mode 777)");
    CHECK_FALSE(cache.holds("trusted"));
    cache.add("more");
    CHECK(read_all(cache.path()) == "trusted\n");
  }
  SECTION("a symlink to a file of lines") {
    write_all(dir.file("elsewhere"), "planted\n");
    ::unlink(cache.path().c_str());
    REQUIRE(::symlink(dir.file("elsewhere").c_str(), cache.path().c_str()) == 0);
    CHECK(cache.refused() == "it is a symbolic link");
    CHECK_FALSE(cache.holds("planted"));
    cache.add("more");
    CHECK(read_all(dir.file("elsewhere")) == "planted\n");
  }
  SECTION("a FIFO: no hang, reading or writing") {
    ::unlink(cache.path().c_str());
    REQUIRE(::mkfifo(cache.path().c_str(), 0600) == 0);
    CHECK(cache.refused() == "it is not a regular file");
    CHECK_FALSE(cache.holds("trusted"));
    cache.add("more");
    struct stat st {};
    REQUIRE(::lstat(cache.path().c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
  }
  SECTION("a file larger than the cache can grow") {
    write_all(cache.path(), "trusted\n" + std::string(UserCache::kMaxBytes, 'x') + "\n");
    CHECK(cache.refused() == "it is larger than a cache of 16384 bytes");
    CHECK_FALSE(cache.holds("trusted"));
  }
  SECTION("a last line cut short") {
    write_all(cache.path(), "trusted\npart");
    CHECK(cache.holds("trusted"));
    CHECK_FALSE(cache.holds("part"));
  }
  if (::geteuid() == 0) {
    SECTION("a file of another user's") {
      REQUIRE(::chown(cache.path().c_str(), 12345, 12345) == 0);
      CHECK(cache.refused() == "it belongs to user 12345");
      CHECK_FALSE(cache.holds("trusted"));
    }
  }
}

TEST_CASE("the cache's place follows XDG_CACHE_HOME, then HOME") {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  std::string saved_xdg = xdg ? xdg : "", saved_home = home ? home : "";
  ::setenv("XDG_CACHE_HOME", "/x/cache", 1);
  CHECK(UserCache::named("f").path() == "/x/cache/toolcmp/f");
  ::setenv("XDG_CACHE_HOME", "relative", 1);  // not absolute: ignored, as the XDG spec says
  ::setenv("HOME", "/home/u", 1);
  CHECK(UserCache::named("f").path() == "/home/u/.cache/toolcmp/f");
  ::unsetenv("XDG_CACHE_HOME");
  ::unsetenv("HOME");
  CHECK(UserCache::named("f").path().empty());
  if (xdg) ::setenv("XDG_CACHE_HOME", saved_xdg.c_str(), 1);
  if (home) ::setenv("HOME", saved_home.c_str(), 1);
}
