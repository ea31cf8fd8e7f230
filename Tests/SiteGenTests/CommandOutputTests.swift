import XCTest
@testable import SiteGen

/// What `sitegen` prints for people and for CI: the summary line, JSON diagnostics, GitHub
/// annotations, and `--warnings-as-errors`.
final class CommandOutputTests: XCTestCase {
    /// The small fixture site plus a claim that draws one warning (a rating without a summary).
    private func siteWithOneWarning() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.copy(Repo.fixtures.appendingPathComponent("small/Content"), to: "Content")
        try folder.copy(Repo.theme, to: "Templates")
        try folder.write("Content/claims/c.yaml", """
        - id: figure
          statement: A statement.
          kind: figure
          speaker: Someone
          attribution: attributed
          verdict: accurate
          appearances:
            - {source: scraped, quote: "A Heading Line"}

        """)
        return folder
    }

    private func run(_ folder: TemporaryFolder, _ arguments: [String], environment: [String: String] = [:])
        throws -> (status: Int32, errors: String, output: String) {
        try SiteGenCommand.require()
        let result = try SiteGenCommand.run(in: folder.url, arguments, environment: environment)
        return (result.status, result.printed, result.output)
    }

    func testEveryBuildEndsWithOneSummaryLineEvenOutsideATerminal() throws {
        let folder = try siteWithOneWarning()
        let result = try run(folder, ["build", "--no-cache"])
        XCTAssertEqual(result.status, 0, result.errors)
        let last = try XCTUnwrap(result.errors.split(separator: "\n").last.map(String.init))
        XCTAssertTrue(last.hasPrefix("Built "), last)
        XCTAssertTrue(last.contains("pages (1 claim, 2 sources) into public in "), last)
        XCTAssertTrue(last.hasSuffix(" s, 1 warning"), "a real plural: \(last)")
        let quiet = try run(folder, ["build", "--no-cache", "--quiet"])
        XCTAssertFalse(quiet.errors.contains("Built "))
    }

    /// A diagnostic is one plain line: control characters from content (C0, DEL, C1) are shown
    /// as escapes, and every other character, ASCII or not, as it is. Each kind of control is
    /// tried alone, since the printing takes a shortcut for text that holds none.
    func testDiagnosticsShowControlCharactersAsEscapes() {
        let cases = [
            ("“Café” über", "“Café” über"),
            ("at 20°, £5\u{A0}net", "at 20°, £5\u{A0}net"),
            ("tab\there", "tab\\u{9}here"),
            ("escape\u{1B}[31m", "escape\\u{1b}[31m"),
            ("delete\u{7F}", "delete\\u{7f}"),
            ("next line\u{85}", "next line\\u{85}"),
            ("C1 end\u{9F}", "C1 end\\u{9f}"),
        ]
        for (message, shown) in cases {
            XCTAssertEqual(Diagnostic.warning("a.txt", SourcePosition(line: 2, column: 3), message).description, "a.txt:2:3: warning: \(shown)")
            XCTAssertEqual(Diagnostic.error(message, nil, "m").description, "\(shown):1:1: error: m")
        }
    }

    func testJSONFormatPrintsOneObjectPerDiagnostic() throws {
        let folder = try siteWithOneWarning()
        let result = try run(folder, ["check", "--format", "json", "--quiet"])
        let lines = result.output.split(separator: "\n")
        XCTAssertGreaterThanOrEqual(lines.count, 1, result.output)
        for line in lines {
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            XCTAssertEqual(Set(object.keys), ["path", "line", "column", "severity", "message"])
        }
        XCTAssertTrue(result.output.contains("\"severity\":\"warning\""))
        XCTAssertFalse(result.errors.contains(": warning: "), "JSON replaces the text lines")
    }

    func testUnderGitHubActionsDiagnosticsAreAlsoAnnotations() throws {
        let folder = try siteWithOneWarning()
        let plain = try run(folder, ["check", "--quiet"])
        XCTAssertFalse(plain.output.contains("::warning"))
        let annotated = try run(folder, ["check", "--quiet"], environment: ["GITHUB_ACTIONS": "true"])
        XCTAssertTrue(annotated.output.contains("::warning file=Content/claims/c.yaml,line=1,col=3::claim `figure` is rated `accurate` but has no `summary`"),
                      annotated.output)
        XCTAssertTrue(annotated.errors.contains("Content/claims/c.yaml:1:3: warning:"), "the text lines stay for people")
        // JSON stays one object per line for whatever reads it: no workflow commands among them.
        let json = try run(folder, ["check", "--quiet", "--format", "json"], environment: ["GITHUB_ACTIONS": "true"])
        XCTAssertFalse(json.output.contains("::warning"), json.output)
        for line in json.output.split(separator: "\n") { XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(line.utf8)), String(line)) }
        XCTAssertEqual(Diagnostic(.error, path: "a,b:c.yaml", line: 2, column: 3, "50% done\nnext").githubAnnotation,
                       "::error file=a%2Cb%3Ac.yaml,line=2,col=3::50%25 done%0Anext")
    }

    func testWarningsAsErrorsFailsAndLeavesTheOutputAsItWas() throws {
        let folder = try siteWithOneWarning()
        try folder.writePreviousSite()
        let before = folder.snapshot("public")
        let result = try run(folder, ["build", "--no-cache", "--warnings-as-errors"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.contains("Content/claims/c.yaml:1:3: error: claim `figure` is rated `accurate` but has no `summary`"), result.errors)
        XCTAssertEqual(folder.snapshot("public"), before)
    }
}
