#include "fault_vfs.h"

#include <sqlite3.h>

#include <stdexcept>

namespace toolcmp::test {

namespace {

// One FaultVfs at a time: SQLite's VFS callbacks have no user pointer for
// the file methods, so the countdown is file-static.
struct State {
  sqlite3_vfs* real = nullptr;
  sqlite3_vfs vfs{};
  bool armed = false, sticky = false, fired = false;
  Fault kind = Fault::Write;
  int remaining = 0;
} state;

// Counts a call of this kind; true when it is the one to fail.
bool trip(Fault kind) {
  if (!state.armed || kind != state.kind) return false;
  if (state.fired) return state.sticky;
  if (--state.remaining > 0) return false;
  state.fired = true;
  return true;
}

// Our file: the wrapper, with the real VFS's file right behind it.
struct FaultFile {
  sqlite3_file base;
  sqlite3_file* real;
};

sqlite3_file* real_of(sqlite3_file* file) { return reinterpret_cast<FaultFile*>(file)->real; }

int x_close(sqlite3_file* f) { return real_of(f)->pMethods->xClose(real_of(f)); }
int x_read(sqlite3_file* f, void* buf, int amount, sqlite3_int64 offset) {
  return real_of(f)->pMethods->xRead(real_of(f), buf, amount, offset);
}
int x_write(sqlite3_file* f, const void* buf, int amount, sqlite3_int64 offset) {
  if (trip(Fault::Write)) return SQLITE_IOERR_WRITE;
  return real_of(f)->pMethods->xWrite(real_of(f), buf, amount, offset);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) { return real_of(f)->pMethods->xTruncate(real_of(f), size); }
int x_sync(sqlite3_file* f, int flags) {
  if (trip(Fault::Sync)) return SQLITE_IOERR_FSYNC;
  return real_of(f)->pMethods->xSync(real_of(f), flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return real_of(f)->pMethods->xFileSize(real_of(f), size); }
int x_lock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xLock(real_of(f), level); }
int x_unlock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xUnlock(real_of(f), level); }
int x_check_reserved_lock(sqlite3_file* f, int* out) {
  return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) { return real_of(f)->pMethods->xFileControl(real_of(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int x_device_characteristics(sqlite3_file* f) { return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f)); }
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return real_of(f)->pMethods->xShmMap(real_of(f), page, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int x_shm_unmap(sqlite3_file* f, int delete_flag) { return real_of(f)->pMethods->xShmUnmap(real_of(f), delete_flag); }
// No memory-mapped reads: every page goes through xRead, so nothing
// bypasses the wrapper.
int x_fetch(sqlite3_file*, sqlite3_int64, int, void** out) {
  *out = nullptr;
  return SQLITE_OK;
}
int x_unfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

const sqlite3_io_methods kMethods = {
    3,         x_close,       x_read,      x_write,         x_truncate,     x_sync,
    x_file_size, x_lock,      x_unlock,    x_check_reserved_lock, x_file_control, x_sector_size,
    x_device_characteristics, x_shm_map,   x_shm_lock,      x_shm_barrier,  x_shm_unmap,
    x_fetch,   x_unfetch,
};

int x_open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  auto* wrapper = reinterpret_cast<FaultFile*>(file);
  wrapper->real = reinterpret_cast<sqlite3_file*>(wrapper + 1);
  int rc = state.real->xOpen(state.real, name, wrapper->real, flags, out_flags);
  // SQLite calls xClose exactly when pMethods is set, failed open or not.
  file->pMethods = wrapper->real->pMethods ? &kMethods : nullptr;
  return rc;
}

}  // namespace

FaultVfs::FaultVfs() {
  if (state.real) throw std::logic_error("one FaultVfs at a time");
  state.real = sqlite3_vfs_find(nullptr);
  if (!state.real || state.real->iVersion < 1) throw std::runtime_error("no default SQLite VFS");
  state.vfs = *state.real;
  state.vfs.pNext = nullptr;
  state.vfs.zName = "toolcmp-test-faults";
  state.vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + state.real->szOsFile;
  state.vfs.xOpen = x_open;
  disarm();
  sqlite3_vfs_register(&state.vfs, 1);
}

FaultVfs::~FaultVfs() {
  sqlite3_vfs_unregister(&state.vfs);
  sqlite3_vfs_register(state.real, 1);
  state = State{};
}

void FaultVfs::arm(Fault kind, int nth, bool sticky) {
  state.armed = true;
  state.kind = kind;
  state.remaining = nth;
  state.sticky = sticky;
  state.fired = false;
}

void FaultVfs::disarm() { state.armed = false; }

bool FaultVfs::fired() const { return state.fired; }

}  // namespace toolcmp::test
