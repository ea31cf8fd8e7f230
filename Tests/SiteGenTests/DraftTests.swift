import XCTest
@testable import SiteGen

/// `draft: true` on pages, sources and claims: left out unless the build asks for drafts, and a
/// reference to a left-out draft is an error that says so.
final class DraftTests: XCTestCase {
    /// `sitegen init`'s project, with `edit` applied to its files.
    private func starter(_ edit: (TemporaryFolder) throws -> Void) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try StarterProject.write(into: folder.url, withTemplates: false)
        try edit(folder)
        return folder
    }

    private func build(_ folder: TemporaryFolder, drafts: Bool) throws -> Pipeline.Summary {
        var options = BuildOptions(content: folder.url.appendingPathComponent("Content"), templates: nil,
                                   output: folder.url.appendingPathComponent("public"))
        options.includeDrafts = drafts
        var pipeline = Pipeline(options: options)
        return try pipeline.build()
    }

    private func errors(_ folder: TemporaryFolder) -> [String] {
        do {
            _ = try build(folder, drafts: false)
            return []
        } catch let failure as BuildFailed {
            // Paths as a project's own build prints them, from its folder.
            return failure.diagnostics.filter { $0.severity == .error }.map { $0.description.replacingOccurrences(of: folder.url.path + "/", with: "") }
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    private func exists(_ folder: TemporaryFolder, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(path).path)
    }

    private func replace(_ folder: TemporaryFolder, _ path: String, _ old: String, _ new: String) throws {
        let text = try folder.read(path)
        XCTAssertTrue(text.contains(old), "\(path) has `\(old)`")
        try folder.write(path, text.replacingOccurrences(of: old, with: new))
    }

    func testADraftPageIsLeftOutUnlessDraftsAreAskedFor() throws {
        let folder = try starter { try replace($0, "Content/pages/story.md", "order: 1\n", "order: 1\ndraft: true\n") }
        let summary = try build(folder, drafts: false)
        XCTAssertEqual(summary.drafts.pages, ["story"])
        XCTAssertEqual(summary.drafts.summary, "1 draft left out (1 page)")
        XCTAssertFalse(exists(folder, "public/story/index.html"))
        XCTAssertFalse(try folder.read("public/index.html").contains("href=\"story/\""), "no link to a page left out")
        XCTAssertFalse(try folder.read("public/sitemap.xml").contains("/story/"))

        let included = try build(folder, drafts: true)
        XCTAssertEqual(included.drafts.summary, "1 draft included (1 page)")
        XCTAssertTrue(exists(folder, "public/story/index.html"))
    }

    func testALinkToADraftClaimSaysTheClaimIsADraft() throws {
        let folder = try starter { folder in
            try replace(folder, "Content/claims/claims.yaml", "  kind: event\n", "  kind: event\n  draft: true\n")
        }
        XCTAssertEqual(errors(folder), [
            "Content/pages/story.md:12:26: error: links to the claim `repairs-decision`, a draft (`draft: true`) left out of this build: remove `draft` to publish it, or build with --drafts",
        ])
        XCTAssertFalse(exists(folder, "public"), "a failed build writes nothing")
        let summary = try build(folder, drafts: true)
        XCTAssertEqual(summary.claims, 2)
        XCTAssertTrue(exists(folder, "public/claims/repairs-decision/index.html"))

        // Once the page no longer links to it, the site builds without the draft claim.
        try replace(folder, "Content/pages/story.md", "(claim:repairs-decision)", "")
        let without = try build(folder, drafts: false)
        XCTAssertEqual(without.claims, 1)
        XCTAssertEqual(without.drafts.claims, ["repairs-decision"])
        XCTAssertFalse(exists(folder, "public/claims/repairs-decision/index.html"), "the draft's page from the earlier build is gone")
        XCTAssertFalse(try folder.read("public/claims.json").contains("repairs-decision"))
    }

    func testADraftSourceIsLeftOutAndAClaimThatCitesItIsTold() throws {
        // A sidecar marks the scraped article a draft; the claim quoting it fails with the reason.
        let folder = try starter { try replace($0, "Content/articles/001_riverside-post.yaml", "kind: news\n", "kind: news\ndraft: true\n") }
        let problems = errors(folder)
        XCTAssertEqual(problems.count, 2, problems.joined(separator: "\n"))
        XCTAssertTrue(problems.allSatisfy { $0.contains("error: claim `") && $0.hasSuffix("cites the source `001_riverside-post`, a draft (`draft: true`) left out of this build: remove `draft` to publish it, or build with --drafts") },
                      problems.joined(separator: "\n"))
        XCTAssertEqual(try build(folder, drafts: true).sources, 2)

        // A Markdown source is a draft through its front matter.
        try replace(folder, "Content/articles/001_riverside-post.yaml", "draft: true\n", "")
        try replace(folder, "Content/articles/statement.md", "kind: primary\n", "kind: primary\ndraft: true\n")
        let markdown = errors(folder)
        XCTAssertEqual(markdown.count, 2, markdown.joined(separator: "\n"))
        XCTAssertTrue(markdown.allSatisfy { $0.contains("cites the source `statement`, a draft (`draft: true`) left out of this build") }, markdown.joined(separator: "\n"))
    }

    func testACorrectionOrTheAboutPageThatIsADraftIsNamedAsOne() throws {
        let folder = try starter { folder in
            try replace(folder, "Content/claims/claims.yaml", "  kind: event\n", "  kind: event\n  draft: true\n")
            try replace(folder, "Content/pages/story.md", "(claim:repairs-decision)", "")
            try folder.write("Content/corrections.yaml", "- date: 2026-03-05\n  text: The decision date was corrected.\n  claims: [repairs-decision]\n")
            try replace(folder, "Content/pages/about.md", "---\n", "---\ndraft: true\n")
        }
        let problems = errors(folder)
        XCTAssertEqual(problems.count, 2, problems.joined(separator: "\n"))
        XCTAssertTrue(problems.contains { $0.hasSuffix("error: a correction names the claim `repairs-decision`, a draft (`draft: true`) left out of this build: remove `draft` to publish it, or build with --drafts") },
                      problems.joined(separator: "\n"))
        XCTAssertTrue(problems.contains { $0.hasSuffix("error: `corrections: about` names pages/about.md, a draft (`draft: true`) left out of this build: claim pages link to it, so publish it, or build with --drafts") },
                      problems.joined(separator: "\n"))
    }

    func testDraftMustBeTrueOrFalse() throws {
        let folder = try starter { try replace($0, "Content/pages/story.md", "order: 1\n", "order: 1\ndraft: maybe\n") }
        XCTAssertEqual(errors(folder), ["Content/pages/story.md:4:8: error: `draft` in the page's front matter must be true or false, not `maybe`"])
    }
}
