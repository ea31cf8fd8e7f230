import Foundation
@testable import SiteGen

/// Paths inside the repository, found from this file's location.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let content = root.appendingPathComponent("Content")
    static let templates = root.appendingPathComponent("Templates")
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }
}

/// A scratch folder that removes itself.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` at `relative`, creating folders on the way.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, Data(text.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    func copy(_ source: URL, to relative: String) throws {
        try FileManager.default.copyItem(at: source, to: url.appendingPathComponent(relative))
    }

    /// A site an earlier build wrote into `relative`, with the manifest that marks it as sitegen's.
    func writePreviousSite(_ relative: String = "public") throws {
        try write("\(relative)/index.html", "<p>the previous site</p>")
        try write("\(relative)/claims/old/index.html", "<p>an old claim</p>")
        try write("\(relative)/\(OutputManifest.fileName)", OutputManifest(paths: ["index.html", "claims/old/index.html"]).data)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Every file under `relative` with its bytes, for before/after comparisons.
    func snapshot(_ relative: String) -> [String: Data] {
        let base = url.appendingPathComponent(relative)
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return files }
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let full = base.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = FileManager.default.contents(atPath: full)
            }
        }
        return files
    }
}

/// A minimal valid `site.yaml`.
let minimalSiteYAML = """
title: Test
base_url: "https://example.org/"
publisher:
  name: Test desk

"""

extension Pipeline {
    static func run(content: URL, output: URL, templates: URL = Repo.templates) throws -> (warnings: [Diagnostic], files: Int) {
        var pipeline = Pipeline(options: BuildOptions(content: content, templates: templates, output: output))
        return try pipeline.build()
    }

    /// The errors of a build expected to fail (warnings left out).
    static func failures(content: URL, output: URL, templates: URL = Repo.templates) -> [String] {
        do {
            _ = try run(content: content, output: output, templates: templates)
            return []
        } catch let failure as BuildFailed {
            return failure.diagnostics.filter { $0.severity == .error }.map(\.description)
        } catch {
            return ["unexpected: \(error)"]
        }
    }
}
