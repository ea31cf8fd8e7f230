import Foundation
import Synchronization

/// What one step worked out for each item (a source's cleaned text, its dates and
/// mentions…) in the previous build, kept so the next build redoes only the items
/// whose inputs changed. Each record is keyed by the digest of everything its work
/// read, so a record is either exactly right or never asked for: the cache is
/// never trusted over the inputs.
///
/// One file per step, `<cache folder>/step-<name>.bin`: a header (format, the
/// `ToolIdentity` of the sitegen that wrote it), then records of a key, the
/// digest of the value's bytes (a damaged record is not used), a length and the
/// value's `BinaryCodable` bytes. The file is read once when
/// the step starts. New records go to a file beside it as they are
/// made (a megabyte at a time), so they are not held in memory. `save()` then appends them to the
/// old file while most of its records were used by this build (a one-article rebuild adds a few
/// kilobytes to tens of megabytes), and otherwise adds the old records this build used to the new
/// file and renames it over the old: the file never holds more than about twice what one build
/// uses. A file from another tool is ignored; one whose end does not parse (a build killed while
/// appending) is read up to there.
final class StepCache: Sendable {
    static let format = 2

    private let file: URL?
    private let stored: [UInt8]
    /// The old file as it was read, when it is this tool's and was read to its end: new records
    /// may go onto it while it is still that file, that size.
    private let whole: FileIdentity?
    private let previous: [ContentDigest: Record]
    private let next = Mutex(NextFile())

    /// Where a record's value is in `stored`, and the digest its bytes must have.
    private struct Record {
        var check: ContentDigest
        var range: Range<Int>
    }

    /// The file being written: the records made so far, and the old records asked for.
    private struct NextFile {
        var handle: FileHandle?
        var path: String?
        var failed = false
        var reused: [ContentDigest: Record] = [:]
        var made: Set<ContentDigest> = []
        /// Records not yet written: they go to the file a megabyte at a time, not in a
        /// system call each (a corpus has tens of thousands of them).
        var pending: [UInt8] = []

        /// Adds `bytes` to the file, writing out what is pending once it is large.
        mutating func append(_ bytes: [UInt8]) {
            pending += bytes
            if pending.count >= 1 << 20 { flush() }
        }

        mutating func flush() {
            guard !pending.isEmpty else { return }
            failed = failed || handle == nil || (try? handle?.write(contentsOf: pending)) == nil
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// A cache that keeps nothing: every value is made.
    static let none = StepCache(folder: nil, step: "")

    init(folder: URL?, step: String) {
        file = folder?.appendingPathComponent("step-\(step).bin")
        var previous: [ContentDigest: Record] = [:]
        var stored: [UInt8] = []
        var whole: FileIdentity?
        if let file, let (bytes, identity) = FileBytes.readWithIdentity(atPath: file.path) {
            stored = bytes
            var reader = BinaryReader(stored)
            do {
                try Self.readHeader(&reader)
                while !reader.isAtEnd {
                    let key: ContentDigest = try reader.read()
                    let check: ContentDigest = try reader.read()
                    let count = try reader.readCount()
                    let start = reader.position
                    _ = try reader.readBytes(count)
                    previous[key] = Record(check: check, range: start..<(start + count))
                }
                whole = identity
            } catch {
                // Kept: the records before the damage (each is still checked against its digest when used).
                if previous.isEmpty { stored = [] }
            }
        }
        self.stored = stored
        self.previous = previous
        self.whole = whole
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
        if let found: T = cached(key) { return found }
        let value = make()
        record(value, for: key)
        return value
    }

    /// The previous build's value for `key`, if it has a record that decodes (and is then kept).
    /// For steps that make the missing values together rather than one by one.
    func cached<T: BinaryCodable>(_ key: ContentDigest?) -> T? {
        guard file != nil, let key, let record = previous[key],
              stored[record.range].withUnsafeBytes({ ContentDigest($0) }) == record.check else { return nil }
        var reader = BinaryReader(stored, range: record.range)
        guard let value = try? T(from: &reader), reader.isAtEnd else { return nil }
        next.withLock { $0.reused[key] = record }
        return value
    }

    /// Records a value made in this build for the next one.
    func record<T: BinaryCodable>(_ value: T, for key: ContentDigest?) {
        guard let file, let key else { return }
        var bytes = BinaryWriter()
        value.encode(to: &bytes)
        var record = BinaryWriter(capacity: bytes.bytes.count + 48)
        record.write(key)
        bytes.bytes.withUnsafeBytes { buffer in
            record.write(ContentDigest(buffer))
            record.write(bytes: buffer)
        }
        next.withLock { next in
            guard !next.failed, next.made.insert(key).inserted else { return }
            if next.handle == nil { Self.open(&next, beside: file) }
            next.append(record.bytes)
        }
    }

    /// A record's bytes besides its value: key, digest and length.
    private static let recordOverhead = 36

    /// Moves the new records onto the end of the old file (the temporary file holds only them,
    /// after its header), and removes the temporary file. False, with the temporary file still
    /// open, if that could not be done: the old file is then no longer the one that was read (another
    /// build replaced it), or it could not be written (its end is then read up to there).
    private static func append(_ next: inout NextFile, to file: URL, asRead: FileIdentity) -> Bool {
        next.flush()
        let headerCount = header().bytes.count
        guard !next.failed, let path = next.path, let made = FileBytes.read(atPath: path), made.count >= headerCount,
              FileBytes.append(made[headerCount...], toPath: file.path, ifStill: asRead) else { return false }
        try? next.handle?.close()
        unlink(path)
        next = NextFile()
        return true
    }

    /// How many values were found in the previous build's records.
    var reusedCount: Int { next.withLock { $0.reused.count } }

    private static func open(_ next: inout NextFile, beside file: URL) {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        ReplacedFile.removeAbandoned(for: file.path)
        let path = ReplacedFile.temporaryPath(for: file.path)
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            next.failed = true
            return
        }
        (next.handle, next.path) = (handle, path)
        next.append(header().bytes)
    }

    /// Adds the old records this build used to the new file and renames it over the old
    /// one, so a crash leaves one whole file or the other. A cache that cannot be written
    /// is only slower. When nothing new was made, the old file stays as it is.
    func save() {
        guard let file else { return }
        next.withLock { next in
            // The old file already holds every record used, and little else (counted in bytes).
            let reusedBytes = next.reused.values.reduce(0) { $0 + $1.range.count + Self.recordOverhead }
            let oldFileIsWorthKeeping = whole != nil && reusedBytes >= stored.count / 2
            if next.handle == nil {
                guard !oldFileIsWorthKeeping else { return }
                Self.open(&next, beside: file)
            } else if oldFileIsWorthKeeping, let whole, Self.append(&next, to: file, asRead: whole) {
                return
            }
            for (key, record) in next.reused where !next.failed && !next.made.contains(key) {
                var bytes = BinaryWriter(capacity: record.range.count + 48)
                bytes.write(key)
                bytes.write(record.check)
                stored[record.range].withUnsafeBytes { bytes.write(bytes: $0) }
                next.append(bytes.bytes)
            }
            next.flush()
            if (try? next.handle?.close()) == nil { next.failed = true }
            if let path = next.path {
                if next.failed { unlink(path) } else { ReplacedFile.commit(path, to: file.path) }
            }
            next = NextFile()
        }
    }
}
