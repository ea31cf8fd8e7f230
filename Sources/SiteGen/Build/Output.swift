import CSystem
import Foundation
import Synchronization

/// A file the cache said to keep was gone by the time it was needed, or a recycled staging folder
/// kept something the new site does not have: the site is rendered again into a fresh folder.
struct StaleCache: Error {}

/// Publishes a rendered site all at once. Files are written into a fresh
/// folder beside the output, the files sitegen did not write are linked in
/// beside them, and the folder is swapped in with one atomic rename: a reader
/// (or a build killed half-way) sees the old site or the new one, never a mix,
/// and never loses a file that was not sitegen's.
public struct Output {
    public let directory: URL
    /// The output path as the user gave it, for messages.
    let display: String
    /// Build into a folder sitegen did not make (keeping every file the site does not write).
    var force = false
    var writer: any SiteFileWriter = DiskFileWriter()
    /// Called when another build into the same folder holds the lock; this one then waits.
    var onWait: () -> Void = {}

    public init(directory: URL, display: String? = nil) {
        self.directory = directory.standardizedFileURL
        self.display = display ?? directory.relativePath
    }

    var folder: OutputFolder { OutputFolder(url: directory, display: display) }

    /// Refuses output paths where a site does not belong: `/`, the project,
    /// home, content or templates folder, a folder above one of them, or a
    /// folder inside the content or templates folder (the build would read its own output).
    public static func validate(output: URL, content: URL, templates: URL?) -> Diagnostic? {
        func real(_ url: URL) -> String { url.standardizedFileURL.resolvingSymlinksInPath().path }
        let out = real(output), contentPath = real(content)
        // Without a templates folder its place in the list is the content folder again.
        let templatesPath = templates.map(real) ?? contentPath
        let places = [(contentPath, "the content folder"), (templatesPath, "the templates folder"),
                      (FileManager.default.currentDirectoryPath, "the project folder"), (NSHomeDirectory(), "the home folder")]
        let problem: String? = if out == "/" {
            "`/`"
        } else if let (_, name) = places.first(where: { $0.0 == out }) {
            name
        } else if let (_, name) = places.first(where: { $0.0.hasPrefix(out + "/") }) {
            "a folder above \(name)"
        } else if let (_, name) = places.prefix(2).first(where: { out.hasPrefix($0.0 + "/") }) {
            "inside \(name)"
        } else {
            nil
        }
        return problem.map { .error(output.relativePath, nil, "the output folder cannot be \($0); sitegen needs a folder of its own") }
    }

    /// Takes the output's lock and makes a fresh staging folder beside it: the
    /// site's files go into it as they are rendered (`Publication.write`), and
    /// `Publication.finish` swaps it in.
    /// `parallel`: the cores the walk of the output may use.
    func begin(cache: BuildCache? = nil, reuse: Bool = true, parallel: Parallel = Parallel(jobs: 1)) throws -> Publication {
        let parent = directory.deletingLastPathComponent()
        let cannotWrite = { (error: Error) in
            OutputRefused(diagnostic: .error(display, nil, "cannot write into \(parent.path): \(Self.reason(error))"))
        }
        let lock: PublishLock
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            lock = try PublishLock(path: parent.appendingPathComponent(".\(directory.lastPathComponent).sitegen-lock").path, onWait: onWait)
        } catch {
            throw cannotWrite(error)
        }
        // Checked again under the lock: the folder may have changed since the build began.
        let state = folder.state
        if let refusal = folder.refusal(in: state, force: force) { throw OutputRefused(diagnostic: refusal) }
        let sitegenFiles = state.sitegenFiles
        let spare = cache.map(SpareSite.init)
        let (staging, recycled) = try makeStaging(in: parent, from: reuse ? spare : nil, orThrow: cannotWrite)
        return Publication(output: self, staging: staging, lock: lock, sitegenFiles: sitegenFiles, cache: cache, reuse: reuse,
                           spare: spare, recycled: recycled, parallel: parallel)
    }

    /// The staging folder: the spare site from the build before last when there is one (with its
    /// inventory), else a fresh folder. One left by a killed build never became the site (or,
    /// after the swap, holds the previous site's copy): it is removed here unless its build is still running.
    private func makeStaging(in parent: URL, from spare: SpareSite?, orThrow cannotWrite: (Error) -> OutputRefused) throws
        -> (URL, SpareSite.Inventory?) {
        let fileManager = FileManager.default
        let prefix = ".\(directory.lastPathComponent).sitegen-tmp-"
        for name in (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), ProcessStatus.isRunning(pid) { continue }
            try? fileManager.removeItem(at: parent.appendingPathComponent(name))
        }
        let staging = parent.appendingPathComponent("\(prefix)\(getpid())")
        if let inventory = spare?.take(to: staging.path) { return (staging, inventory) }
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw cannotWrite(error)
        }
        return (staging, nil)
    }

    func writeNew(_ data: Data, at path: String, in staging: URL) throws {
        try writeNew(data, at: path, toPath: staging.appendingPathComponent(path).path)
    }

    /// `target` is the full path of `path` in the staging folder.
    func writeNew(_ data: Data, at path: String, toPath target: String) throws {
        do {
            try writer.write(data, toPath: target)
        } catch {
            throw FileSystemFailure(code: (error as? POSIXError)?.code.rawValue ?? EIO, action: "writing \(path)")
        }
    }

    /// Swaps the staging folder in. True when it took the place of an output folder: the
    /// staging path then holds the previous site, for the caller to keep or remove.
    func swapIn(_ staging: URL) throws -> Bool {
        if FileSystemEntry.kind(atPath: directory.path) == .folder {
            // Both names are swapped in one step (renameat2 with RENAME_EXCHANGE).
            guard sitegen_exchange_paths(staging.path, directory.path) == 0 else {
                throw FileSystemFailure(code: errno, action: "swapping the new site in")
            }
            return true
        }
        try FileManager.default.moveItem(at: staging, to: directory)
        return false
    }

    /// The system's words for an error: "Read-only file system", "No space left on device".
    static func reason(_ error: Error) -> String {
        if let failure = error as? FileSystemFailure { return failure.errorDescription ?? failure.reason }
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedDescription
    }
}

/// One build's output on its way in: the lock is held and the staging folder
/// exists until `finish` swaps it in or `abandon` removes it. `write` may be
/// called from several renderers at once; the first failure is kept and
/// reported by `finish`, and nothing more is written after it.
final class Publication: @unchecked Sendable {
    let output: Output
    let staging: URL
    /// The staging and output folders' paths, to which each file's path is joined: thousands
    /// of files make `URL.appendingPathComponent` a noticeable cost.
    private let stagingPath: String, outputPath: String
    private let lock: PublishLock
    private let sitegenFiles: Set<String>
    private let cache: BuildCache?
    /// Whether files may be kept from the current output; false after the cache proved stale
    /// (the cache then only records what this build wrote).
    private let reuse: Bool
    /// Where the site swapped out is kept for the next build (with a cache).
    private let spare: SpareSite?
    /// When the staging folder is the spare site: what it held. Its files are then replaced one
    /// by one where they differ, and the rest of what the new site does not have is removed.
    private let recycled: SpareSite.Inventory?
    /// The inode of each of the site's files in a recycled staging folder.
    private let spareFiles: [String: UInt64]
    private let parallel: Parallel
    /// Folders made so far (or, in a recycled staging folder, there already), and the first failure.
    private let state: Mutex<(folders: Set<String>, failure: Error?)>

    fileprivate init(output: Output, staging: URL, lock: PublishLock, sitegenFiles: Set<String>, cache: BuildCache?, reuse: Bool,
                     spare: SpareSite?, recycled: SpareSite.Inventory?, parallel: Parallel) {
        self.reuse = reuse
        self.parallel = parallel
        self.output = output
        self.staging = staging
        stagingPath = staging.path
        outputPath = output.directory.path
        self.lock = lock
        self.sitegenFiles = sitegenFiles
        self.cache = cache
        self.spare = spare
        self.recycled = recycled
        spareFiles = recycled?.siteFiles ?? [:]
        let folders = recycled?.entries.filter { $0.kind == .folder }.map { staging.path + "/" + $0.path } ?? []
        state = Mutex((Set(folders), nil))
    }

    /// Puts the file into the staging folder and returns it without its bytes. A file the
    /// cache says is unchanged is hard-linked from the current output instead of written again
    /// (or left as it is, in a recycled staging folder that already has that very file).
    func write(_ file: RenderedFile) -> RenderedFile {
        guard !file.isWritten else { return file }
        var written = file
        written.data = Data()
        written.isWritten = true
        if state.withLock({ $0.failure != nil }) { return written }
        do {
            let target = stagingPath + "/" + file.path
            let folder = file.path.lastIndex(of: "/").map { stagingPath + "/" + file.path[..<$0] }
            if let folder {
                // Made under the lock: another writer with a file in the same folder waits for it.
                try state.withLock {
                    if $0.folders.insert(folder).inserted { try makeFolder(folder) }
                }
            }
            do {
                written.isKept = try place(file, at: target)
            } catch where recycled != nil && Self.isMissing(error) {
                // A folder the spare was to have is gone: made now, and the file placed again.
                if let folder { try state.withLock { _ in try makeFolder(folder) } }
                written.isKept = try place(file, at: target)
            }
        } catch {
            state.withLock { if $0.failure == nil { $0.failure = error } }
        }
        return written
    }

    /// Puts the file at `target`; true when it is the previous build's file, kept.
    private func place(_ file: RenderedFile, at target: String) throws -> Bool {
        // Kept: a page the renderer skipped, or a file whose bytes are the ones already there.
        let reusable = reuse && (file.isUnchanged || (cache?.canReuse(file.path, key: file.key) ?? false))
        // A recycled staging folder that holds the very file of the output has nothing to do.
        if reusable, let inode = cache?.inode(of: file.path), spareFiles[file.path] == inode { return true }
        if reusable, cache?.isStillIntact(file.path) ?? false {
            if recycled != nil { try clear(target) }
            if link(outputPath + "/" + file.path, target) == 0 { return true }
            // No folder for it: a recycled staging folder lost one (made again by `write`).
            if recycled != nil, errno == ENOENT, FileSystemEntry.kind(atPath: outputPath + "/" + file.path) != .missing {
                throw POSIXError(ENOENT)
            }
        }
        // The kept file vanished since it was checked: this build cannot use the cache.
        guard !file.isUnchanged else { throw StaleCache() }
        if recycled != nil { try clear(target) }
        try output.writeNew(file.data, at: file.path, toPath: target)
        return false
    }

    private static func isMissing(_ error: Error) -> Bool {
        (error as? POSIXError)?.code == .ENOENT || (error as? FileSystemFailure)?.code == ENOENT
    }

    /// Makes a folder of the staging folder; in a recycled one, a file of the spare's where the
    /// new site has a folder is removed first.
    private func makeFolder(_ path: String) throws {
        do {
            try FileSystemEntry.makeFolder(atPath: path)
        } catch let error as POSIXError where error.code == .EEXIST && recycled != nil {
            try clear(path)
            try FileSystemEntry.makeFolder(atPath: path)
        }
    }

    /// Removes what a recycled staging folder has at `path` (a file or link, or a folder where
    /// the new site has a file), so that a new file is never written into one the live site shares.
    private func clear(_ path: String) throws {
        if unlink(path) == 0 || errno == ENOENT { return }
        if errno == EISDIR || FileSystemEntry.kind(atPath: path) == .folder {
            try FileManager.default.removeItem(atPath: path)
        } else {
            throw FileSystemFailure(code: errno, action: "replacing \(path)")
        }
    }

    /// Writes what is left of `files`, then the manifest, carries the files sitegen did
    /// not write, and swaps the folder in.
    func finish(_ files: [RenderedFile]) throws {
        let files = files.map(write)
        if let failure = state.withLock({ $0.failure }) { throw failure }
        if let recycled {
            // What cannot be removed would stay in the site: this build starts again from a fresh folder.
            guard SpareSite.removeStale(in: stagingPath, inventory: recycled, keeping: Set(files.map(\.path))) else { throw StaleCache() }
            try clear(stagingPath + "/" + OutputManifest.fileName)
        }
        try output.writeNew(OutputManifest(paths: files.map(\.path)).data, at: OutputManifest.fileName, in: staging)
        // Taken before the walk, which lists every entry: a change after this shows as a change later.
        let manifest = FileIdentity(atPath: outputPath + "/" + OutputManifest.fileName)
        let root = FileIdentity(atPath: outputPath, kind: S_IFDIR)
        let walked = try ForeignFiles(current: output.directory, staging: staging, display: output.display, sitegenFiles: sitegenFiles,
                                      force: output.force, parallel: parallel).carry()
        if let permissions = FileSystemEntry.permissions(atPath: output.directory.path) { chmod(staging.path, permissions) }
        if try output.swapIn(staging) {
            // The staging path now holds the previous site: kept for the next build, or removed
            // (if it cannot go now, the next build removes it).
            if let spare, let manifest, let root {
                spare.keep(stagingPath, inventory: SpareSite.Inventory(manifest: manifest, root: root, entries: walked))
            } else {
                try? FileManager.default.removeItem(at: staging)
            }
        }
        cache?.save(files)
    }

    /// Removes the staging folder: the current output stays as it was.
    func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }
}
