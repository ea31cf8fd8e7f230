import Foundation

// The system calls of publishing, in one place: Foundation reports a full disk
// or an I/O error without its errno, and has no lock, link or lstat of its own.

/// A system call that failed, with what it was doing.
struct FileSystemFailure: Error, LocalizedError {
    let code: Int32
    /// What was being done, such as `writing index.html`.
    let action: String

    var reason: String { String(cString: strerror(code)) }
    var errorDescription: String? { "\(reason) (\(action))" }
}

/// What `lstat` says is at a path, without following a link.
enum FileSystemEntry: Equatable {
    case missing, file, folder, link, other

    static func kind(atPath path: String) -> FileSystemEntry {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// The permission bits of the folder or file at `path`, if there is one.
    static func permissions(atPath path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }
}

extension FileSystemEntry {
    /// Makes the folder at `path` and any missing above it, with `mkdir` itself: a site has a
    /// folder for every page, and Foundation's `createDirectory` looks at each part of the path first.
    static func makeFolder(atPath path: String) throws {
        if mkdir(path, 0o777) == 0 { return }
        let code = errno
        if code == EEXIST, kind(atPath: path) == .folder { return }
        guard code == ENOENT, let slash = path.lastIndex(of: "/"), slash > path.startIndex else { throw POSIXError(code) }
        try makeFolder(atPath: String(path[..<slash]))
        guard mkdir(path, 0o777) == 0 || (errno == EEXIST && kind(atPath: path) == .folder) else { throw POSIXError(errno) }
    }

    /// The names in the folder at `path`, sorted, each with what it is and its inode. The kind comes
    /// from the folder's own entries (`readdir`), not an `lstat` per name, where the file system gives it.
    static func contents(ofFolder path: String) throws -> [(name: String, kind: FileSystemEntry, inode: UInt64)] {
        guard let folder = opendir(path) else { throw POSIXError(errno) }
        defer { closedir(folder) }
        var entries: [(name: String, kind: FileSystemEntry, inode: UInt64)] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            let kind: FileSystemEntry = switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): .file
            case Int32(DT_DIR): .folder
            case Int32(DT_LNK): .link
            case Int32(DT_UNKNOWN): Self.kind(atPath: path + "/" + name)
            default: .other
            }
            entries.append((name, kind, UInt64(entry.pointee.d_ino)))
        }
        return entries.sorted { $0.name < $1.name }
    }
}

enum FileBytes {
    /// The whole file at `path`, read straight into an array (a cache file is tens of megabytes,
    /// and reading it as `Data` first would copy it once more); nil if it cannot be read.
    static func read(atPath path: String) -> [UInt8]? { readWithIdentity(atPath: path)?.bytes }

    /// The same, with which file it was (from the descriptor read, so the two agree).
    /// Nil for anything but a regular file: a folder (which some file systems give a size of 0,
    /// so it would read as an empty file), a pipe or a device (opened without waiting, never read).
    static func readWithIdentity(atPath path: String) -> (bytes: [UInt8], file: FileIdentity)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var complete = false
        // Not zero-filled first: every byte is read over (zeroing tens of megabytes cost as much as reading them).
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size)) { buffer, initialized in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0, errno == EINTR { continue }
                if count <= 0 { break }
                offset += count
            }
            complete = offset == buffer.count
            initialized = offset
        }
        return complete ? (bytes, FileIdentity(info)) : nil
    }

    /// Adds `bytes` to the end of the file at `path` if it is still `file` (same inode, same
    /// size): false, with nothing written, if another writer replaced or changed it, or if the
    /// write failed (its end may then hold part of `bytes`).
    static func append<Bytes: Collection<UInt8>>(_ bytes: Bytes, toPath path: String, ifStill file: FileIdentity) -> Bool {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        var info = stat()
        guard fstat(descriptor, &info) == 0, UInt64(info.st_ino) == file.inode, Int(info.st_size) == file.size else {
            close(descriptor)
            return false
        }
        let written = bytes.withContiguousStorageIfAvailable { Glibc.write(descriptor, $0.baseAddress, $0.count) } ?? -1
        return close(descriptor) == 0 && written == bytes.count
    }
}

/// Writes one new file of the site. A seam: tests put in a writer that fails
/// the way a dying disk does.
protocol SiteFileWriter: Sendable {
    /// Creates the file at `path` (which must not exist) with `data`; throws `POSIXError` with the errno.
    func write(_ data: Data, toPath path: String) throws
}

/// Writes with open, write and close, so that a full disk (ENOSPC, which some
/// file systems report only at close) or an I/O error surfaces with its errno.
struct DiskFileWriter: SiteFileWriter {
    func write(_ data: Data, toPath path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 { throw POSIXError(failure) }
    }
}

extension POSIXError {
    init(_ code: Int32) { self.init(POSIXErrorCode(rawValue: code) ?? .EIO) }
}

enum FileLinks {
    /// A second name for the file (or link) at `source`, so it survives the
    /// removal of the first; a copy where a hard link is not possible
    /// (another device, a file system without links).
    static func linkOrCopy(_ source: String, to target: String) throws {
        if link(source, target) == 0 { return }
        try FileManager.default.copyItem(atPath: source, toPath: target)
    }
}

/// An advisory lock on a file beside the output folder, held while a build
/// publishes, so two builds into one folder take turns. The kernel releases it
/// when the process ends, so a killed build never leaves it held. The lock
/// file itself stays: removing it would let a third build lock a new file
/// while a second one still waits on the old.
final class PublishLock {
    private let descriptor: Int32

    /// Takes the lock, calling `onWait` first if another build holds it.
    init(path: String, onWait: () -> Void) throws {
        descriptor = try Self.lockedDescriptor(path, onWait: onWait)
    }

    deinit { close(descriptor) }

    private static func lockedDescriptor(_ path: String, onWait: () -> Void) throws -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        var waited = false
        while flock(descriptor, waited ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EWOULDBLOCK, !waited {
                onWait()
                waited = true
            } else if code != EINTR {
                close(descriptor)
                throw POSIXError(code)
            }
        }
        return descriptor
    }
}

/// A file written beside its final name and renamed over it, so that a reader finds the
/// old file or the new one, never part of one. The temporary name carries the writer's
/// process id, so one left by a build that was killed is removed by a later one.
enum ReplacedFile {
    static func temporaryPath(for target: String) -> String {
        target + temporaryMarker + "\(getpid())-\(UUID().uuidString)"
    }

    /// Puts the finished temporary file in place, or removes it if that fails.
    static func commit(_ temporary: String, to target: String) {
        if rename(temporary, target) != 0 { unlink(temporary) }
    }

    /// Writes `bytes` to `target` by way of a temporary file. A failure leaves the old file.
    static func write(_ bytes: [UInt8], to target: String) {
        let temporary = temporaryPath(for: target)
        do {
            try bytes.withUnsafeBytes { buffer in
                // Not copied into a `Data` of its own: the buffer outlives the write.
                try Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: buffer.baseAddress!), count: buffer.count, deallocator: .none)
                    .write(to: URL(fileURLWithPath: temporary))
            }
            commit(temporary, to: target)
        } catch {
            unlink(temporary)
        }
    }

    /// Removes the temporary files of `target` whose writer is no longer running.
    static func removeAbandoned(for target: String) {
        let folder = (target as NSString).deletingLastPathComponent, prefix = (target as NSString).lastPathComponent + temporaryMarker
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), !ProcessStatus.isRunning(pid) else { continue }
            unlink(folder + "/" + name)
        }
    }

    private static let temporaryMarker = ".tmp-"
}

enum ProcessStatus {
    /// Whether a process with this id is running (signal 0 checks without sending anything).
    static func isRunning(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }
}

/// Which file or folder is at a path: its inode, size and modification time (`lstat`).
struct FileIdentity: Equatable {
    var inode: UInt64
    var size: Int
    var modified: Double

    /// What is at `path` if it is of the given kind (a regular file, or `S_IFDIR` for a folder).
    init?(atPath path: String, kind: mode_t = S_IFREG) {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == kind else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }

    func encode(to writer: inout BinaryWriter) {
        writer.write(unsigned: inode)
        writer.write(size)
        writer.write(modified)
    }

    init(from reader: inout BinaryReader) throws {
        inode = try reader.readUnsigned()
        size = try reader.read()
        modified = try reader.read()
    }
}
