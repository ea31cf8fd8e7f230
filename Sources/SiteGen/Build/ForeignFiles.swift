import Foundation

/// Carries everything sitegen did not write (a deploy checkout's `.git` and
/// README, a CNAME put in by hand, `.gitkeep`) from the current output folder
/// into the staging folder, after the site's own files are written there.
///
/// Files are hard-linked, not moved: the originals stay where they are until
/// the staging folder has been swapped in, so a build killed at any moment
/// loses nothing (before the swap the old folder is whole; after it, the new
/// one holds the same files).
struct ForeignFiles {
    let current: URL
    let staging: URL
    /// The output path as the user gave it, for messages.
    let display: String
    /// What the previous build wrote: these may be replaced or dropped.
    let sitegenFiles: Set<String>
    /// A file sitegen did not write may be replaced by one of the site's (never a folder).
    let force: Bool
    /// A folder of many entries (the pages' folders under `articles/`) is walked on every core.
    var parallel = Parallel(jobs: 1)

    /// Carries the files, and returns every entry the current output held (its inventory,
    /// for keeping it as the spare site once it is swapped out): the walk sees them all.
    @discardableResult
    func carry() throws -> [SpareSite.Inventory.Entry] {
        guard FileSystemEntry.kind(atPath: current.path) == .folder else { return [] }
        var seen: [SpareSite.Inventory.Entry] = []
        try carry(folder: "", currentPath: current.path, stagingPath: staging.path, seen: &seen)
        return seen
    }

    // Paths are joined as strings: `URL.appendingPathComponent` for each of tens of
    // thousands of files was most of a rebuild's publishing time.
    private func carry(folder: String, currentPath: String, stagingPath: String, seen: inout [SpareSite.Inventory.Entry]) throws {
        let entries = try FileSystemEntry.contents(ofFolder: folder.isEmpty ? currentPath : currentPath + "/" + folder)
        guard parallel.width > 1, entries.count >= Self.entriesWalkedInParallel else {
            for entry in entries { try carry(entry, in: folder, currentPath: currentPath, stagingPath: stagingPath, seen: &seen) }
            return
        }
        // Each entry (a file, or a folder with all it holds) is independent of its neighbours; what
        // the workers saw is joined in the folder's order, and the first failure in that order is thrown.
        let found = parallel.map(entries) { entry in
            Result { () throws -> [SpareSite.Inventory.Entry] in
                var local: [SpareSite.Inventory.Entry] = []
                try carry(entry, in: folder, currentPath: currentPath, stagingPath: stagingPath, seen: &local)
                return local
            }
        }
        for result in found { seen += try result.get() }
    }

    private static let entriesWalkedInParallel = 64

    /// One entry of `folder`: a folder is walked with all it holds, a file sitegen did not write is linked in.
    private func carry(_ entry: (name: String, kind: FileSystemEntry, inode: UInt64), in folder: String, currentPath: String, stagingPath: String,
                       seen: inout [SpareSite.Inventory.Entry]) throws {
        let (name, kind, inode) = entry
        let path = folder.isEmpty ? name : folder + "/" + name
        let old = currentPath + "/" + path, new = stagingPath + "/" + path
        switch kind {
        case .missing:
            return
        case .folder:
            // Taken before the folder is listed: a change in between shows as a change later.
            seen.append(SpareSite.Inventory.Entry(path: path, kind: .folder, inode: inode, folder: FileIdentity(atPath: old, kind: S_IFDIR)))
            let existing = FileSystemEntry.kind(atPath: new)
            guard existing == .missing || existing == .folder else {
                throw conflict(path, "this folder was not made by sitegen, and the site now has a file here; move it away")
            }
            try carry(subfolder: path, creating: existing == .missing, currentPath: currentPath, stagingPath: stagingPath, seen: &seen)
        case .file, .link, .other:
            if path == OutputManifest.fileName || sitegenFiles.contains(path) {
                seen.append(SpareSite.Inventory.Entry(path: path, kind: .siteFile, inode: inode))
                return
            }
            seen.append(SpareSite.Inventory.Entry(path: path, kind: .otherFile, inode: inode))
            let existing = FileSystemEntry.kind(atPath: new)
            guard existing == .missing else {
                if force { return } // the site's file replaces it, as --force asked
                throw conflict(path, "this file was not written by sitegen, and the site now has a \(existing == .folder ? "folder" : "file") here; "
                                     + "move it away, or pass --force to replace it")
            }
            try FileLinks.linkOrCopy(old, to: new)
        }
    }

    /// A folder the site does not have is made only if something ends up in it,
    /// or if it was empty already: a page's folder from an earlier build does not linger.
    private func carry(subfolder path: String, creating: Bool, currentPath: String, stagingPath: String,
                       seen: inout [SpareSite.Inventory.Entry]) throws {
        let old = currentPath + "/" + path, new = stagingPath + "/" + path
        guard creating else { return try carry(folder: path, currentPath: currentPath, stagingPath: stagingPath, seen: &seen) }
        try FileManager.default.createDirectory(atPath: new, withIntermediateDirectories: false)
        try carry(folder: path, currentPath: currentPath, stagingPath: stagingPath, seen: &seen)
        let wasEmpty = (try? FileManager.default.contentsOfDirectory(atPath: old).isEmpty) ?? false
        if !wasEmpty, (try? FileManager.default.contentsOfDirectory(atPath: new).isEmpty) == true {
            try FileManager.default.removeItem(atPath: new)
        } else if let permissions = FileSystemEntry.permissions(atPath: old) {
            chmod(new, permissions) // after filling it, so a read-only folder can be carried too
        }
    }

    private func conflict(_ path: String, _ message: String) -> OutputRefused {
        OutputRefused(diagnostic: .error(display + "/" + path, nil, message))
    }
}
