// The hidden __complete: commands, options and their values from the CLI
// definition, names from the database, and nothing a terminal acts on.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support.h"
#include "toolcmp/cli/complete.h"

using toolcmp::test::Db;

namespace {

std::string complete(std::vector<std::string> args) {
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out;
  CHECK(toolcmp::run_complete(static_cast<int>(argv.size()), argv.data(), out) == 0);
  return out.str();
}

}  // namespace

TEST_CASE("completion offers commands with their descriptions") {
  std::string out = complete({"words", "comp"});
  CHECK(out == "compare\tCompare tools side by side and recommend one\n"
               "completions\tPrint the bash, zsh or fish completion script\n");
  CHECK_THAT(complete({"words", "review", ""}), Catch::StartsWith("edit\t") && Catch::Contains("\nrm\t"));
}

TEST_CASE("completion offers a command's options and the global ones") {
  std::string out = complete({"words", "export", "--"});
  CHECK_THAT(out, Catch::Contains("--keep-going\t"));
  CHECK_THAT(out, Catch::Contains("--db\t"));
  CHECK_THAT(complete({"words", "export", "--keep-g"}), Catch::StartsWith("--keep-going\t") && !Catch::Contains("formulas"));
}

TEST_CASE("completion offers an option's fixed values and asks the shell for files") {
  CHECK(complete({"words", "import", "--format", ""}) == "jsonl\ncsv\ntsv\npage\n");
  CHECK(complete({"words", "import", "--format", "c"}) == "csv\n");
  CHECK(complete({"words", "--color", "a"}) == "auto\nalways\n");
  CHECK(complete({"words", "export", "-o", ""}) == "@files\n");
  CHECK(complete({"words", "compare", "A", "B", "--rule", ""}) == "adjusted-mean\nship-first\n");
  CHECK(complete({"words", "rank", "--rule", "s"}) == "ship-first\n");
}

TEST_CASE("completion offers names from the database named on the line") {
  Db db;
  db.ok({"add", "SmolLM3"});
  db.ok({"add", "Code Llama 4"});
  CHECK(complete({"words", "--db", db.path(), "compare", "sm"}) == "SmolLM3\n");
  CHECK(complete({"words", "--db=" + db.path(), "compare", "SmolLM3", "co"}) == "Code Llama 4\n");
  CHECK(complete({"words", "--db", db.path(), "review", "x", "--persona", "Sk"}) == "Skeptic\n");
}

TEST_CASE("completion offers names for a subcommand's arguments, as its table row says") {
  Db db;
  db.ok({"add", "SmolLM3"});
  db.ok({"add", "Code Llama 4"});
  db.ok({"decide", "Local code model", "--pick", "SmolLM3", "--over", "Code Llama 4", "--why", "Smaller"});
  CHECK(complete({"words", "--db", db.path(), "vote", "list", "sm"}) == "SmolLM3\n");
  CHECK(complete({"words", "--db", db.path(), "vote", "rm", ""}) == "Code Llama 4\nSmolLM3\n");
  CHECK(complete({"words", "--db", db.path(), "review", "rm", "SmolLM3", "sk"}) == "Skeptic\n");
  CHECK(complete({"words", "--db", db.path(), "persona", "edit", "fu"}) == "Futurist\n");
  CHECK(complete({"words", "--db", db.path(), "decision", "accept", "lo"}) == "Local code model\n");
  CHECK(complete({"words", "--db", db.path(), "review", "edit", ""}).empty());  // an id
  CHECK(complete({"words", "--db", db.path(), "persona", "add", ""}).empty());  // a new name
}

TEST_CASE("completion prints nothing for a file it cannot read and never fails") {
  toolcmp::test::TempDir dir;
  std::string not_ours = dir.file("notes.txt");
  std::ofstream(not_ours) << "not a database\n";
  CHECK(complete({"words", "--db", not_ours, "compare", ""}).empty());
  CHECK(complete({"words", "--db", dir.file("missing.db"), "show", ""}).empty());
  CHECK(complete({"nonsense"}).empty());
  CHECK(complete({}).empty());
}
