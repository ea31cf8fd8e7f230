import CSystem

/// The process's signal handling, set once by the `sitegen` command at start.
public enum ProcessSignals {
    /// Lets Ctrl-C and SIGTERM stop a long-running `watch` or `serve` even when whoever started
    /// sitegen had those signals blocked (the mask is inherited).
    public static func unblockAll() { sitegen_unblock_signals() }
}
