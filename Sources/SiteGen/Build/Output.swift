import CSystem
import Foundation

/// Publishes a rendered site all at once. Files are written into a fresh
/// folder beside the output, which is then swapped in with one atomic rename:
/// a reader (or a build killed half-way) sees the old site or the new one,
/// never a mix.
/// A file the cache said to keep was gone by the time it was needed.
struct StaleCache: Error {}

public struct Output {
    public let directory: URL

    public init(directory: URL) { self.directory = directory.standardizedFileURL }

    /// Refuses output folders whose replacement would destroy something else.
    public static func validate(output: URL, content: URL, templates: URL) -> Diagnostic? {
        let out = output.standardizedFileURL.resolvingSymlinksInPath().path
        let forbidden: [(String, String)] = [
            (content.standardizedFileURL.resolvingSymlinksInPath().path, "the content folder"),
            (templates.standardizedFileURL.resolvingSymlinksInPath().path, "the templates folder"),
            (FileManager.default.currentDirectoryPath, "the current folder"),
            (NSHomeDirectory(), "the home folder"),
        ]
        if out == "/" { return .error(output.path, nil, "the output folder cannot be `/`; it is replaced whole on every build") }
        for (path, name) in forbidden where out == path || path.hasPrefix(out + "/") {
            return .error(output.path, nil, "the output folder cannot be \(name) or hold it; it is replaced whole on every build")
        }
        return nil
    }

    /// Writes `files` into a new folder and swaps it in. A file marked unchanged
    /// is hard-linked from the current output instead of written again.
    func publish(_ files: [RenderedFile], cache: BuildCache? = nil) throws {
        let fileManager = FileManager.default
        let parent = directory.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        let prefix = ".\(directory.lastPathComponent).sitegen-tmp-"
        let staging = parent.appendingPathComponent("\(prefix)\(getpid())")
        // A build killed half-way leaves its staging folder behind; it never became the
        // site, so it is removed here unless its build is still running.
        for name in (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) == 0 { continue }
            try? fileManager.removeItem(at: parent.appendingPathComponent(name))
        }
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var made = Set<String>()
            for file in files {
                let target = staging.appendingPathComponent(file.path)
                let folder = target.deletingLastPathComponent().path
                if made.insert(folder).inserted {
                    try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                // Kept: a page the renderer skipped, or a file whose bytes are the ones already there.
                let keep = file.isUnchanged || (cache?.canReuse(file.path, key: file.key) ?? false)
                if keep, link(directory.appendingPathComponent(file.path).path, target.path) == 0 { continue }
                // The kept file vanished since it was checked: this build cannot use the cache.
                guard !file.isUnchanged else { throw StaleCache() }
                guard fileManager.createFile(atPath: target.path, contents: file.data) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
                }
            }
            try keepPlaceholders(in: staging)
            try swapIn(staging)
            cache?.save(files)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// Hidden files in the output root (such as the repository's `.gitkeep`)
    /// are not the build's to delete.
    private func keepPlaceholders(in staging: URL) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(".") {
            let source = directory.appendingPathComponent(name)
            let target = staging.appendingPathComponent(name)
            if !FileManager.default.fileExists(atPath: target.path) {
                try FileManager.default.copyItem(at: source, to: target)
            }
        }
    }

    private func swapIn(_ staging: URL) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: directory.path])
            }
            // Both names are swapped in one step (renameat2 with RENAME_EXCHANGE).
            guard sitegen_exchange_paths(staging.path, directory.path) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            try fileManager.removeItem(at: staging) // now holds the previous site
        } else {
            try fileManager.moveItem(at: staging, to: directory)
        }
    }
}
