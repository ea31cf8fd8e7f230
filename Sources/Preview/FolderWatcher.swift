import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Linux's inotify over whole folder trees: every inotify call of sitegen is in this file.
/// Folders made later inside a watched tree are watched as they appear.
public final class FolderWatcher {
    /// A folder that cannot be watched (missing, unreadable, or the system's watch limit reached).
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot watch \(path): \(reason)" }
    }

    private let descriptor: Int32
    /// Each watch descriptor's folder.
    private var folders: [Int32: URL] = [:]
    /// Folders that do not exist yet, by the watch on the folder they will appear in (which is
    /// watched for them alone: nothing else there is reported).
    private var awaited: [Int32: (folder: URL, names: Set<String>)] = [:]
    private static let events = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)

    /// Folders whose changes are sitegen's own (the output, the cache): never watched or reported.
    private let ignored: [String]

    /// `later`: folders that may be made while the watch runs (a project's `Templates/`, say);
    /// once one appears it is watched like `roots`, and its appearing is a change. `ignoring`:
    /// folders inside the roots whose changes are not the user's (sitegen's output and cache).
    public init(watching roots: [URL], later: [URL] = [], ignoring: [URL] = []) throws {
        ignored = ignoring.map { $0.standardizedFileURL.path }
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw Failure(path: roots.first?.path ?? "", reason: String(cString: strerror(errno))) }
        do {
            for root in roots { try watchTree(root) }
            for folder in later {
                let parent = folder.deletingLastPathComponent()
                // Added to any watch the folder already has, not in place of it.
                let handle = inotify_add_watch(descriptor, parent.path, UInt32(IN_CREATE | IN_MOVED_TO | IN_MASK_ADD))
                guard handle >= 0 else { throw Failure(path: parent.path, reason: String(cString: strerror(errno))) }
                awaited[handle, default: (parent, [])].names.insert(folder.lastPathComponent)
            }
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }

    /// Waits until a file changes under the watched folders, then until nothing has changed for
    /// `settle` (an editor's save is often several events), and returns the changed paths, sorted.
    /// Returns nil if nothing changed within `timeout` (nil: wait as long as it takes).
    public func nextChange(settle: Duration = .milliseconds(150), timeout: Duration? = nil) -> [String]? {
        var changed: Set<String> = []
        guard wait(timeout) else { return nil }
        repeat {
            changed.formUnion(readEvents())
        } while wait(settle)
        return changed.sorted()
    }

    private func watchTree(_ root: URL) throws {
        guard !isIgnored(root.path) else { return }
        try watch(root)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true {
            if isIgnored(url.standardizedFileURL.path) { walker.skipDescendants(); continue }
            try watch(url)
        }
    }

    private func isIgnored(_ path: String) -> Bool {
        ignored.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    /// An editor's swap, backup or probe file: its changes are not a save.
    static func isScratch(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913"
    }

    private func watch(_ folder: URL) throws {
        let handle = inotify_add_watch(descriptor, folder.path, Self.events | UInt32(IN_MASK_ADD))
        guard handle >= 0 else { throw Failure(path: folder.path, reason: String(cString: strerror(errno))) }
        folders[handle] = folder
    }

    /// True when an event is waiting, or arrives within `limit` (nil: no limit).
    private func wait(_ limit: Duration?) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = limit.map { Int32($0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) } ?? -1
        while true {
            let ready = poll(&request, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }

    /// Reads the waiting events: the paths they name, with new folders put under watch.
    private func readEvents() -> [String] {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        var paths: [String] = []
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        buffer.withUnsafeBytes { bytes in
            while offset + header <= count {
                let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                let nameBytes = bytes[(offset + header)..<(offset + header + Int(event.len))].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += header + Int(event.len)
                if let parent = awaited[event.wd], parent.names.contains(name), event.mask & UInt32(IN_ISDIR) != 0 {
                    let path = parent.folder.appendingPathComponent(name)
                    try? watchTree(path)
                    paths.append(path.path)
                }
                guard let folder = folders[event.wd], !Self.isScratch(name) else { continue }
                let path = name.isEmpty ? folder : folder.appendingPathComponent(name)
                guard !isIgnored(path.standardizedFileURL.path) else { continue }
                if event.mask & UInt32(IN_ISDIR) != 0 && event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    try? watchTree(path)
                }
                if event.mask & UInt32(IN_IGNORED) != 0 { folders[event.wd] = nil }
                paths.append(path.path)
            }
        }
        return paths
    }
}
