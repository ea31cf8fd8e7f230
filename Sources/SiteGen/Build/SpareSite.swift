import Foundation

/// The previous site, kept in the cache folder after a swap and taken as the next build's
/// staging folder, so that a rebuild touches only the files that changed. Making a fresh
/// staging folder meant a folder and a hard link for every page, and removing the old tree
/// after the swap: tens of thousands of system calls, most of a one-article rebuild's publishing.
///
/// Its files are hard links shared with the output, so it costs little space. What it holds is
/// known from the `Inventory` taken when it was still the output (the walk that carries the
/// files sitegen did not write sees every entry): it is used only while the output manifest it
/// held is still the very file the inventory names, else it is removed and a fresh folder made.
/// Nothing in it is written in place: a file that changed is unlinked and made anew, so a file
/// it shares with the live site is never touched.
struct SpareSite {
    /// The spare folder and its inventory, in the cache folder (one of each per output folder).
    let folder: String
    let inventoryFile: String

    init(cache: BuildCache) {
        let stem = cache.folder.appendingPathComponent("spare-\(cache.outputKey)").path
        folder = stem
        inventoryFile = stem + ".bin"
    }

    /// Every entry of an output folder when it was walked, and which file held its manifest.
    struct Inventory: Equatable {
        enum Kind: Int { case folder = 0, siteFile = 1, otherFile = 2 }

        /// `.sitegen-manifest`'s inode, size and modification time: each build writes a new one.
        var manifest: FileIdentity
        /// Paths relative to the folder, each folder before what it holds, with their inodes.
        var entries: [(path: String, kind: Kind, inode: UInt64)]

        static func == (a: Inventory, b: Inventory) -> Bool {
            a.manifest == b.manifest && a.entries.elementsEqual(b.entries) { ($0.path, $0.kind, $0.inode) == ($1.path, $1.kind, $1.inode) }
        }

        /// The inode of each of the site's files.
        var siteFiles: [String: UInt64] {
            Dictionary(entries.lazy.filter { $0.kind == .siteFile }.map { ($0.path, $0.inode) }, uniquingKeysWith: { first, _ in first })
        }

        static let format = 1

        var bytes: [UInt8] {
            var writer = BinaryWriter(capacity: entries.count * 40)
            writer.write(Self.format)
            writer.write(ToolIdentity.digest)
            manifest.encode(to: &writer)
            writer.writeCount(entries.count)
            for entry in entries {
                writer.write(entry.path)
                writer.write(entry.kind.rawValue)
                writer.write(unsigned: entry.inode)
            }
            return writer.bytes
        }

        init(manifest: FileIdentity, entries: [(path: String, kind: Kind, inode: UInt64)]) {
            self.manifest = manifest
            self.entries = entries
        }

        init(bytes: [UInt8]) throws {
            var reader = BinaryReader(bytes)
            guard try reader.read() as Int == Self.format, try reader.read() as ContentDigest == ToolIdentity.digest else {
                throw BinaryDecodingError()
            }
            manifest = try FileIdentity(from: &reader)
            let count = try reader.readCount()
            entries = []
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let path: String = try reader.read()
                guard OutputManifest.isSafe(path), let kind = Kind(rawValue: try reader.read()) else { throw BinaryDecodingError() }
                entries.append((path, kind, try reader.readUnsigned()))
            }
        }
    }

    /// Moves the spare to `staging` (which must not exist) and returns what it holds, with the
    /// entries that were not the site's own already removed. Nil when there is no usable spare:
    /// a spare that does not match its inventory is removed.
    func take(to staging: String) -> Inventory? {
        let inventory = FileBytes.read(atPath: inventoryFile).flatMap { try? Inventory(bytes: $0) }
        unlink(inventoryFile)
        guard FileSystemEntry.kind(atPath: folder) == .folder else { return nil }
        guard let inventory, FileIdentity(atPath: folder + "/" + OutputManifest.fileName) == inventory.manifest,
              rename(folder, staging) == 0 else {
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        // Links to files that were not sitegen's: the walk of the current output links in the ones still there.
        for entry in inventory.entries where entry.kind == .otherFile {
            guard unlink(staging + "/" + entry.path) == 0 || errno == ENOENT else {
                // One that cannot go (in a read-only folder carried from the output): a fresh folder instead.
                if rename(staging, folder) == 0 { try? FileManager.default.removeItem(atPath: folder) }
                return nil
            }
        }
        return inventory
    }

    /// Keeps `previousSite` (the old output, just swapped out) as the spare, with the inventory
    /// taken of it; removes it if it cannot be kept.
    func keep(_ previousSite: String, inventory: Inventory?) {
        guard let inventory else {
            try? FileManager.default.removeItem(atPath: previousSite)
            return
        }
        try? FileManager.default.removeItem(atPath: folder)
        guard rename(previousSite, folder) == 0 else {
            try? FileManager.default.removeItem(atPath: previousSite)
            return
        }
        // Written after the rename: a build killed in between leaves an inventory that names
        // another manifest, and the spare is then not used.
        ReplacedFile.write(inventory.bytes, to: inventoryFile)
    }

    /// Removes from a taken spare the site files and folders of its inventory that the new
    /// site does not have (`paths`), deepest first; the rest was replaced file by file.
    /// False if one could not be removed.
    static func removeStale(in staging: String, inventory: Inventory, keeping paths: Set<String>) -> Bool {
        var folders: Set<Substring> = [""]
        for path in paths {
            var end = path.endIndex
            while let slash = path[..<end].lastIndex(of: "/"), folders.insert(path[..<slash]).inserted { end = slash }
        }
        for entry in inventory.entries.reversed() {
            switch entry.kind {
            case .siteFile where !paths.contains(entry.path) && entry.path != OutputManifest.fileName:
                guard unlink(staging + "/" + entry.path) == 0 || errno == ENOENT else { return false }
            case .folder where !folders.contains(Substring(entry.path)):
                let path = staging + "/" + entry.path
                guard rmdir(path) != 0, errno != ENOENT else { continue }
                // Not empty: something of the spare's own was left in it, as stale as the folder.
                guard errno == ENOTEMPTY, (try? FileManager.default.removeItem(atPath: path)) != nil else { return false }
            default:
                continue
            }
        }
        return true
    }
}

/// Which file is at a path: its inode, size and modification time (`lstat`).
struct FileIdentity: Equatable {
    var inode: UInt64
    var size: Int
    var modified: Double

    init?(atPath path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
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
