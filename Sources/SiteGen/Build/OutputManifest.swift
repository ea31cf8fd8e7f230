import Foundation

/// The list of files sitegen wrote into an output folder, kept in that folder
/// as `.sitegen-manifest`. It marks the folder as sitegen's, and it is the only
/// thing that lets a later build replace or delete a file there: whatever it
/// does not list (a deploy checkout's `.git` and README, a CNAME added by hand)
/// is not sitegen's and stays.
struct OutputManifest: Equatable {
    static let fileName = ".sitegen-manifest"
    /// The first line; a file without it is not sitegen's manifest.
    static let header = "# sitegen output manifest: the files sitegen wrote here; it replaces or deletes these and nothing else"

    /// Paths relative to the output folder, every one checked by `isSafe`.
    var paths: Set<String>

    init<Paths: Sequence>(paths: Paths) where Paths.Element == String {
        self.paths = Set(paths.filter(Self.isSafe))
    }

    /// The manifest of `folder`, or nil when there is none or it is not sitegen's
    /// (a link, something without the header). Entries that could point outside
    /// the folder (`../x`, `/etc/x`) are dropped: they can never name a file
    /// sitegen may delete.
    static func read(in folder: URL) -> OutputManifest? {
        let file = folder.appendingPathComponent(fileName)
        guard FileSystemEntry.kind(atPath: file.path) == .file,
              let data = FileManager.default.contents(atPath: file.path), startsWithHeader(data) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        return OutputManifest(paths: lines.dropFirst())
    }

    /// Whether `folder` has sitegen's manifest, from its first line alone: the check a build makes
    /// before its work (the whole list is read when it publishes).
    static func isPresent(in folder: URL) -> Bool {
        let path = folder.appendingPathComponent(fileName).path
        guard FileSystemEntry.kind(atPath: path) == .file, let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return startsWithHeader((try? handle.read(upToCount: 4096)) ?? Data())
    }

    /// Whether the first line that is not empty is the header (blank lines before it are skipped).
    private static func startsWithHeader(_ bytes: Data) -> Bool {
        let firstLine = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: true).first
        return firstLine.map { Data($0) } == Data(header.utf8)
    }

    /// The file's bytes: the header, then one path per line, sorted, so the same site gives the same manifest.
    var data: Data {
        Data(([Self.header] + paths.sorted()).map { $0 + "\n" }.joined().utf8)
    }

    /// A relative path that stays inside the folder and fits on one line: no part empty (so neither
    /// an empty path nor an absolute one), `.` or `..`, and no control character. One pass over the bytes (every path of
    /// the manifest and the spare site's inventory is checked on each build); the Unicode scalars
    /// are read only for a path that is not all printable ASCII.
    static func isSafe(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var partLength = 0, dots = 0, printableASCII = true
        func isBadPart() -> Bool { partLength == 0 || (dots == partLength && partLength <= 2) }
        for byte in path.utf8 {
            if byte == slash {
                if isBadPart() { return false }
                (partLength, dots) = (0, 0)
                continue
            }
            partLength += 1
            if byte == dot { dots += 1 }
            if byte < 0x20 || byte >= 0x7F { printableASCII = false }
        }
        if isBadPart() { return false }
        return printableASCII || !path.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
