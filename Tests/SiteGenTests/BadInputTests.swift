import XCTest
@testable import SiteGen

/// SPEC §9: every bad input gets a clear diagnostic at its file, line and
/// column, the build fails, and the previous site is left exactly as it was.
final class BadInputTests: XCTestCase {
    static let corpus = Repo.fixtures.appendingPathComponent("bad")

    /// A case folder copied out, with the repository's templates under any the case brings,
    /// and a previous site in `public/` to prove it survives.
    private func prepare(_ name: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for item in try FileManager.default.contentsOfDirectory(atPath: Self.corpus.appendingPathComponent(name).path) {
            try folder.copy(Self.corpus.appendingPathComponent(name).appendingPathComponent(item), to: item)
        }
        for template in try FileManager.default.contentsOfDirectory(atPath: Repo.theme.path) {
            let target = folder.url.appendingPathComponent("Templates").appendingPathComponent(template)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: target.path) {
                try FileManager.default.copyItem(at: Repo.theme.appendingPathComponent(template), to: target)
            }
        }
        try folder.writePreviousSite()
        return folder
    }

    /// The build's errors with the temporary folder taken off the paths, as a desk would read them from its own folder.
    private func errors(in folder: TemporaryFolder, output: String = "public") -> [String]? {
        let target = output.hasPrefix("/") ? URL(fileURLWithPath: output) : folder.url.appendingPathComponent(output)
        var pipeline = Pipeline(options: BuildOptions(content: folder.url.appendingPathComponent("Content"),
                                                      templates: folder.url.appendingPathComponent("Templates"), output: target))
        do {
            try pipeline.build()
            return nil
        } catch let failure as BuildFailed {
            return failure.diagnostics.filter { $0.severity == .error }.map {
                $0.description.replacingOccurrences(of: folder.url.path + "/", with: "")
            }
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    func testEveryCaseOfTheCorpus() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter {
            FileManager.default.fileExists(atPath: Self.corpus.appendingPathComponent($0).appendingPathComponent("expected.txt").path)
        }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 30)
        var checked = 0
        for name in names {
            let folder = try prepare(name)
            let expected = try String(contentsOf: Self.corpus.appendingPathComponent("\(name)/expected.txt"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            let output = (try? folder.read("output.txt"))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "public"
            let before = folder.snapshot("public")
            let found = errors(in: folder, output: output)
            if expected == ["OK"] {
                XCTAssertNil(found, "\(name) should build: \(found ?? [])")
                continue
            }
            XCTAssertEqual(found ?? [], expected, name)
            XCTAssertEqual(folder.snapshot("public"), before, "\(name) left public/ as it was")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 30)
    }

    /// Cases too big or too odd to keep as files: made on the spot.
    func testHugeDeepAndLinkedInput() throws {
        let folder = try prepare("claim-link-to-nothing")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/pages/story.md"))
        try folder.write("Content/articles/huge.txt", " date 2026-01-01 " + String(repeating: "word ", count: 10_500_000))
        try folder.write("Content/pages/list.md", "---\ntitle: List\n---\n\n" + String(repeating: "- ", count: 10_000) + "deep\n")
        try folder.write("Content/pages/quote.md", "---\ntitle: Quote\n---\n\n" + String(repeating: "> ", count: 10_000) + "deep\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("Content/articles/outside.txt").path,
                                                   withDestinationPath: "/etc/hostname")
        // A pipe, and a link to one inside the folder: reading either would never end.
        XCTAssertEqual(mkfifo(folder.url.appendingPathComponent("Content/articles/pipe.txt").path, 0o600), 0)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("Content/articles/to-pipe.txt").path,
                                                   withDestinationPath: "pipe.txt")
        let before = folder.snapshot("public")
        let started = Date()
        XCTAssertEqual(errors(in: folder), [
            "Content/articles/huge.txt:1:1: error: the file is 50 MB; the limit is 4 MB",
            "Content/articles/outside.txt:1:1: error: this is a link to /etc/hostname, outside the content folder; copy the file in instead",
            "Content/articles/pipe.txt:1:1: error: this is not a regular file",
            "Content/articles/to-pipe.txt:1:1: error: this is not a regular file",
            "Content/pages/list.md:4:1: error: Markdown nested 20002 levels deep; the limit is 100",
            "Content/pages/quote.md:4:1: error: Markdown nested 10002 levels deep; the limit is 100",
        ])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "refused quickly, not after a crawl")
        XCTAssertEqual(folder.snapshot("public"), before)
    }

    func testTheCommandExitsNonZero() throws {
        let binary = Repo.root.appendingPathComponent(".build/debug/sitegen")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: binary.path), "sitegen is not built")
        let folder = try prepare("quote-not-found")
        let process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = folder.url
        process.arguments = ["build", "--no-cache"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1)
        let printed = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(printed.hasPrefix("Content/claims/claims.yaml:8:12: error: claim `trucks`: the quote"), printed)
    }
}
