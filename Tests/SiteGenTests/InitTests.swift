import XCTest
@testable import SiteGen

/// `sitegen init`: a new project that builds with no warning, and nothing overwritten.
final class InitTests: XCTestCase {
    private func run(_ folder: TemporaryFolder, _ arguments: [String]) throws -> (status: Int32, errors: String, output: String) {
        try SiteGenCommand.require()
        let result = try SiteGenCommand.run(in: folder.url, arguments)
        return (result.status, result.printed, result.output)
    }

    func testANewProjectBuildsWithNoWarning() throws {
        let folder = try TemporaryFolder()
        let initialised = try run(folder, ["init", "story"])
        XCTAssertEqual(initialised.status, 0, initialised.errors)
        XCTAssertTrue(initialised.output.hasPrefix("Wrote 9 files in story."), initialised.output)
        for file in ["site.yaml", "articles/001_riverside-post.txt", "articles/001_riverside-post.yaml", "articles/statement.md",
                     "claims/claims.yaml", "pages/story.md", "pages/about.md"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("story/Content/" + file).path), file)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("story/Templates").path), "the built-in theme is used")
        let site = try folder.read("story/Content/site.yaml")
        for field in SiteConfig.fields { XCTAssertTrue(site.contains("\n\(field):") || site.hasPrefix("\(field):"), "site.yaml shows `\(field)`") }

        var pipeline = Pipeline(options: BuildOptions(content: folder.url.appendingPathComponent("story/Content"), templates: nil,
                                                      output: folder.url.appendingPathComponent("story/public")))
        let summary = try pipeline.build()
        XCTAssertEqual(summary.warnings, [], summary.warnings.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(summary.claims, 2)
        let claim = try folder.read("story/public/claims/trucks-per-day/index.html")
        XCTAssertTrue(claim.contains("Unproven"), "the starter shows a rated claim")
        XCTAssertTrue(try folder.read("story/public/about/index.html").contains("Two questions"))
    }

    func testInitWritesNothingIntoAnExistingProject() throws {
        let folder = try TemporaryFolder()
        try folder.write("Content/site.yaml", "title: Mine\n")
        try folder.write("Content/pages/about.md", "---\ntitle: About us\n---\n\nUs.\n")
        let result = try run(folder, ["init"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.errors.split(separator: "\n").count, 1, "one root cause, one error: \(result.errors)")
        XCTAssertTrue(result.errors.hasPrefix("Content/pages/about.md:1:1: error: this file already exists (and 1 other starter file)"), result.errors)
        XCTAssertEqual(try folder.read("Content/site.yaml"), "title: Mine\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Content/claims").path))
    }

    func testTemplatesFlagCopiesTheWholeThemeToChange() throws {
        let folder = try TemporaryFolder()
        XCTAssertEqual(try run(folder, ["init", "--templates"]).status, 0)
        let theme = try XCTUnwrap(BuiltInTheme.folder)
        for file in PackagedResources.files(under: theme) {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Templates/" + file).path), file)
        }
        try folder.write("Templates/footer.mustache", "<footer>Our own footer</footer>\n")
        let built = try run(folder, ["build"])
        XCTAssertEqual(built.status, 0, built.errors)
        XCTAssertTrue(try folder.read("public/index.html").contains("<footer>Our own footer</footer>"), "a project file overrides the theme's")
    }
}
