#ifndef SITEGEN_CSYSTEM_H
#define SITEGEN_CSYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, or -1 with errno set.
int sitegen_exchange_paths(const char *first, const char *second);

/// Hands the heap memory that is free back to the system (glibc malloc_trim).
/// Returns 1 when some was released, 0 otherwise.
int sitegen_release_free_memory(void);

/// Gives every heap block of 128 KiB or more pages of its own, returned to the system when it
/// is freed (glibc mallopt M_MMAP_THRESHOLD, which also stops glibc raising the threshold).
void sitegen_return_large_blocks_when_freed(void);

/// Unblocks every signal on the calling thread (sigprocmask). A process inherits its parent's
/// blocked signals; one started from a thread that blocks them would otherwise ignore SIGTERM.
void sitegen_unblock_signals(void);

#endif
