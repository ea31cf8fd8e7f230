import Foundation
import Synchronization

/// What one step worked out for each item (a source's cleaned text, its dates and
/// mentions…) in the previous build, kept so the next build redoes only the items
/// whose inputs changed. Each record is keyed by the digest of everything its work
/// read, so a record is either exactly right or never asked for: the cache is
/// never trusted over the inputs.
///
/// One file per step, `<cache folder>/step-<name>.bin`: a header (format, the
/// `ToolIdentity` of the sitegen that wrote it), then records of a 16-byte key,
/// a length and the value's `BinaryCodable` bytes. The file is read once when
/// the step starts. New records go straight to a file beside it as they are
/// made, so they are not held in memory; `save()` adds the old records this build
/// used and renames the new file over the old. The file holds one build's worth
/// and never grows without end. A file from another tool, or one that does not
/// parse, is ignored.
final class StepCache: Sendable {
    static let format = 1

    private let file: URL?
    private let stored: [UInt8]
    private let previous: [ContentDigest: Range<Int>]
    private let next = Mutex(NextFile())

    /// The file being written: the records made so far, and the old records asked for.
    private struct NextFile {
        var handle: FileHandle?
        var path: String?
        var failed = false
        var reused: [ContentDigest: Range<Int>] = [:]
        var made: Set<ContentDigest> = []
    }

    /// A cache that keeps nothing: every value is made.
    static let none = StepCache(folder: nil, step: "")

    init(folder: URL?, step: String) {
        file = folder?.appendingPathComponent("step-\(step).bin")
        var previous: [ContentDigest: Range<Int>] = [:]
        var stored: [UInt8] = []
        if let file, let data = FileManager.default.contents(atPath: file.path) {
            stored = [UInt8](data)
            var reader = BinaryReader(stored)
            do {
                try Self.readHeader(&reader)
                while !reader.isAtEnd {
                    let key: ContentDigest = try reader.read()
                    let count = try reader.readCount()
                    let start = reader.position
                    _ = try reader.readBytes(count)
                    previous[key] = start..<(start + count)
                }
            } catch {
                previous = [:]
            }
        }
        self.stored = stored
        self.previous = previous
    }

    private static func header() -> BinaryWriter {
        var writer = BinaryWriter()
        writer.write(format)
        writer.write(ToolIdentity.digest)
        return writer
    }

    private static func readHeader(_ reader: inout BinaryReader) throws {
        guard try reader.read() as Int == format, try reader.read() as ContentDigest == ToolIdentity.digest else {
            throw BinaryDecodingError()
        }
    }

    /// The value made from the inputs `key` digests: read from the previous build's
    /// record when there is one that decodes, else made now and recorded. With no
    /// key (inputs that were not read from files), it is made and not recorded.
    func value<T: BinaryCodable>(for key: ContentDigest?, make: () -> T) -> T {
        guard let file, let key else { return make() }
        if let range = previous[key] {
            var reader = BinaryReader(stored, range: range)
            if let value = try? T(from: &reader), reader.isAtEnd {
                next.withLock { $0.reused[key] = range }
                return value
            }
        }
        let value = make()
        var record = BinaryWriter()
        record.write(key)
        var bytes = BinaryWriter()
        value.encode(to: &bytes)
        bytes.bytes.withUnsafeBytes { record.write(bytes: $0) }
        next.withLock { next in
            guard !next.failed, next.made.insert(key).inserted else { return }
            if next.handle == nil { Self.open(&next, beside: file) }
            next.failed = next.failed || !Self.append(record.bytes, to: next.handle)
        }
        return value
    }

    /// How many values were found in the previous build's records.
    var reusedCount: Int { next.withLock { $0.reused.count } }

    private static func open(_ next: inout NextFile, beside file: URL) {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let path = file.path + ".tmp-\(getpid())-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            next.failed = true
            return
        }
        (next.handle, next.path) = (handle, path)
        next.failed = !append(header().bytes, to: handle)
    }

    private static func append(_ bytes: [UInt8], to handle: FileHandle?) -> Bool {
        guard let handle else { return false }
        return (try? handle.write(contentsOf: bytes)) != nil
    }

    /// Adds the old records this build used to the new file and renames it over the old
    /// one, so a crash leaves one whole file or the other. A cache that cannot be written
    /// is only slower. When nothing new was made, the old file stays as it is.
    func save() {
        guard let file else { return }
        next.withLock { next in
            if next.handle == nil {
                // Nothing new: the old file already holds every record used (and perhaps a few
                // more), unless it was missing some this build asked for.
                guard next.reused.count < previous.count / 2 else { return }
                Self.open(&next, beside: file)
            }
            for (key, range) in next.reused where !next.failed {
                var record = BinaryWriter(capacity: range.count + 32)
                record.write(key)
                stored[range].withUnsafeBytes { record.write(bytes: $0) }
                next.failed = !Self.append(record.bytes, to: next.handle)
            }
            try? next.handle?.close()
            if let path = next.path {
                if next.failed { unlink(path) } else { rename(path, file.path) }
            }
            next = NextFile()
        }
    }
}
