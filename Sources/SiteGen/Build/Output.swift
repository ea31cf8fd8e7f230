import CSystem
import Foundation
import Synchronization

/// A file the cache said to keep was gone by the time it was needed.
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
    func begin(cache: BuildCache? = nil, reuse: Bool = true) throws -> Publication {
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
        let staging = try makeStaging(in: parent, orThrow: cannotWrite)
        return Publication(output: self, staging: staging, lock: lock, sitegenFiles: sitegenFiles, cache: cache, reuse: reuse)
    }

    /// A fresh staging folder. One left by a killed build never became the site
    /// (or, after the swap, holds the previous site's copy): it is removed here
    /// unless its build is still running.
    private func makeStaging(in parent: URL, orThrow cannotWrite: (Error) -> OutputRefused) throws -> URL {
        let fileManager = FileManager.default
        let prefix = ".\(directory.lastPathComponent).sitegen-tmp-"
        for name in (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), ProcessStatus.isRunning(pid) { continue }
            try? fileManager.removeItem(at: parent.appendingPathComponent(name))
        }
        let staging = parent.appendingPathComponent("\(prefix)\(getpid())")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw cannotWrite(error)
        }
        return staging
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

    func swapIn(_ staging: URL) throws {
        if FileSystemEntry.kind(atPath: directory.path) == .folder {
            // Both names are swapped in one step (renameat2 with RENAME_EXCHANGE).
            guard sitegen_exchange_paths(staging.path, directory.path) == 0 else {
                throw FileSystemFailure(code: errno, action: "swapping the new site in")
            }
            // Now holds the previous site; if it cannot go now, the next build removes it.
            try? FileManager.default.removeItem(at: staging)
        } else {
            try FileManager.default.moveItem(at: staging, to: directory)
        }
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
    /// Folders made so far, and the first failure.
    private let state = Mutex<(folders: Set<String>, failure: Error?)>(([], nil))

    fileprivate init(output: Output, staging: URL, lock: PublishLock, sitegenFiles: Set<String>, cache: BuildCache?, reuse: Bool) {
        self.reuse = reuse
        self.output = output
        self.staging = staging
        stagingPath = staging.path
        outputPath = output.directory.path
        self.lock = lock
        self.sitegenFiles = sitegenFiles
        self.cache = cache
    }

    /// Puts the file into the staging folder and returns it without its bytes. A file the
    /// cache says is unchanged is hard-linked from the current output instead of written again.
    func write(_ file: RenderedFile) -> RenderedFile {
        guard !file.isWritten else { return file }
        var written = file
        written.data = Data()
        written.isWritten = true
        if state.withLock({ $0.failure != nil }) { return written }
        do {
            let target = stagingPath + "/" + file.path
            if let slash = file.path.lastIndex(of: "/") {
                let folder = stagingPath + "/" + file.path[..<slash]
                // Made under the lock: another writer with a file in the same folder waits for it.
                try state.withLock {
                    if $0.folders.insert(folder).inserted {
                        try FileSystemEntry.makeFolder(atPath: folder)
                    }
                }
            }
            // Kept: a page the renderer skipped, or a file whose bytes are the ones already there.
            let keep = reuse && (file.isUnchanged || (cache?.canReuse(file.path, key: file.key) ?? false))
                && (cache?.isStillIntact(file.path) ?? false)
            if keep, link(outputPath + "/" + file.path, target) == 0 { return written }
            // The kept file vanished since it was checked: this build cannot use the cache.
            guard !file.isUnchanged else { throw StaleCache() }
            try output.writeNew(file.data, at: file.path, toPath: target)
        } catch {
            state.withLock { if $0.failure == nil { $0.failure = error } }
        }
        return written
    }

    /// Writes what is left of `files`, then the manifest, carries the files sitegen did
    /// not write, and swaps the folder in.
    func finish(_ files: [RenderedFile]) throws {
        let files = files.map(write)
        if let failure = state.withLock({ $0.failure }) { throw failure }
        try output.writeNew(OutputManifest(paths: files.map(\.path)).data, at: OutputManifest.fileName, in: staging)
        try ForeignFiles(current: output.directory, staging: staging, display: output.display, sitegenFiles: sitegenFiles,
                         force: output.force).carry()
        if let permissions = FileSystemEntry.permissions(atPath: output.directory.path) { chmod(staging.path, permissions) }
        try output.swapIn(staging)
        cache?.save(files)
    }

    /// Removes the staging folder: the current output stays as it was.
    func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }
}
