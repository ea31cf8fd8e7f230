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

        /// One entry: a file with its inode (from the folder's listing), or a folder with its
        /// inode, size and modification time, which change when an entry is added to it, removed or renamed.
        struct Entry: Equatable {
            var path: String
            var kind: Kind
            var inode: UInt64
            var folder: FileIdentity?
        }

        /// `.sitegen-manifest`'s inode, size and modification time: each build writes a new one.
        var manifest: FileIdentity
        /// The walked folder itself.
        var root: FileIdentity
        /// Paths relative to the folder, each folder before what it holds.
        var entries: [Entry]

        /// The inode of each of the site's files.
        var siteFiles: [String: UInt64] {
            Dictionary(entries.lazy.filter { $0.kind == .siteFile }.map { ($0.path, $0.inode) }, uniquingKeysWith: { first, _ in first })
        }

        /// Whether `folder` holds what the inventory lists, as far as its folders tell: none was
        /// changed since (a file added, removed or renamed anywhere changes its folder).
        func describes(_ folder: String) -> Bool {
            FileIdentity(atPath: folder, kind: S_IFDIR) == root && FileIdentity(atPath: folder + "/" + OutputManifest.fileName) == manifest
                && entries.allSatisfy { $0.kind != .folder || FileIdentity(atPath: folder + "/" + $0.path, kind: S_IFDIR) == $0.folder }
        }

        static let format = 2

        var bytes: [UInt8] {
            var writer = BinaryWriter(capacity: entries.count * 40)
            writer.write(Self.format)
            writer.write(ToolIdentity.digest)
            manifest.encode(to: &writer)
            root.encode(to: &writer)
            writer.writeCount(entries.count)
            for entry in entries {
                writer.write(entry.path)
                writer.write(entry.kind.rawValue)
                writer.write(unsigned: entry.inode)
                entry.folder?.encode(to: &writer)
            }
            return writer.bytes
        }

        init(manifest: FileIdentity, root: FileIdentity, entries: [Entry]) {
            self.manifest = manifest
            self.root = root
            self.entries = entries
        }

        init(bytes: [UInt8]) throws {
            var reader = BinaryReader(bytes)
            guard try reader.read() as Int == Self.format, try reader.read() as ContentDigest == ToolIdentity.digest else {
                throw BinaryDecodingError()
            }
            manifest = try FileIdentity(from: &reader)
            root = try FileIdentity(from: &reader)
            let count = try reader.readCount()
            entries = []
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let path: String = try reader.read()
                guard OutputManifest.isSafe(path), let kind = Kind(rawValue: try reader.read()) else { throw BinaryDecodingError() }
                let inode = try reader.readUnsigned()
                entries.append(Entry(path: path, kind: kind, inode: inode, folder: kind == .folder ? try FileIdentity(from: &reader) : nil))
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
        guard let inventory, inventory.describes(folder), rename(folder, staging) == 0 else {
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
    func keep(_ previousSite: String, inventory: Inventory) {
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
            // Gone already, or a folder above it became a file of the new site, or it became a
            // folder of the new site: not the spare's file any more.
            case .siteFile where !paths.contains(entry.path) && entry.path != OutputManifest.fileName:
                guard unlink(staging + "/" + entry.path) == 0 || [ENOENT, ENOTDIR, EISDIR].contains(errno) else { return false }
            case .folder where !folders.contains(Substring(entry.path)):
                let path = staging + "/" + entry.path
                // Gone, or now a file of the new site (`ENOTDIR`): nothing to remove.
                guard rmdir(path) != 0, errno != ENOENT, errno != ENOTDIR else { continue }
                // Not empty: something of the spare's own was left in it, as stale as the folder.
                guard errno == ENOTEMPTY, (try? FileManager.default.removeItem(atPath: path)) != nil else { return false }
            default:
                continue
            }
        }
        return true
    }
}
