#define _GNU_SOURCE
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include "csystem.h"

int sitegen_exchange_paths(const char *first, const char *second) {
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
}

int sitegen_release_free_memory(void) {
    return malloc_trim(0);
}

void sitegen_return_large_blocks_when_freed(void) {
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}

void sitegen_unblock_signals(void) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}
