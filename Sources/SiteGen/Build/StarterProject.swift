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
        let inTheWay = copies.map(\.to).filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        if let first = inTheWay.first {
            let display = (folder.relativePath == "." ? "" : folder.relativePath + "/") + first
            let more = inTheWay.count > 1 ? " (and \(Counted.text(inTheWay.count - 1, "other starter file")))" : ""
            throw BuildFailed(diagnostics: [.error(display, nil, "this file already exists\(more); sitegen init writes nothing into an existing project")])
        }
        do {
            for copy in copies {
                let target = folder.appendingPathComponent(copy.to)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: copy.from, to: target)
            }
        } catch {
            throw BuildFailed(diagnostics: [.error(folder.relativePath, nil, "could not write the starter project: \(Output.reason(error))")])
        }
        return copies.map(\.to)
    }
}
