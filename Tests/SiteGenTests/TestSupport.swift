import Foundation
import XCTest
@testable import SiteGen

/// Paths inside the repository, found from this file's location.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let content = root.appendingPathComponent("Content")
    /// The project's overrides of the built-in theme (none but a README here).
    static let templates = root.appendingPathComponent("Templates")
    /// The built-in theme's own files, for tests that copy or edit a whole theme.
    static let theme = root.appendingPathComponent("Sources/SiteGen/Theme")
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }
}

/// The benchmark's synthetic corpus (`Benchmarks/make_corpus.py`), seed 7: invented words, claims on one template.
enum Corpus {
    static func generate(into folder: URL, articles: Int, claims: Int, hugo: Bool = false) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repo.root.appendingPathComponent("Benchmarks/make_corpus.py").path, "--articles", String(articles),
                             "--claims", String(claims), "--seed", "7", "--out", folder.path] + (hugo ? ["--hugo"] : [])
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
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
    static func run(content: URL, output: URL, templates: URL = Repo.templates) throws -> Pipeline.Summary {
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

/// The `sitegen` command itself, for what only a process shows: its exit status,
/// what it prints, and two of them at once.
struct SiteGenCommand {
    static let binary = Repo.root.appendingPathComponent(".build/debug/sitegen")

    /// Skips the calling test when the command is not built.
    static func require() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: binary.path), "sitegen is not built (swift build)")
    }

    let process = Process()
    private let errorFile: URL
    private let outputFile: URL

    /// Starts `sitegen arguments…` in `folder`; its standard error and output go to files beside
    /// the folder. `environment` adds to (or overrides) the test's own.
    init(in folder: URL, _ arguments: [String], environment: [String: String] = [:]) throws {
        errorFile = folder.deletingLastPathComponent().appendingPathComponent("stderr-\(UUID().uuidString)")
        outputFile = folder.deletingLastPathComponent().appendingPathComponent("stdout-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        process.executableURL = Self.binary
        process.currentDirectoryURL = folder
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        try process.run()
    }

    /// What it wrote to standard output so far.
    var standardOutput: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }

    /// What it printed so far.
    var printed: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// The `path:line:col: error:` lines it printed.
    var errors: [String] { printed.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") } }

    /// Waits for it to end; returns its exit status.
    @discardableResult
    func finish() -> Int32 {
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: errorFile)
        try? FileManager.default.removeItem(at: outputFile)
        return process.terminationStatus
    }

    /// Runs it to the end: the exit status, the error lines, all it printed on standard error,
    /// and its standard output. GitHub annotations are off unless `environment` turns them on.
    static func run(in folder: URL, _ arguments: [String], environment: [String: String] = [:])
        throws -> (status: Int32, errors: [String], printed: String, output: String) {
        let command = try SiteGenCommand(in: folder, arguments, environment: ["GITHUB_ACTIONS": "false"].merging(environment) { $1 })
        command.process.waitUntilExit()
        let result = (command.process.terminationStatus, command.errors, command.printed, command.standardOutput)
        command.finish()
        return result
    }
}

/// A small tmpfs mounted for one test (as root only), to fill up or make read-only.
final class ScratchDisk {
    let url: URL

    /// Mounts `size` (such as `1m`) at `url`; skips the test where that is not possible, saying why.
    init(at url: URL, size: String) throws {
        try XCTSkipUnless(getuid() == 0, "mounting a small tmpfs needs root (CI runs the tests as root)")
        self.url = url
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try XCTSkipUnless(Self.mount(["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", url.path]) == 0,
                          "mount -t tmpfs failed (no CAP_SYS_ADMIN in this container?)")
    }

    func makeReadOnly() throws {
        guard Self.mount(["-o", "remount,ro", url.path]) == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }

    private var mounted = true

    /// Unmounts it (while its folder still exists); also done when it goes away.
    func unmount() {
        if mounted { _ = Self.run("/bin/umount", [url.path]) }
        mounted = false
    }

    deinit { unmount() }

    private static func mount(_ arguments: [String]) -> Int32 { run("/bin/mount", arguments) }

    private static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
