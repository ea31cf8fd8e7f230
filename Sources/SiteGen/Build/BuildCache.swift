import Foundation

/// What the previous build wrote, so the next one can skip rendering pages
/// whose inputs did not change and leave their files alone.
///
/// The manifest (in the cache folder, one per output folder, in the binary form of `BinaryWriter`) records, for
/// each output file, the hash of what it was made from (a page's template
/// set and whole Mustache context, or a data file's bytes) and the size,
/// modification time and inode the file had when written. A file is kept only
/// when its key is the same, the tool is the same, and the file in the output
/// folder is still exactly the one written. Anything else, including
/// a manifest that does not parse, means "render it again": the cache is
/// never trusted over the inputs.
final class BuildCache: @unchecked Sendable {
    struct Entry: Equatable {
        var key: String
        var size: Int
        var modified: Double
        var inode: UInt64
    }

    static let format = 3

    let folder: URL
    let output: URL
    private let previous: [String: Entry]

    init(folder: URL, output: URL) {
        self.folder = folder
        self.output = output.standardizedFileURL
        let outputPath = self.output.path
        var previous: [String: Entry] = [:]
        if let bytes = FileBytes.read(atPath: Self.manifestURL(folder: folder, output: self.output).path) {
            previous = (try? Self.read(bytes, output: outputPath)) ?? [:]
        }
        // Read once, here: a file touched since it was written is left out, so the renderer asks
        // only this snapshot and reads no file itself.
        self.previous = previous.filter { Self.isIntact($0.value, at: outputPath + "/" + $0.key) }
    }

    /// The manifest: format, tool, output folder, then each file's path, key, size, modification time and inode.
    private static func read(_ bytes: [UInt8], output: String) throws -> [String: Entry] {
        var reader = BinaryReader(bytes)
        guard try reader.read() as Int == format, try reader.read() as ContentDigest == ToolIdentity.digest,
              try reader.read() as String == output else { return [:] }
        var entries: [String: Entry] = [:]
        let count = try reader.readCount()
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let path: String = try reader.read()
            entries[path] = Entry(key: try reader.read(), size: try reader.read(), modified: try reader.read(), inode: try reader.readUnsigned())
        }
        return entries
    }

    private static func manifestURL(folder: URL, output: URL) -> URL {
        folder.appendingPathComponent("manifest-\(ContentDigest(Data(output.path.utf8)).hex.prefix(16)).bin")
    }

    /// True when the file at `path` in the output folder was made from `key` by the previous
    /// build and had not been touched when the cache was read. Reads no file.
    func canReuse(_ path: String, key: String) -> Bool {
        previous[path]?.key == key
    }

    /// True when the file at `path` is still the one the previous build wrote: checked again
    /// just before it is linked into the new site, since it may have changed during the build.
    func isStillIntact(_ path: String) -> Bool {
        previous[path].map { Self.isIntact($0, at: output.path + "/" + path) } ?? false
    }

    private static func isIntact(_ entry: Entry, at path: String) -> Bool {
        stat(path).map { $0.size == entry.size && $0.modified == entry.modified && $0.inode == entry.inode } ?? false
    }

    /// Records what was published, once the new output folder is in place.
    func save(_ files: [RenderedFile]) {
        let outputPath = output.path
        var writer = BinaryWriter(capacity: files.count * 80)
        writer.write(Self.format)
        writer.write(ToolIdentity.digest)
        writer.write(outputPath)
        let entries = files.compactMap { file in Self.stat(outputPath + "/" + file.path).map { (file, $0) } }
        writer.write(unsigned: UInt64(entries.count))
        for (file, status) in entries {
            writer.write(file.path)
            writer.write(file.key)
            writer.write(status.size)
            writer.write(status.modified)
            writer.write(unsigned: status.inode)
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = Self.manifestURL(folder: folder, output: output).path
        ReplacedFile.removeAbandoned(for: target)
        ReplacedFile.write(writer.bytes, to: target)
        // The JSON manifest of earlier versions, if there is one: it is never read again.
        unlink((target as NSString).deletingPathExtension + ".json")
    }

    private static func stat(_ path: String) -> (size: Int, modified: Double, inode: UInt64)? {
        var info = Foundation.stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        return (Int(info.st_size), modified, UInt64(info.st_ino))
    }
}
