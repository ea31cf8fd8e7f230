import CSystem

/// How a build keeps its resident memory near what it holds. The steps each make large arrays
/// (an index of every word of the corpus, say) and free them before the next step; glibc's
/// allocator would otherwise keep the freed memory, so each step's peak would sit on the last's.
public enum SystemMemory {
    /// Blocks of 128 KiB and more get pages of their own, given back when freed. By default glibc
    /// raises that threshold each time such a block is freed, and then serves large arrays from a
    /// heap it rarely shrinks. A setting of the whole process: the `sitegen` command makes it once,
    /// at start; the library leaves it to whoever embeds it.
    public static func returnLargeBlocksWhenFreed() { sitegen_return_large_blocks_when_freed() }

    /// Hands back the free memory glibc still holds (malloc_trim).
    static func releaseFreed() { _ = sitegen_release_free_memory() }
}
