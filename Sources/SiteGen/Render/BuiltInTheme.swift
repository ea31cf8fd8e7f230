import Foundation

/// Files shipped with sitegen as SwiftPM resources (`Sources/SiteGen/Theme` and `Starter`).
public enum PackagedResources {
    /// The resource folder SwiftPM puts beside the program.
    static let bundleName = "SiteGen_SiteGen.resources"

    /// A packaged folder beside the program, or nil when the program was moved without its
    /// resources. (SwiftPM's `Bundle.module` would stop the program there; a missing folder is
    /// an error to report instead.)
    static func folder(_ name: String) -> URL? {
        let beside = Bundle.main.bundleURL.appendingPathComponent(bundleName).appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: beside.path) ? beside : nil
    }

    static let missing = "keep the \(bundleName) folder beside the sitegen program"

    /// Every regular file under `folder`, as paths relative to it, sorted.
    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { relative in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(relative).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }
}

/// The default templates and assets. A project's `Templates/` overrides them file by file.
public enum BuiltInTheme {
    /// How diagnostics name a built-in file: `(built-in theme)/claim.mustache`.
    static let displayRoot = "(built-in theme)"
    public static var folder: URL? { PackagedResources.folder("Theme") }
}
