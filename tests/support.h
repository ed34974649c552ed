// Test helpers: a private temporary directory per test, running the whole
// program in-process, and golden files.
#pragma once

#include <string>

#include <nlohmann/json.hpp>
#include <vector>

namespace toolcmp::test {

// A fresh directory, removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct Result {
  int code = -1;
  std::string out, err;
};

// Runs toolcmp with args in-process, with a predictable environment:
// no color variables, no COLUMNS, the given locale.
using Env = std::vector<std::pair<std::string, std::string>>;
// The time the golden files were made at (TOOLCMP_NOW): reviews' ages in them stay put.
inline const Env kGoldenNow{{"TOOLCMP_NOW", "2026-12-01T12:00:00Z"}};
Result run(const std::vector<std::string>& args, const std::string& locale = "C.UTF-8", const Env& env = {});
// The same with input on standard input; closed_input: a stdin that fails to read.
Result run_input(const std::vector<std::string>& args, const std::string& input, bool closed_input = false);

// A database in its own directory, with helpers to fill it.
// On the PostgreSQL half of the suite (TOOLCMP_TEST_BACKEND=postgres,
// with TOOLCMP_TEST_PG the server's connection string) each Db is a schema
// of its own on that server, dropped when the test ends; tests that look
// at the SQLite file itself are tagged [sqlite] and run on that half only.
bool testing_postgres();
class Db {
 public:
  Db();
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  const std::string& path() const { return path_; }
  const TempDir& dir() const { return dir_; }
  Result run(std::vector<std::string> args, const std::string& locale = "C.UTF-8", const Env& env = {}) const;
  Result run_input(std::vector<std::string> args, const std::string& input, bool closed_input = false) const;
  // Runs and fails the test unless it exits 0.
  std::string ok(std::vector<std::string> args, const std::string& locale = "C.UTF-8", const Env& env = {}) const;
  // The published panels for Code Llama 4 and Mistral 3B, short texts.
  void load_acceptance_panel() const;
  // The acceptance panel and three more tools (a long name and category, a
  // CJK name, one with no reviews), votes on two: the four-tool goldens.
  void load_four_tool_panel() const;

 private:
  TempDir dir_;
  std::string path_;
  std::string schema_;  // on PostgreSQL
};

// Compares text with tests/golden/NAME; with TOOLCMP_UPDATE_GOLDEN=1 in the
// environment, rewrites the file instead.
void check_golden(const std::string& name, const std::string& text);

// The widest line of text, in terminal cells.
int widest_line(const std::string& text);

// compare --json without the review sources, which say where a review was read.
nlohmann::json compare_without_sources(const Db& db, const std::vector<std::string>& tools);

std::string read_file(const std::string& path);
bool file_exists(const std::string& path);

}  // namespace toolcmp::test

namespace toolcmp::test {
// Runs SQL on a database file directly, bypassing toolcmp (to build old or odd databases).
void exec_sql(const std::string& path, const std::string& sql);
}  // namespace toolcmp::test
