// A test VFS that wraps SQLite's default one and makes the Nth write or
// sync fail, as a failing disk would. While a FaultVfs is alive it is the
// default VFS, so the store under test opens through it unchanged: no
// test-only hook in the program.
#pragma once

namespace toolcmp::test {

enum class Fault { Write, Sync };

class FaultVfs {
 public:
  FaultVfs();   // registers itself as the default VFS
  ~FaultVfs();  // puts the previous default back
  FaultVfs(const FaultVfs&) = delete;
  FaultVfs& operator=(const FaultVfs&) = delete;

  // From now on, the nth call of that kind fails with an I/O error (and,
  // when sticky, every later one too, as on a disk that stays broken).
  void arm(Fault kind, int nth, bool sticky);
  void disarm();
  bool fired() const;
};

}  // namespace toolcmp::test
