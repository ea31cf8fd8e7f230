import XCTest
@testable import SiteGen

final class ContentLoaderTests: XCTestCase {
    /// The byte check of ids agrees with the rule as written with character sets, on short ids of
    /// allowed characters, letters and digits beyond ASCII, punctuation, spaces and control
    /// characters, and on ids of allowed characters alone either side of the 120-character limit.
    func testIdCheckAgreesWithTheRuleWrittenWithCharacterSets() {
        func byCharacterSets(_ id: String) -> Bool {
            guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 120 else { return false }
            let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
            return CharacterSet.alphanumerics.contains(first) && first.isASCII && id.unicodeScalars.allSatisfy { allowed.contains($0) }
        }
        let allowed = ["a", "Z", "0", "9", "-", "_", "."]
        let characters = allowed + ["\u{E9}", "\u{663}", "\u{4E2D}", " ", "/", "~", "\u{0}"]
        var generator = SplitMix(seed: 5)
        var (valid, long) = (0, 0)
        for round in 0..<3_000 {
            let isLong = round % 10 == 0
            let (length, pool) = isLong ? (118 + Int(generator.next() % 5), allowed) : (Int(generator.next() % 6), characters)
            let id = (0..<length).map { _ in pool[Int(generator.next() % UInt64(pool.count))] }.joined()
            XCTAssertEqual(id.unicodeScalars.count, length)
            XCTAssertEqual(Identifier.isValid(id), byCharacterSets(id), id.debugDescription)
            if byCharacterSets(id) { valid += 1; if isLong { long += 1 } }
        }
        XCTAssertTrue(Identifier.isValid(String(repeating: "a", count: 120)))
        XCTAssertFalse(Identifier.isValid(String(repeating: "a", count: 121)))
        XCTAssertGreaterThan(valid, 150)
        XCTAssertGreaterThan(long, 10, "some ids at the limit or under it, of allowed characters")
    }

    func testFrontMatterSplitsAndCountsBodyLines() throws {
        let split = try FrontMatter.split("---\ntitle: A\n---\n\nBody\n").get()
        XCTAssertEqual(split.yaml, "title: A")
        XCTAssertEqual(split.body, "\nBody\n")
        XCTAssertEqual(split.bodyLineOffset, 3)
        XCTAssertEqual(FrontMatter.split("no front matter").failure, .missing)
        XCTAssertEqual(FrontMatter.split("---\ntitle: A\n").failure, .unclosed)
    }

    /// The split reads scalars; splitting at newline Characters is the reference it must agree with,
    /// whatever the line endings ("\r\n" is one Character, so one line end).
    func testFrontMatterSplitsLinesAsCharactersDo() {
        func reference(_ text: String) -> (yaml: String, body: String, offset: Int)? {
            var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)[...]
            guard lines.first == "---" else { return nil }
            lines = lines.dropFirst()
            var yaml: [Substring] = [], consumed = 1
            while let line = lines.first {
                lines = lines.dropFirst()
                consumed += 1
                if line == "---" || line == "..." { return (yaml.joined(separator: "\n"), lines.joined(separator: "\n"), consumed) }
                yaml.append(line)
            }
            return nil
        }
        let samples = ["---\r\ntitle: A\r\n---\r\nBody\r\nmore\r\n", "---\ntitle: A\u{2028}b: c\n...\n\u{85}x\u{2029}y\r\r\n",
                       "---\n---\n", "---\ntitle: \"é\u{301}\"\n---\nCafé\u{301}\n\u{0B}z\u{0C}", "---\r---\rbody", "--- \nx\n---\n"]
        for sample in samples {
            let split = try? FrontMatter.split(sample).get()
            let expected = reference(sample)
            XCTAssertEqual(split?.yaml, expected?.yaml, sample.debugDescription)
            XCTAssertEqual(split?.body, expected?.body, sample.debugDescription)
            XCTAssertEqual(split?.bodyLineOffset, expected?.offset, sample.debugDescription)
        }
    }

    private func loadErrors(_ files: [String: String]) throws -> [String] {
        let folder = try TemporaryFolder()
        try folder.write("site.yaml", minimalSiteYAML)
        for (path, text) in files { try folder.write(path, text) }
        var loader = ContentLoader(contentDirectory: folder.url, displayRoot: "Content")
        _ = loader.load()
        return loader.diagnostics.sorted.map(\.description)
    }

    func testMalformedFrontMatterIsReportedAtItsLineAndColumn() throws {
        let errors = try loadErrors(["articles/a.md": "---\ntitle: \"unclosed\nkind: news\n---\n\nText\n"])
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors[0], "Content/articles/a.md:2:8: error: malformed YAML: found unexpected end of stream while scanning a quoted scalar")
    }

    func testWrongFieldsAreReportedWhereTheyAre() throws {
        let errors = try loadErrors(["articles/a.md": "---\ntitle: A\nkind: blog\ndate: 2026-02-30\nurl: javascript:alert(1)\ncolour: red\n---\n\nText\n"])
        XCTAssertEqual(errors, [
            "Content/articles/a.md:3:7: error: unknown `kind: blog`; use one of news, primary, post",
            "Content/articles/a.md:4:7: error: `date` must be a calendar date written YYYY-MM-DD, not `2026-02-30`",
            "Content/articles/a.md:5:6: error: `url` must be an http or https address, not `javascript:alert(1)`",
            "Content/articles/a.md:6:1: error: unknown field `colour` in the source metadata (expected one of: author, date, draft, kind, note, publisher, title, url)",
        ])
    }

    func testMissingAndUnclosedFrontMatter() throws {
        XCTAssertEqual(try loadErrors(["pages/p.md": "Just text\n"]),
                       ["Content/pages/p.md:1:1: error: the file must start with front matter: a line `---`, YAML fields, and a closing `---`"])
        XCTAssertEqual(try loadErrors(["pages/p.md": "---\ntitle: P\n"]),
                       ["Content/pages/p.md:1:1: error: the front matter opened here is never closed with a `---` line"])
        XCTAssertEqual(try loadErrors(["pages/p.md": "---\norder: 2\n---\nText\n"]),
                       ["Content/pages/p.md:2:1: error: the page's front matter is missing the required field `title`"])
    }

    func testFilesThatAreNotTextAreRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write("site.yaml", minimalSiteYAML)
        try folder.write("articles/bad.txt", Data([0x41, 0x0A, 0x42, 0xFF, 0x43]))
        try folder.write("articles/empty.txt", "  \n")
        // Only spaces, line breaks and a zero-width space: as empty as the blank file.
        try folder.write("articles/invisible.txt", "\u{00A0}\n\u{200B}\u{3000}\n")
        try folder.write("articles/bom.txt", Data([0xEF, 0xBB, 0xBF] + Array(" date 2026-01-01 Text.".utf8)))
        var loader = ContentLoader(contentDirectory: folder.url, displayRoot: "Content")
        let site = loader.load()
        XCTAssertNil(site)
        XCTAssertEqual(loader.diagnostics.sorted.map(\.description), [
            "Content/articles/bad.txt:2:2: error: the file is not valid UTF-8 text; save it as UTF-8",
            "Content/articles/empty.txt:1:1: error: the file is empty",
            "Content/articles/invisible.txt:1:1: error: the file is empty",
        ])
    }

    func testSidecarAddsMetadataButMayNotContradictTheText() throws {
        let folder = try TemporaryFolder()
        try folder.write("site.yaml", minimalSiteYAML)
        try folder.write("articles/a.txt", " date 2026-01-01 Text of the article.\n")
        try folder.write("articles/a.yaml", "publisher: Example News\n")
        var loader = ContentLoader(contentDirectory: folder.url, displayRoot: "Content")
        let site = try XCTUnwrap(loader.load())
        XCTAssertEqual(site.sources[0].metadata.publisher, "Example News")
        XCTAssertEqual(site.sources[0].metadata.date, "2026-01-01")
        try folder.write("articles/a.yaml", "date: 2026-01-05\n")
        loader = ContentLoader(contentDirectory: folder.url, displayRoot: "Content")
        XCTAssertNil(loader.load())
        XCTAssertEqual(loader.diagnostics.errors.map(\.description),
                       ["Content/articles/a.yaml:1:1: error: `date: 2026-01-05` contradicts the article's own date prefix 2026-01-01"])
    }

    /// Sidecars are found in the folder's listing: one beside its article is read, an article
    /// without one loads without, and a folder named like a sidecar is reported, not skipped.
    func testSidecarsAreFoundInTheFoldersListing() throws {
        let folder = try TemporaryFolder()
        try folder.write("site.yaml", minimalSiteYAML)
        try folder.write("articles/a.txt", " date 2026-01-01 Text of the first article.\n")
        try folder.write("articles/a.yaml", "publisher: Example News\n")
        try folder.write("articles/b.txt", " date 2026-01-02 Text of the second article.\n")
        var loader = ContentLoader(contentDirectory: folder.url, displayRoot: "Content")
        let site = try XCTUnwrap(loader.load())
        XCTAssertEqual(site.sources.map(\.metadata.publisher), ["Example News", nil])
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("articles/b.yaml"), withIntermediateDirectories: false)
        loader = ContentLoader(contentDirectory: folder.url, displayRoot: "Content")
        XCTAssertNil(loader.load())
        XCTAssertEqual(loader.diagnostics.errors.map(\.description), ["Content/articles/b.yaml:1:1: error: cannot read this file (is it missing?)"])
    }

    /// Only a regular file is read: a folder gives nil (on file systems that report a size of 0
    /// for one it would read as empty), and a pipe gives nil at once instead of waiting for a writer.
    func testFileBytesReadsRegularFilesOnly() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "text")
        XCTAssertEqual(FileBytes.read(atPath: folder.url.appendingPathComponent("a.txt").path), Array("text".utf8))
        try folder.write("empty.txt", "")
        XCTAssertEqual(FileBytes.read(atPath: folder.url.appendingPathComponent("empty.txt").path), [])
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("b.yaml"), withIntermediateDirectories: false)
        XCTAssertNil(FileBytes.read(atPath: folder.url.appendingPathComponent("b.yaml").path))
        let pipe = folder.url.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(pipe, 0o600), 0)
        XCTAssertNil(FileBytes.read(atPath: pipe))
        XCTAssertNil(FileBytes.read(atPath: folder.url.appendingPathComponent("missing").path))
    }

    func testRealContentLoadsAllSevenSources() throws {
        var loader = ContentLoader(contentDirectory: Repo.content)
        let site = try XCTUnwrap(loader.load(), loader.diagnostics.all.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(site.sources.count, 7)
        XCTAssertEqual(Set(site.sources.map(\.metadata.kind)), [.news, .primary, .post])
        let blog = try XCTUnwrap(site.sources.first { $0.id == "anthropic-blog-2026-02-23" })
        XCTAssertTrue(blog.text.string.contains("These labs generated over 16 million exchanges with Claude through approximately 24,000 fraudulent accounts"))
        XCTAssertEqual(site.sources.first { $0.id == "000_5999f76328f70683" }?.metadata.publisher, "Benzinga")
    }

    /// A stretch is cut from its block without walking the whole source, and the same as cutting the
    /// whole string when it crosses blocks, starts in the blank line between them or runs past the end.
    func testSubstringsOfASourceTextMatchTheWholeString() {
        let position = SourcePosition(line: 1, column: 1)
        let text = SourceText(blocks: [TextBlock(.paragraph, runs: [TextRun("Café “über” 24,000.")], position: position),
                                       TextBlock(.heading(level: 2), runs: [TextRun("Second — block")], position: position),
                                       TextBlock(.paragraph, runs: [TextRun("Último")], position: position)])
        let scalars = Array(text.string.unicodeScalars)
        func whole(_ start: Int, _ end: Int) -> String {
            let lower = min(max(0, start), scalars.count), upper = min(max(lower, end), scalars.count)
            return String(String.UnicodeScalarView(scalars[lower..<upper]))
        }
        for start in -2...(scalars.count + 2) {
            for end in (start - 1)...(scalars.count + 3) {
                XCTAssertEqual(text.substring(from: start, to: end), whole(start, end), "\(start)..<\(end)")
            }
        }
        XCTAssertEqual(text.substring(from: 6, to: 10), "über")
        XCTAssertEqual(SourceText(blocks: []).substring(from: 0, to: 3), "")
    }

    /// A source keeps its fields in one shared box: copies must still behave as separate values.
    func testASourceIsAValueThoughItsFieldsAreShared() {
        let text = SourceText(blocks: [TextBlock(.paragraph, runs: [TextRun("One two three.")], position: SourcePosition(line: 1, column: 1))])
        let original = Source(id: "a", path: "a.txt", format: .scrapedText, metadata: SourceMetadata(), headline: nil, text: text)
        var copy = original
        XCTAssertEqual(copy, original)
        copy.metadata.publisher = "Outlet"
        copy.id = "b"
        XCTAssertNil(original.metadata.publisher)
        XCTAssertEqual(original.id, "a")
        XCTAssertEqual(copy.metadata.publisher, "Outlet")
        XCTAssertNotEqual(copy, original)
        // Equal fields in two boxes are equal sources, with equal hashes.
        let twin = Source(id: "a", path: "a.txt", format: .scrapedText, metadata: SourceMetadata(), headline: nil, text: text)
        XCTAssertEqual(twin, original)
        XCTAssertEqual(Set([twin, original]).count, 1)
        copy.id = "a"
        copy.metadata.publisher = nil
        XCTAssertEqual(copy, original)
    }
}

private extension Result {
    var failure: Failure? { if case .failure(let error) = self { return error } else { return nil } }
}
