// The one error family. Commands throw; run_cli catches once, prints
// "toolcmp: error: ..." and returns the exit code the error carries.
#pragma once

#include <stdexcept>
#include <string>

namespace toolcmp {

enum ExitCode : int {
  kExitOk = 0,
  kExitError = 1,     // runtime: unknown tool, conflict, database error
  kExitUsage = 2,     // bad option or value
  kExitNotOurs = 3,   // the file is not a toolcmp database this toolcmp can use
  kExitCheckFailed = 4,  // toolcmp check: a decision failed a gate
  kExitInterrupted = 130,
};

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, int exit_code = kExitError)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

// The database file is another program's, corrupt, or from a newer
// toolcmp: exit 3, and the file is left as it is.
class NotOursError : public Error {
 public:
  explicit NotOursError(const std::string& message) : Error(message, kExitNotOurs) {}
};

// A row holds a value toolcmp never writes (the file was changed outside
// it): exit 3 like any file that is not as toolcmp made it. The message
// names the row.
class DamagedRowError : public NotOursError {
 public:
  explicit DamagedRowError(const std::string& message) : NotOursError(message) {}
};

// Another toolcmp held the database longer than the busy timeout.
class BusyError : public Error {
 public:
  explicit BusyError(const std::string& message) : Error(message) {}
};

// toolcmp check found a decision that fails a gate: exit 4. The command
// has printed which; run_cli prints nothing more.
class CheckFailed : public Error {
 public:
  CheckFailed() : Error("a decision failed a check", kExitCheckFailed) {}
};

// The user asked for something malformed: exit 2.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message, kExitUsage) {}
};

}  // namespace toolcmp
