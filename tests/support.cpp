#include "support.h"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "toolcmp/base/text.h"
#include <libpq-fe.h>
#include <unistd.h>

#include "toolcmp/cli/cli.h"

namespace toolcmp::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "toolcmp-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

namespace {

Result run_with(const std::vector<std::string>& args, const std::string& locale, const Env& env, std::istream& in) {
  for (const char* name :
       {"NO_COLOR", "CLICOLOR_FORCE", "COLUMNS", "TOOLCMP_DB", "LC_CTYPE", "LANG", "TOOLCMP_NOW", "TOOLCMP_MAX_AGE", "TOOLCMP_HALF_LIFE",
        "TOOLCMP_RULE"}) {
    ::unsetenv(name);
  }
  ::setenv("LC_ALL", locale.c_str(), 1);
  // Who writes, the same on every machine (the OS user would differ); a
  // test of the default sets it empty.
  ::setenv("TOOLCMP_AUTHOR", "tester", 1);
  for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
  std::vector<const char*> argv{"toolcmp"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  Result result;
  result.code = run_cli(static_cast<int>(argv.size()), argv.data(), in, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

}  // namespace

Result run(const std::vector<std::string>& args, const std::string& locale, const Env& env) {
  std::istringstream in;
  return run_with(args, locale, env, in);
}

Result run_input(const std::vector<std::string>& args, const std::string& input, bool closed_input) {
  std::istringstream in(input);
  if (closed_input) in.setstate(std::ios::badbit);
  return run_with(args, "C.UTF-8", {}, in);
}

bool testing_postgres() {
  const char* backend = std::getenv("TOOLCMP_TEST_BACKEND");
  return backend && std::string(backend) == "postgres";
}

namespace {

// The test server's connection string: the server itself, or with
// TOOLCMP_TEST_POOLED=1 pgbouncer in transaction mode in front of it.
const char* test_server() {
  bool pooled = std::getenv("TOOLCMP_TEST_POOLED") != nullptr;
  const char* server = std::getenv(pooled ? "TOOLCMP_TEST_PGBOUNCER" : "TOOLCMP_TEST_PG");
  if (!server) {
    throw std::runtime_error(pooled ? "TOOLCMP_TEST_POOLED needs TOOLCMP_TEST_PGBOUNCER (scripts/test sets it)"
                                    : "TOOLCMP_TEST_BACKEND=postgres needs TOOLCMP_TEST_PG (scripts/test sets both)");
  }
  return server;
}

// Runs one statement on the test server (only to make and drop schemas).
void server_exec(const std::string& sql) {
  const char* server = test_server();
  PGconn* conn = PQconnectdb(server);
  std::string error = PQstatus(conn) == CONNECTION_OK ? "" : PQerrorMessage(conn);
  if (error.empty()) {
    PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(conn);
  if (!error.empty()) throw std::runtime_error("test server: " + error);
}

}  // namespace

Db::Db() : path_(dir_.file("test.db")) {
  if (!testing_postgres()) return;
  static int count = 0;
  schema_ = "test_" + std::to_string(::getpid()) + "_" + std::to_string(++count);
  server_exec("CREATE SCHEMA " + schema_);
  path_ = std::string(test_server()) + " schema=" + schema_;
}

Db::~Db() {
  if (schema_.empty()) return;
  try {
    server_exec("DROP SCHEMA " + schema_ + " CASCADE");
  } catch (const std::exception&) {
    // the cluster goes when the suite ends
  }
}

Result Db::run_input(std::vector<std::string> args, const std::string& input, bool closed_input) const {
  args.insert(args.begin(), {"--db", path_});
  return test::run_input(args, input, closed_input);
}

Result Db::run(std::vector<std::string> args, const std::string& locale, const Env& env) const {
  args.insert(args.begin(), {"--db", path_});
  return test::run(args, locale, env);
}

std::string Db::ok(std::vector<std::string> args, const std::string& locale, const Env& env) const {
  Result result = run(args, locale, env);
  INFO("stderr: " << result.err);
  REQUIRE(result.code == 0);
  return result.out;
}

namespace {

struct Entry {
  const char *tool, *persona, *score, *verdict, *text;
};

// Each entry as a review written on 2026-11-01.
void add_reviews(const Db& db, std::initializer_list<Entry> entries) {
  for (const Entry& e : entries) {
    db.ok({"review", e.tool, e.persona, "--score", e.score, "--verdict", e.verdict, "--text", e.text, "--at",
           "2026-11-01", "-q"});
  }
}

}  // namespace

void Db::load_acceptance_panel() const {
  ok({"add", "Code Llama 4", "--vendor", "Meta", "--category", "Developer Tools", "--entry", "Free", "--pricing",
      "Free (open weights)", "--tagline", "Self-hosted agentic coding", "--license", "Llama 4 Community", "--attr",
      "params=70B", "-q"});
  ok({"add", "Mistral 3B", "--vendor", "Mistral", "--category", "Developer Tools", "--entry", "Free", "--pricing",
      "Free (Apache 2.0)", "--tagline", "Fast on-device model", "--license", "Apache-2.0", "--attr", "params=3B",
      "-q"});
  add_reviews(*this, {
      {"Code Llama 4", "Builder", "84", "ship", "Keeps a debugging loop with tools together when served locally."},
      {"Code Llama 4", "Skeptic", "78", "ship", "Trained for tool chains where rivals only complete code."},
      {"Code Llama 4", "Futurist", "81", "ship", "Self-hosted coding agents are where regulated teams are headed."},
      {"Code Llama 4", "Founder", "55", "skip", "No business of its own; build on it, not around it."},
      {"Mistral 3B", "Builder", "87", "ship", "Fits in 4 GB with room for the cache."},
      {"Mistral 3B", "Skeptic", "80", "ship", "Best of its size on the evidence so far."},
      {"Mistral 3B", "Futurist", "84", "ship", "Sized for the devices people already own."},
      {"Mistral 3B", "Founder", "75", "ship", "No runtime fee, and a coherent plan behind it."},
  });
}

void Db::load_four_tool_panel() const {
  load_acceptance_panel();
  ok({"add", "Qwen2.5-Coder 7B Instruct (GGUF)", "--vendor", "Alibaba", "--category", "Small Language Models (on-device)",
      "--entry", "Free", "--pricing", "Free (Apache 2.0)", "--tagline", "Code completion that runs on a laptop", "--attr",
      "params=7B", "-q"});
  ok({"add", "\u901a\u4e49 Mini", "--tagline", "\u5c0f\u800c\u5feb\u7684\u6a21\u578b \U0001F680", "-q"});
  ok({"add", "Caf\u00e9 Bot", "--category", "Chat", "-q"});
  add_reviews(*this, {
      {"Qwen2.5-Coder 7B Instruct (GGUF)", "Builder", "90", "ship", "Completes whole functions offline at a usable speed."},
      {"Qwen2.5-Coder 7B Instruct (GGUF)", "Skeptic", "70", "ship", "Good at completion; weaker once the task needs tools."},
      {"Qwen2.5-Coder 7B Instruct (GGUF)", "Founder", "48", "skip", "A commodity the day it shipped."},
      {"\u901a\u4e49 Mini", "Builder", "40", "skip", ""},
  });
  for (const char* voter : {"ana", "bo", "cy"}) ok({"vote", "Qwen2.5-Coder 7B Instruct (GGUF)", "ship", "--voter", voter, "-q"});
  ok({"vote", "Mistral 3B", "skip", "--voter", "ana", "-q"});
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

void check_golden(const std::string& name, const std::string& text) {
  std::string path = std::string(TOOLCMP_SOURCE_DIR) + "/tests/golden/" + name;
  const char* update = std::getenv("TOOLCMP_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << text;
    WARN("updated golden file " << name);
    return;
  }
  REQUIRE(file_exists(path));
  INFO("golden file tests/golden/" << name << " differs; rerun with TOOLCMP_UPDATE_GOLDEN=1 and review the diff");
  CHECK(read_file(path) == text);
}

}  // namespace toolcmp::test

#include <sqlite3.h>

namespace toolcmp::test {

void exec_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open(path.c_str(), &db);
  char* message = nullptr;
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  std::string error = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error("exec_sql: " + error);
}

// The widest line of text, in terminal cells.
int widest_line(const std::string& text) {
  int widest = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    widest = std::max(widest, toolcmp::display_width(text.substr(start, end - start)));
    start = end + 1;
  }
  return widest;
}

// compare --json without the review sources, which say where a review was read.
nlohmann::json compare_without_sources(const Db& db, const std::vector<std::string>& tools) {
  std::vector<std::string> args{"compare"};
  args.insert(args.end(), tools.begin(), tools.end());
  args.push_back("--json");
  nlohmann::json json = nlohmann::json::parse(db.ok(args));
  for (nlohmann::json& tool : json["tools"]) {
    for (nlohmann::json& review : tool["reviews"]) {
      for (const char* key : {"source", "also_from", "recorded_at"}) review.erase(key);
    }
  }
  return json;
}

}  // namespace toolcmp::test
