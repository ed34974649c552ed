/* LD_PRELOAD=malloc_count.so MALLOC_COUNT_FILE=F cmd: writes to F how many
 * times cmd asked the C library for heap memory (malloc, calloc, realloc),
 * as "PROGRAM LIBRARIES": those asked from the program's own code (toolcmp
 * and the libstdc++ linked into it: every operator new) and those asked
 * from shared libraries (SQLite, the JSON module). For bench/import's
 * allocations per review; not part of the tests. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);

static unsigned long long program_calls, library_calls;
static uintptr_t program_start, program_end;  /* the executable's loaded segments */

static int find_program(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  (void)data;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
    if (segment->p_type != PT_LOAD) continue;
    uintptr_t start = info->dlpi_addr + segment->p_vaddr, end = start + segment->p_memsz;
    if (!program_start || start < program_start) program_start = start;
    if (end > program_end) program_end = end;
  }
  return 1; /* the first object is the program */
}

static void count(void *caller) {
  if (!program_end) dl_iterate_phdr(find_program, NULL);
  uintptr_t at = (uintptr_t)caller;
  if (at >= program_start && at < program_end) {
    __atomic_add_fetch(&program_calls, 1, __ATOMIC_RELAXED);
  } else {
    __atomic_add_fetch(&library_calls, 1, __ATOMIC_RELAXED);
  }
}

void *malloc(size_t size) {
  count(__builtin_return_address(0));
  return __libc_malloc(size);
}

void *calloc(size_t n, size_t size) {
  count(__builtin_return_address(0));
  return __libc_calloc(n, size);
}

void *realloc(void *pointer, size_t size) {
  count(__builtin_return_address(0));
  return __libc_realloc(pointer, size);
}

__attribute__((destructor)) static void report(void) {
  const char *path = getenv("MALLOC_COUNT_FILE");
  if (!path) return;
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return;
  char text[64];
  int n = snprintf(text, sizeof text, "%llu %llu\n", program_calls, library_calls);
  if (n > 0) (void)!write(fd, text, (size_t)n);
  close(fd);
}
