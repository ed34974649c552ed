// Every write command against a disk that fails: the Nth write or sync
// fails (once, or from then on), for every N until the command no longer
// reaches the fault. Each time the command either succeeds whole or exits
// non-zero with a clear message, the data from before is intact, and the
// file passes integrity_check.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>

#include <catch2/catch.hpp>

#include "fault_vfs.h"
#include "support.h"

using namespace toolcmp::test;
namespace fs = std::filesystem;

namespace {

std::string integrity(const std::string& path) {
  sqlite3* db = nullptr;
  std::string result = "cannot open";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return result;
}

// Everything the database holds, as export writes it, with the times a
// command stamps with "now" taken out.
std::string contents(const std::string& db) {
  Result r = run({"--db", db, "export"});
  REQUIRE(r.code == 0);
  static const std::regex now(R"re("(cast_at|reviewed_at)":"[^"]*")re");
  return std::regex_replace(r.out, now, R"("$1":"-")");
}

void restore(const std::string& from, const std::string& to) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(to + suffix);
  if (fs::exists(from)) fs::copy_file(from, to);
}

struct Tally {
  int faults = 0, failed = 0;
};

// Runs args against a fresh copy of base with the nth write or sync
// failing, for n = 1, 2, ... until the command runs without reaching it.
void try_every_fault(FaultVfs& vfs, const std::string& base, const std::string& work,
                     const std::vector<std::string>& args, Fault kind, bool sticky, Tally& tally) {
  restore(base, work);
  const std::string before = contents(work);
  std::vector<std::string> command{"--db", work};
  command.insert(command.end(), args.begin(), args.end());
  Result plain = run(command, "C.UTF-8", toolcmp::test::kGoldenNow);  // recorded_at: the same in every run
  INFO(args[0] << " without faults: " << plain.err);
  REQUIRE(plain.code == 0);
  const std::string after = contents(work);
  REQUIRE(after != before);

  for (int nth = 1;; ++nth) {
    REQUIRE(nth < 1000);
    restore(base, work);
    vfs.arm(kind, nth, sticky);
    Result r = run(command, "C.UTF-8", toolcmp::test::kGoldenNow);
    vfs.disarm();
    if (!vfs.fired()) {
      CHECK(r.code == 0);
      return;
    }
    ++tally.faults;
    INFO(args[0] << ": " << (kind == Fault::Write ? "write" : "sync") << " " << nth << (sticky ? " on" : "")
                 << " fails; exit " << r.code << ", stderr: " << r.err);
    // A command that made the file and failed takes it back: nothing left.
    bool taken_back = !fs::exists(base) && !fs::exists(work);
    if (taken_back) {
      CHECK(r.code != 0);
      for (const char* suffix : {"-wal", "-shm", "-journal"}) CHECK_FALSE(fs::exists(work + suffix));
    } else {
      CHECK(integrity(work) == "ok");
    }
    std::string now = contents(work);
    if (r.code == 0) {
      // Only a fault after the commit (the checkpoint at close) lets it succeed.
      CHECK(now == after);
      continue;
    }
    ++tally.failed;
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("toolcmp: error: ") && Catch::Contains("disk I/O error"));
    CHECK(r.err.find("internal error") == std::string::npos);
    // A failed sync may come after the commit record reached the file, so
    // the write may have landed; either way it is whole.
    CHECK((now == before || (kind == Fault::Sync && now == after)));
    if (now != before) CHECK_THAT(r.err, !Catch::Contains("nothing was written"));
  }
}

}  // namespace

TEST_CASE("a failing disk at any write or sync leaves the data whole, with a clear error", "[sqlite]") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"vote", "Mistral 3B", "ship", "--voter", "ana", "-q"});
  std::string import_file = db.dir().file("more.jsonl");
  {
    std::ofstream out(import_file);
    out << R"({"type":"tool","name":"Phi-4 mini","vendor":"Microsoft","attributes":{"params":"4B"}})" "\n";
    for (int i = 0; i < 300; ++i) {
      out << R"({"type":"review","tool":"Phi-4 mini","persona":")" << (i % 2 ? "Skeptic" : "Builder")
          << R"(","score":)" << i % 101 << R"(,"verdict":"skip","text":"round )" << i
          << std::string(400, '.') << R"(","reviewed_at":"2026-11-0)" << 1 + i % 9 << R"("})" "\n";
    }
    out << R"({"type":"vote","tool":"Phi-4 mini","verdict":"ship","voter":"bo","cast_at":"2026-11-02"})" "\n";
  }
  const std::vector<std::vector<std::string>> commands = {
      {"add", "Gemma 3", "--vendor", "Google", "--attr", "params=4B"},
      {"edit", "Code Llama 4", "--vendor", "Meta AI", "--unset-attr", "params"},
      {"review", "Mistral 3B", "Skeptic", "--score", "12", "--verdict", "skip", "--text", "Changed my mind.",
       "--at", "2026-11-20"},
      {"vote", "Mistral 3B", "skip", "--voter", "ana"},
      {"persona", "add", "Security", "--focus", "What it leaks"},
      {"rm", "Code Llama 4", "--yes"},
      {"import", import_file},
  };
  const std::string work = db.dir().file("work.db");
  const std::string empty = db.dir().file("none.db");  // a new database, created under faults
  FaultVfs vfs;
  Tally tally;
  for (Fault kind : {Fault::Write, Fault::Sync}) {
    for (bool sticky : {false, true}) {
      for (const auto& args : commands) try_every_fault(vfs, db.path(), work, args, kind, sticky, tally);
      try_every_fault(vfs, empty, work, {"import", import_file}, kind, sticky, tally);
    }
  }
  CHECK(tally.failed > 0);
  std::cerr << "fault injection: " << tally.faults << " failing writes and syncs tried, " << tally.failed
            << " commands refused whole, none half-written\n";
}
