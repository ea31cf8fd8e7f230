import XCTest
@testable import SiteGen

final class BuildTests: XCTestCase {
    private func fixtureBuild() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try Pipeline.run(content: Repo.fixtures.appendingPathComponent("small/Content"), output: folder.url.appendingPathComponent("public"))
        return folder
    }

    func testFixtureSiteWritesEveryPage() throws {
        let folder = try fixtureBuild()
        let files = Set(folder.snapshot("public").keys)
        XCTAssertEqual(files, ["index.html", "404.html", "articles/index.html", "articles/scraped/index.html",
                               "articles/primary/index.html", "intro/index.html", "assets/style.css", "assets/favicon.svg",
                               "claims/index.html", "coverage/index.html", "claims.json", "timeline/index.html",
                               "entities/index.html", "compare/index.html", "feed.xml", "sitemap.xml", "corrections/index.html",
                               ".sitegen-manifest"])
        let scraped = try folder.read("public/articles/scraped/index.html")
        XCTAssertTrue(scraped.contains("<time datetime=\"2026-03-01\">2026-03-01</time>"))
        XCTAssertTrue(scraped.contains("<h3 id=\"p2\">\nA Heading Line\n</h3>"), scraped)
        XCTAssertFalse(scraped.contains("Advertisement"))
        XCTAssertTrue(scraped.contains("href=\"../../assets/style.css\""), "links are relative to the page")
        let home = try folder.read("public/index.html")
        XCTAssertTrue(home.contains("href=\"articles/primary/\""))
        XCTAssertTrue(home.contains("href=\"intro/\""))
        XCTAssertTrue(home.contains("<link rel=\"canonical\" href=\"https://example.org/fixture/\">"))
    }

    /// A one-off build leaves its site for the system to take back at exit, and writes the same
    /// site; a value left so is never freed, and one that is not is freed as usual.
    func testABuildThatEndsTheProcessWritesTheSameSiteAndLeavesItsValues() throws {
        let folder = try TemporaryFolder()
        var options = BuildOptions(content: Repo.fixtures.appendingPathComponent("small/Content"), templates: Repo.templates,
                                   output: folder.url.appendingPathComponent("ending"))
        options.processEndsAfterBuild = true
        var ending = Pipeline(options: options)
        try ending.build()
        _ = try Pipeline.run(content: options.content, output: folder.url.appendingPathComponent("usual"))
        XCTAssertEqual(folder.snapshot("ending"), folder.snapshot("usual"))

        final class Marker {}
        weak var left: Marker?, freed: Marker?
        do {
            let marker = Marker(), other = Marker()
            (left, freed) = (marker, other)
            ProcessEnd.leave([marker])
        }
        XCTAssertNotNil(left)
        XCTAssertNil(freed)
    }

    /// The header and footer are rendered once per depth and current page, not per page:
    /// each page must still get its own links and its own current item, from the templates given.
    func testEveryPageHasItsOwnHeaderFromTheHeaderTemplate() throws {
        let folder = try fixtureBuild()
        let claims = try folder.read("public/claims/index.html"), article = try folder.read("public/articles/scraped/index.html")
        XCTAssertTrue(claims.contains(#"<li><a href="../claims/" aria-current="page">Claims</a></li>"#), claims)
        XCTAssertTrue(claims.contains(#"<li><a href="../articles/">Sources</a></li>"#))
        XCTAssertTrue(article.contains(#"<li><a href="../../claims/">Claims</a></li>"#), article)
        XCTAssertFalse(article.contains("aria-current"))
        let home = try folder.read("public/index.html")
        XCTAssertTrue(home.contains(#"<li><a href="./" aria-current="page">Home</a></li>"#), home)

        let custom = try TemporaryFolder()
        try FileManager.default.copyItem(at: Repo.templates, to: custom.url.appendingPathComponent("Templates"))
        try custom.write("Templates/header.mustache", "<header>{{site.title}} at {{root}}: {{#nav}}[{{title}}{{#current}}*{{/current}}]{{/nav}}</header>\n")
        _ = try Pipeline.run(content: Repo.fixtures.appendingPathComponent("small/Content"), output: custom.url.appendingPathComponent("public"),
                             templates: custom.url.appendingPathComponent("Templates"))
        let customClaims = try custom.read("public/claims/index.html")
        XCTAssertTrue(customClaims.contains("at ../: [Home][Explainer][Claims*]"), customClaims)
        XCTAssertTrue(try custom.read("public/articles/scraped/index.html").contains("at ../../: [Home][Explainer][Claims]"))
    }

    func testHostileTextIsEscapedEverywhere() throws {
        let folder = try fixtureBuild()
        let scraped = try folder.read("public/articles/scraped/index.html")
        XCTAssertTrue(scraped.contains("has &lt;script&gt;alert(1)&lt;/script&gt; in it."))
        let primary = try folder.read("public/articles/primary/index.html")
        XCTAssertTrue(primary.contains("<h1>A primary &lt;source&gt; &amp; more</h1>"))
        XCTAssertTrue(primary.contains("<a href=\"https://example.org/a\">safe link</a>"))
        let intro = try folder.read("public/intro/index.html")
        for page in [scraped, primary, intro] {
            XCTAssertFalse(page.contains("<script"))
            XCTAssertFalse(page.contains("javascript:"))
            XCTAssertFalse(page.contains("onclick"))
            XCTAssertFalse(page.contains("<b>inline"))
        }
    }

    func testFailedBuildLeavesThePreviousOutputUntouched() throws {
        let folder = try TemporaryFolder()
        let output = folder.url.appendingPathComponent("public")
        let content = folder.url.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent("small/Content"), to: content)
        _ = try Pipeline.run(content: content, output: output)
        let before = folder.snapshot("public")
        XCTAssertFalse(before.isEmpty)

        try folder.write("Content/pages/broken.md", "---\ntitle: [unclosed\n---\nText\n")
        let errors = Pipeline.failures(content: content, output: output)
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].hasPrefix("\(content.path)/pages/broken.md:2:8: error: malformed YAML"), errors[0])
        XCTAssertEqual(folder.snapshot("public"), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains("sitegen-tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testRebuildReplacesTheFilesOfThePreviousBuild() throws {
        let folder = try TemporaryFolder()
        let output = folder.url.appendingPathComponent("public")
        let content = folder.url.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: Repo.fixtures.appendingPathComponent("small/Content"), to: content)
        try folder.write("public/.gitkeep", "")
        try folder.write("Content/pages/extra.md", "---\ntitle: Extra\n---\nText\n")
        _ = try Pipeline.run(content: content, output: output)
        XCTAssertNotNil(folder.snapshot("public")["extra/index.html"])
        try FileManager.default.removeItem(at: content.appendingPathComponent("pages/extra.md"))
        _ = try Pipeline.run(content: content, output: output)
        let files = folder.snapshot("public")
        XCTAssertNil(files["extra/index.html"], "files from an earlier build do not linger")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("extra").path), "nor do their folders")
        XCTAssertNotNil(files[".gitkeep"], "the placeholder in the output root is kept")
    }

    func testOutputFolderMayNotBeTheContentFolder() throws {
        let content = Repo.fixtures.appendingPathComponent("small/Content")
        let errors = Pipeline.failures(content: content, output: content)
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].contains("error: the output folder cannot be the content folder"))
    }

    /// The errors of building the small fixture with the real templates, `files` written over them.
    private func failures(withTemplates files: [String: String]) throws -> [String] {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Repo.theme, to: folder.url.appendingPathComponent("Templates"))
        for (name, text) in files { try folder.write("Templates/\(name)", text) }
        return Pipeline.failures(content: Repo.fixtures.appendingPathComponent("small/Content"),
                                 output: folder.url.appendingPathComponent("public"),
                                 templates: folder.url.appendingPathComponent("Templates"))
    }

    func testTemplateErrorsAreReportedWithPositions() throws {
        let errors = try failures(withTemplates: ["404.mustache": "{{<layout}}{{$main}}\n<p>{{#open}}never closed</p>\n{{/main}}{{/layout}}",
                                                  "index.mustache": "{{> nowhere}}"])
        XCTAssertEqual(errors.count, 2, errors.joined(separator: "\n"))
        XCTAssertTrue(errors.contains { $0.contains("404.mustache:") && $0.contains("error: template syntax error") }, errors.joined())
        XCTAssertTrue(errors.contains { $0.hasSuffix("index.mustache:1:1: error: the partial `nowhere` does not exist (no nowhere.mustache in the templates folder)") }, errors.joined())
    }

    /// Templates copied from before the marked words and excerpts came as HTML would render them as
    /// nothing: each use of a retired name is an error at its place; a leftover file nothing includes is not.
    func testTemplatesThatUseRetiredNamesAreErrors() throws {
        // A claim page that lays its columns out itself, each with its marked words.
        let claim = try WordingColumnsTests.claimTemplateWithSection()
        let errors = try failures(withTemplates: [
            "claim.mustache": claim.replacingOccurrences(of: "{{{pieces_html}}}", with: "{{#pieces}}{{text}}{{/pieces}}"),
            "excerpt.mustache": "<q>{{before}}<mark>{{highlight}}</mark>{{after}}</q>",
            "entity.mustache": "{{<layout}}{{$main}}{{#entity}}{{#sources}}{{> excerpt}}{{/sources}}{{/entity}}{{/main}}{{/layout}}",
            "pieces.mustache": "{{#pieces}}{{> piece}}{{/pieces}}",
            "piece.mustache": "{{#same}}{{text}}{{/same}}",
        ])
        XCTAssertEqual(errors.count, 2, errors.joined(separator: "\n"))
        let line = claim.components(separatedBy: "\n").firstIndex { $0.contains("{{{pieces_html}}}") }.map { $0 + 1 } ?? 0
        XCTAssertTrue(errors.contains { $0.contains("claim.mustache:\(line):") && $0.contains("error: `pieces` is no longer given to templates: "
            + "a wording's marked words come ready as `{{{pieces_html}}}`") }, errors.joined(separator: "\n"))
        XCTAssertTrue(errors.contains { $0.hasSuffix("entity.mustache:1:44: error: `excerpt` is no longer given to templates: "
            + "an excerpt with its highlight comes ready as `{{{excerpt_html}}}`") }, errors.joined(separator: "\n"))
    }

    /// One use, one error: not again for the retired partial's own insides, nor for a partial inside a retired section.
    func testEachUseOfARetiredNameIsOneError() throws {
        // A claim page that lays its columns out itself, each with its marked words.
        let claim = try WordingColumnsTests.claimTemplateWithSection()
        let compare = try String(contentsOf: Repo.theme.appendingPathComponent("compare.mustache"), encoding: .utf8)
        let errors = try failures(withTemplates: [
            "claim.mustache": claim.replacingOccurrences(of: "{{{pieces_html}}}", with: "{{> pieces}}"),
            "compare.mustache": compare.replacingOccurrences(of: "{{{first_pieces_html}}}", with: "{{#first_pieces}}{{> piece}}{{/first_pieces}}"),
            "pieces.mustache": "{{#pieces}}{{> piece}}{{/pieces}}",
            "piece.mustache": "{{#same}}{{text}}{{/same}}",
        ])
        XCTAssertEqual(errors.count, 2, errors.joined(separator: "\n"))
        XCTAssertTrue(errors.contains { $0.contains("claim.mustache:") && $0.contains("`pieces` is no longer given") }, errors.joined(separator: "\n"))
        XCTAssertTrue(errors.contains { $0.contains("compare.mustache:") && $0.contains("`first_pieces` is no longer given") }, errors.joined(separator: "\n"))
    }

    func testRealContentBuilds() throws {
        let folder = try TemporaryFolder()
        let result = try Pipeline.run(content: Repo.content, output: folder.url.appendingPathComponent("public"))
        let files = folder.snapshot("public")
        XCTAssertGreaterThanOrEqual(result.files, 12)
        for id in ["000_5999f76328f70683", "001_96e0cee32f80b94d", "002_36c4c7a2c829c462", "003_9980aa1c859c75b5",
                   "anthropic-blog-2026-02-23", "x-anthropicai-2026-02-23", "x-elonmusk-2026-02-23"] {
            XCTAssertNotNil(files["articles/\(id)/index.html"], id)
        }
    }
}

/// `claims.json` is encoded in parts on every core and joined; it must be byte for byte what
/// encoding the whole document at once gives.
final class ClaimsExportTests: XCTestCase {
    private func whole(_ export: ClaimsExport) throws -> Data { try ClaimsExport.encoder().encode(export.document) }

    func testTheExportJoinedFromPartsIsTheWholeDocumentsEncoding() throws {
        let export = ClaimsExport(site: RealSite.site)
        XCTAssertFalse(export.document.claims.isEmpty)
        XCTAssertEqual(export.json(parallel: Parallel(jobs: 3)), try whole(export))
        // A review queue (with text that JSON escapes), empty lists, and lists of one.
        var site = RealSite.site
        site.review = (0..<3).map {
            ReviewItem(kind: .quotation, source: site.sources[$0].id, span: TextSpan(start: $0, end: $0 + 9),
                       text: "“quoted\"\n\\ [\n\n  ] \($0)”", reason: "unmatched quotation", position: SourcePosition(line: 1, column: 1))
        }
        XCTAssertEqual(ClaimsExport(site: site).json(parallel: Parallel(jobs: 2)), try whole(ClaimsExport(site: site)))
        site.claims = Array(site.claims.prefix(1))
        site.review = []
        site.sources = Array(site.sources.prefix(1))
        XCTAssertEqual(ClaimsExport(site: site).json(), try whole(ClaimsExport(site: site)))
        site.claims = []
        site.sources = []
        XCTAssertEqual(ClaimsExport(site: site).json(), try whole(ClaimsExport(site: site)))
    }
}
