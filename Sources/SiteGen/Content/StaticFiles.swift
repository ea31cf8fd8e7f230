import Foundation

/// One file of `Content/static/`, copied into the output as it is.
public struct StaticFile: Sendable {
    /// Relative to `Content/static/`, and so to the output folder.
    public var path: String
    public var data: Data
    /// How diagnostics name it (`Content/static/CNAME`).
    var display: String
}

/// `Content/static/`: files the site serves as they are (a CNAME, robots.txt,
/// images, `.well-known/`), at the same paths in the output. They are written
/// by sitegen like its pages, so they are in its manifest: a file removed from
/// `Content/static/` leaves the output with the next build.
enum StaticFiles {
    static let folder = "static"
    /// Larger than a content file may be: images and PDFs are expected here.
    static let maxFileBytes = 100 * 1024 * 1024

    /// Every file under `static/` in `contentDirectory`, sorted by path. A link
    /// is followed only to a file inside the content folder; `.git` is skipped.
    /// `displayRoot` is how diagnostics name the folder (`Content/static/`).
    static func load(from contentDirectory: URL, displayRoot: String) -> (files: [StaticFile], diagnostics: [Diagnostic]) {
        var walk = Walk(root: contentDirectory.appendingPathComponent(folder),
                        contentRoot: contentDirectory.resolvingSymlinksInPath().path, displayRoot: displayRoot)
        if FileSystemEntry.kind(atPath: walk.root.path) == .folder { walk.visit("") }
        return (walk.files.sorted { $0.path < $1.path }, walk.diagnostics)
    }

    /// Adds the static files to the rendered ones; a static file where the site
    /// already has a page or a folder is an error naming the static file.
    static func add(_ statics: [StaticFile], to files: inout [RenderedFile]) -> [Diagnostic] {
        guard !statics.isEmpty else { return [] }
        let pages = Set(files.map(\.path))
        let folders = Set(files.flatMap { ancestors(of: $0.path) })
        var problems: [Diagnostic] = []
        for file in statics {
            if file.path == OutputManifest.fileName {
                problems.append(.error(file.display, nil, "this name is taken by sitegen's list of the files it wrote; rename this file"))
            } else if pages.contains(file.path) {
                problems.append(.error(file.display, nil, "the site already has a page at \(file.path); rename or remove this file"))
            } else if folders.contains(file.path) {
                problems.append(.error(file.display, nil, "the site has a folder at \(file.path); rename or remove this file"))
            } else if let page = ancestors(of: file.path).first(where: pages.contains) {
                problems.append(.error(file.display, nil, "the site has a file at \(page), so nothing can go inside it; move this file"))
            } else {
                files.append(RenderedFile(path: file.path, data: file.data))
            }
        }
        return problems
    }

    /// `a/b/c.png` → `a`, `a/b`.
    private static func ancestors(of path: String) -> [String] {
        let parts = path.split(separator: "/")
        return (1..<max(parts.count, 1)).map { parts[..<$0].joined(separator: "/") }
    }

    private struct Walk {
        let root: URL
        let contentRoot: String
        let displayRoot: String
        var files: [StaticFile] = []
        var diagnostics: [Diagnostic] = []

        func display(_ path: String) -> String { displayRoot + path }

        mutating func visit(_ folder: String) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            for name in names.sorted() where name != ".git" {
                let path = folder.isEmpty ? name : folder + "/" + name
                guard files.count < ContentLoader.Limits.maxFiles else {
                    diagnostics.append(.error(display(path), nil, "more than \(ContentLoader.Limits.maxFiles) static files; the limit is \(ContentLoader.Limits.maxFiles)"))
                    return
                }
                guard OutputManifest.isSafe(path) else {
                    diagnostics.append(.error(display(path), nil, "the file name contains a control character; rename it"))
                    continue
                }
                let file = root.appendingPathComponent(path)
                switch FileSystemEntry.kind(atPath: file.path) {
                case .folder: visit(path)
                case .file: read(file, path: path)
                case .link: follow(file, path: path)
                case .missing: continue
                case .other: diagnostics.append(.error(display(path), nil, "this is not a regular file"))
                }
            }
        }

        private mutating func follow(_ link: URL, path: String) {
            let target = link.resolvingSymlinksInPath().path
            guard target.hasPrefix(contentRoot + "/") else {
                diagnostics.append(.error(display(path), nil, "this is a link to \(target), outside the content folder; copy the file in instead"))
                return
            }
            switch FileSystemEntry.kind(atPath: target) {
            case .file: read(URL(fileURLWithPath: target), path: path)
            case .folder: diagnostics.append(.error(display(path), nil, "this is a link to a folder; copy the folder in instead"))
            default: diagnostics.append(.error(display(path), nil, "this link leads to no file"))
            }
        }

        private mutating func read(_ file: URL, path: String) {
            let size = ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber)?.intValue ?? 0
            guard size <= StaticFiles.maxFileBytes else {
                diagnostics.append(.error(display(path), nil, "the file is \(size / 1_048_576) MB; the limit for a static file is \(StaticFiles.maxFileBytes / 1_048_576) MB"))
                return
            }
            guard let data = FileManager.default.contents(atPath: file.path) else {
                diagnostics.append(.error(display(path), nil, "cannot read this file"))
                return
            }
            files.append(StaticFile(path: path, data: data, display: display(path)))
        }
    }
}
