import Foundation

/// `sitegen init`: a small working explainer (`Sources/SiteGen/Starter`) written into a folder,
/// optionally with a copy of the built-in theme in `Templates/` to start changing. Nothing that
/// is already there is touched: if any file it would write exists, it writes none.
public enum StarterProject {
    /// Writes the starter into `folder` and returns the paths written, relative to it; or throws
    /// `BuildFailed` with one error, at the first file in the way.
    public static func write(into folder: URL, withTemplates: Bool) throws -> [String] {
        guard let starter = PackagedResources.folder("Starter"), let theme = BuiltInTheme.folder else {
            throw BuildFailed(diagnostics: [.error(folder.relativePath, nil, "sitegen's starter files are missing: \(PackagedResources.missing)")])
        }
        var copies = PackagedResources.files(under: starter).map { (from: starter.appendingPathComponent($0), to: $0) }
        if withTemplates {
            copies += PackagedResources.files(under: theme).map { (from: theme.appendingPathComponent($0), to: "Templates/" + $0) }
        }
        return try copy(copies, into: folder, what: "starter file", refusal: "sitegen init writes nothing into an existing project")
    }

    /// Copies built-in theme files into `templates` (a project's `Templates/`) to change them:
    /// `names` such as `footer`, `footer.mustache` or `assets/style.css`; none: the whole theme.
    /// Nothing is written if any of them is already there, or if a name is not a theme file.
    public static func copyTheme(_ names: [String], into templates: URL) throws -> [String] {
        guard let theme = BuiltInTheme.folder else {
            throw BuildFailed(diagnostics: [.error(templates.relativePath, nil, "sitegen's built-in theme is missing: \(PackagedResources.missing)")])
        }
        let all = PackagedResources.files(under: theme)
        var chosen: [String] = []
        for name in names {
            guard let file = all.first(where: { $0 == name || $0 == name + ".mustache" }) else {
                let hint = ClaimLink.suggestion(for: name, among: all.map { $0.hasSuffix(".mustache") ? String($0.dropLast(9)) : $0 })
                    .map { "; did you mean `\($0)`?" } ?? "; `sitegen templates` with no name copies them all"
                throw BuildFailed(diagnostics: [.error(name, nil, "the built-in theme has no file `\(name)`\(hint)")])
            }
            if !chosen.contains(file) { chosen.append(file) }
        }
        let files = names.isEmpty ? all : chosen
        return try copy(files.map { (theme.appendingPathComponent($0), $0) }, into: templates, what: "theme file",
                        refusal: "it is yours: sitegen copies nothing over a file that is there")
    }

    /// Copies each file to its place under `folder`, or none of them if any is in the way.
    private static func copy(_ copies: [(from: URL, to: String)], into folder: URL, what: String, refusal: String) throws -> [String] {
        let inTheWay = copies.map(\.to).filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        if let first = inTheWay.first {
            let display = (folder.relativePath == "." ? "" : folder.relativePath + "/") + first
            let more = inTheWay.count > 1 ? " (and \(Counted.text(inTheWay.count - 1, "other \(what)")))" : ""
            throw BuildFailed(diagnostics: [.error(display, nil, "this file already exists\(more); \(refusal)")])
        }
        do {
            for copy in copies {
                let target = folder.appendingPathComponent(copy.to)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: copy.from, to: target)
            }
        } catch {
            throw BuildFailed(diagnostics: [.error(folder.relativePath, nil, "could not write the \(what)s: \(Output.reason(error))")])
        }
        return copies.map(\.to)
    }
}
