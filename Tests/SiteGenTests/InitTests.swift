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

    /// A project's `Templates/` replaces the built-in theme file by file: one file overridden
    /// changes the pages made with it and no other file of the site.
    func testOverridingOneTemplateChangesOnlyWhatItRenders() throws {
        let folder = try TemporaryFolder()
        _ = try StarterProject.write(into: folder.url, withTemplates: false)
        func build(templates: URL?, into output: String) throws -> [String: Data] {
            var pipeline = Pipeline(options: BuildOptions(content: folder.url.appendingPathComponent("Content"), templates: templates,
                                                          output: folder.url.appendingPathComponent(output)))
            try pipeline.build()
            return folder.snapshot(output).filter { !$0.key.hasPrefix(".") }
        }
        let theme = try String(contentsOf: Repo.theme.appendingPathComponent("timeline.mustache"), encoding: .utf8)
        try folder.write("Templates/timeline.mustache", theme.replacingOccurrences(of: "<h1>", with: "<h1 class=\"ours\">"))
        let plain = try build(templates: nil, into: "plain")
        let overridden = try build(templates: folder.url.appendingPathComponent("Templates"), into: "overridden")
        XCTAssertEqual(Set(plain.keys), Set(overridden.keys))
        let changed = plain.keys.filter { plain[$0] != overridden[$0] }.sorted()
        XCTAssertEqual(changed, ["timeline/index.html"])
        XCTAssertTrue(String(decoding: overridden["timeline/index.html"] ?? Data(), as: UTF8.self).contains("<h1 class=\"ours\">"))
    }

    /// `sitegen templates`: the theme's files copied into an existing project to change, one by
    /// one; nothing written over a file that is there.
    func testTemplatesCopiesNamedThemeFilesIntoAProject() throws {
        let folder = try TemporaryFolder()
        XCTAssertEqual(try run(folder, ["init"]).status, 0)
        let copied = try run(folder, ["templates", "footer", "assets/style.css"])
        XCTAssertEqual(copied.status, 0, copied.errors)
        XCTAssertTrue(copied.output.hasPrefix("Copied 2 files into Templates/: footer.mustache, assets/style.css."), copied.output)
        XCTAssertEqual(try folder.read("Templates/footer.mustache"), try String(contentsOf: Repo.theme.appendingPathComponent("footer.mustache"), encoding: .utf8))

        try folder.write("Templates/footer.mustache", "<footer>Ours</footer>\n")
        let again = try run(folder, ["templates", "footer"])
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.errors, "Templates/footer.mustache:1:1: error: this file already exists; it is yours: sitegen copies nothing over a file that is there\n")
        XCTAssertEqual(try folder.read("Templates/footer.mustache"), "<footer>Ours</footer>\n")

        let misspelt = try run(folder, ["templates", "foter"])
        XCTAssertEqual(misspelt.status, 1)
        XCTAssertTrue(misspelt.errors.contains("error: the built-in theme has no file `foter`; did you mean `footer`?"), misspelt.errors)
    }
}
