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
        var file: FileIdentity
    }

    static let format = 4

    let folder: URL
    let output: URL
    private let previous: [String: Entry]

    init(folder: URL, output: URL, parallel: Parallel) {
        self.folder = folder
        self.output = output.standardizedFileURL
        let outputPath = self.output.path
        var previous: [String: Entry] = [:]
        if let bytes = FileBytes.read(atPath: Self.manifestURL(folder: folder, output: self.output).path) {
            previous = (try? Self.read(bytes, output: outputPath)) ?? [:]
        }
        // Read once, here: a file touched since it was written is left out, so the renderer asks
        // only this snapshot and reads no file itself.
        // One `lstat` per file of the site, on every core: tens of thousands on a large site.
        let entries = Array(previous)
        let intact = parallel.map(entries) { Self.isIntact($0.value, at: outputPath + "/" + $0.key) }
        self.previous = Dictionary(uniqueKeysWithValues: zip(entries, intact).lazy.filter(\.1).map { ($0.0.key, $0.0.value) })
    }

    /// The manifest: format, tool, output folder, then each file's path, key, inode, size and modification time.
    private static func read(_ bytes: [UInt8], output: String) throws -> [String: Entry] {
        var reader = BinaryReader(bytes)
        guard try reader.read() as Int == format, try reader.read() as ContentDigest == ToolIdentity.digest,
              try reader.read() as String == output else { return [:] }
        var entries: [String: Entry] = [:]
        let count = try reader.readCount()
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let path: String = try reader.read()
            entries[path] = Entry(key: try reader.read(), file: try FileIdentity(from: &reader))
        }
        return entries
    }

    private static func manifestURL(folder: URL, output: URL) -> URL {
        folder.appendingPathComponent("manifest-\(key(output)).bin")
    }

    /// What names this output folder's files in the cache folder.
    private static func key(_ output: URL) -> String { String(ContentDigest(Data(output.path.utf8)).hex.prefix(16)) }
    var outputKey: String { Self.key(output) }

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
        FileIdentity(atPath: path) == entry.file
    }

    /// The inode the previous build's file at `path` had (and still has, if `isStillIntact`).
    func inode(of path: String) -> UInt64? { previous[path]?.file.inode }

    /// Records what was published, once the new output folder is in place.
    func save(_ files: [RenderedFile]) {
        let outputPath = output.path
        var writer = BinaryWriter(capacity: files.count * 80)
        writer.write(Self.format)
        writer.write(ToolIdentity.digest)
        writer.write(outputPath)
        // A kept file is the one recorded before (no `lstat` for each of thousands of pages).
        let entries = files.compactMap { file in
            ((file.isKept ? previous[file.path]?.file : nil) ?? FileIdentity(atPath: outputPath + "/" + file.path)).map { (file, $0) }
        }
        writer.write(unsigned: UInt64(entries.count))
        for (file, identity) in entries {
            writer.write(file.path)
            writer.write(file.key)
            identity.encode(to: &writer)
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = Self.manifestURL(folder: folder, output: output).path
        ReplacedFile.removeAbandoned(for: target)
        ReplacedFile.write(writer.bytes, to: target)
        // The JSON manifest of earlier versions, if there is one: it is never read again.
        unlink((target as NSString).deletingPathExtension + ".json")
    }
}
