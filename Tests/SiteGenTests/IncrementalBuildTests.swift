import Synchronization
import XCTest
@testable import SiteGen

/// The parallel build, the build cache and the benchmark corpus generator.
final class IncrementalBuildTests: XCTestCase {
    private func build(_ folder: TemporaryFolder, output: String, cache: String?, jobs: Int? = nil) throws {
        var options = BuildOptions(content: folder.url.appendingPathComponent("Content"),
                                   templates: folder.url.appendingPathComponent("Templates"),
                                   output: folder.url.appendingPathComponent(output))
        options.cache = cache.map { folder.url.appendingPathComponent($0) }
        options.jobs = jobs
        var pipeline = Pipeline(options: options)
        try pipeline.build()
    }

    private func project() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.copy(Repo.content, to: "Content")
        try folder.copy(Repo.theme, to: "Templates")
        return folder
    }

    private func inode(_ folder: TemporaryFolder, _ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent(path).path)
        return (attributes[.systemFileNumber] as? NSNumber)?.intValue ?? -1
    }

    func testSerialAndParallelBuildsAreIdentical() throws {
        let folder = try project()
        try build(folder, output: "serial", cache: nil, jobs: 1)
        try build(folder, output: "parallel", cache: nil, jobs: 4)
        let serial = folder.snapshot("serial")
        XCTAssertGreaterThan(serial.count, 100)
        XCTAssertEqual(serial, folder.snapshot("parallel"))
    }

    func testAnIncrementalBuildEqualsAColdBuildAfterEveryKindOfChange() throws {
        let folder = try project()
        try build(folder, output: "public", cache: "cache")
        let changes: [(String, () throws -> Void)] = [
            ("an article edited", {
                let path = "Content/articles/003_9980aa1c859c75b5.txt"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "Tech mogul Elon Musk", with: "Elon Musk"))
            }),
            ("an article added", {
                try folder.copy(Repo.fixtures.appendingPathComponent("new-article/900_fixture_rereport.txt"), to: "Content/articles/900_fixture_rereport.txt")
            }),
            ("an article removed", {
                try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/articles/900_fixture_rereport.txt"))
            }),
            ("a sidecar edited", {
                let path = "Content/articles/000_5999f76328f70683.yaml"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "publisher: Benzinga", with: "publisher: Benzinga (edited)"))
            }),
            ("a sidecar added", {
                try folder.write("Content/articles/001_96e0cee32f80b94d.yaml", "publisher: Sidecar Added In A Test\nkind: news\n")
            }),
            ("a sidecar removed", {
                try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/articles/001_96e0cee32f80b94d.yaml"))
            }),
            ("an entity's aliases edited", {
                let path = "Content/entities.yaml"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "aliases: [Moonshot, MoonShot AI]", with: "aliases: [Moonshot]"))
            }),
            // What the source and comparison pages are keyed by (`PageInputs`) rather than by their contexts.
            ("an entity renamed", {
                let path = "Content/entities.yaml"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "name: DeepSeek", with: "name: DeepSeek (renamed)"))
            }),
            ("an entity's description edited", {
                let path = "Content/entities.yaml"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "one of the three Anthropic named.", with: "named by Anthropic."))
            }),
            ("a claim's rating changed", {
                let path = "Content/claims/figures.yaml"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "  verdict: unproven\n  summary: \"The count", with: "  verdict: misleading\n  summary: \"The count"))
            }),
            ("a claim's speaker changed", {
                let path = "Content/claims/figures.yaml"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "kind: figure\n  speaker: Anthropic", with: "kind: figure\n  speaker: Anthropic's blog"))
            }),
            ("the claim-item template edited", {
                let path = "Templates/claim-item.mustache"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "{{kind}} · {{speaker}}", with: "{{speaker}} · {{kind}}"))
            }),
            ("a correction added", {
                let path = "Content/corrections.yaml"
                try folder.write(path, try folder.read(path) + "\n- date: 2026-11-29\n  text: A correction added in a test.\n  claims: [fraudulent-accounts]\n")
            }),
            ("the site's review date changed", {
                let path = "Content/site.yaml"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "updated: \"2026-11-28\"", with: "updated: \"2026-11-29\""))
            }),
            ("a claim edited", {
                let path = "Content/claims/context.yaml"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "moral standing to complain", with: "standing to complain"))
            }),
            // The sitemap is kept when the same pages are published at the same address with the same template.
            ("the sitemap template edited", {
                let path = "Templates/sitemap.mustache"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "  <url><loc>", with: "  <url> <loc>"))
            }),
            ("the base URL changed", {
                let path = "Content/site.yaml"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "https://example.org/explainer/", with: "https://example.org/moved/"))
            }),
            ("a template edited", {
                let path = "Templates/footer.mustache"
                try folder.write(path, try folder.read(path).replacingOccurrences(of: "Published by", with: "Made by"))
            }),
        ]
        for (name, change) in changes {
            let (styleBefore, sitemapBefore) = (try inode(folder, "public/assets/style.css"), try inode(folder, "public/sitemap.xml"))
            try change()
            try build(folder, output: "public", cache: "cache")
            try build(folder, output: "cold", cache: nil)
            XCTAssertEqual(folder.snapshot("public"), folder.snapshot("cold"), "after \(name)")
            XCTAssertEqual(try inode(folder, "public/assets/style.css"), styleBefore, "an unchanged file is kept, not rewritten, after \(name)")
            if ["an article edited", "a claim edited", "a sidecar edited"].contains(name) {
                XCTAssertEqual(try inode(folder, "public/sitemap.xml"), sitemapBefore, "the same pages at the same address: the sitemap is kept after \(name)")
            }
        }
        XCTAssertTrue(try folder.read("public/index.html").contains("Made by"))
    }

    /// What a build reports does not depend on the cache: errors and warnings found while
    /// loading and analysing come back from cached work exactly as a cold build finds them.
    func testACachedBuildReportsWhatAColdBuildReports() throws {
        let folder = try project()
        func diagnostics(cache: String?) -> [String] {
            do {
                var options = BuildOptions(content: folder.url.appendingPathComponent("Content"),
                                           templates: folder.url.appendingPathComponent("Templates"),
                                           output: folder.url.appendingPathComponent(cache == nil ? "cold" : "public"))
                options.cache = cache.map { folder.url.appendingPathComponent($0) }
                var pipeline = Pipeline(options: options)
                return try pipeline.build().warnings.map(\.description)
            } catch let failed as BuildFailed {
                return failed.diagnostics.map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
        // A spelling that is no longer an alias is reported as one that looks like the entity.
        let entities = "Content/entities.yaml"
        try folder.write(entities, try folder.read(entities).replacingOccurrences(of: "aliases: [Moonshot, MoonShot AI]", with: "aliases: [Moonshot]"))
        let warnings = diagnostics(cache: nil)
        XCTAssertTrue(warnings.contains { $0.contains("looks like Moonshot AI") }, "\(warnings)")
        XCTAssertEqual(diagnostics(cache: "cache"), warnings)
        XCTAssertEqual(diagnostics(cache: "cache"), warnings, "the second build takes the mentions from the cache")
        // A file that is not UTF-8 fails the build, from the cache as without it.
        try folder.write("Content/articles/900_not_text.txt", Data([0x41, 0xFF, 0x42]))
        let errors = diagnostics(cache: nil)
        XCTAssertTrue(errors.contains { $0.contains("900_not_text.txt:1:2: error: the file is not valid UTF-8") }, "\(errors)")
        XCTAssertEqual(diagnostics(cache: "cache"), errors)
        XCTAssertEqual(diagnostics(cache: "cache"), errors)
        // A claims file with a mistake: its errors come back from the cache too.
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/articles/900_not_text.txt"))
        try folder.write("Content/claims/broken.yaml", "- id: broken-claim\n  statement: A claim.\n  kind: rumour\n")
        let claimErrors = diagnostics(cache: nil)
        XCTAssertTrue(claimErrors.contains { $0.contains("broken.yaml:3:9: error: unknown kind `rumour`") }, "\(claimErrors)")
        XCTAssertEqual(diagnostics(cache: "cache"), claimErrors)
        XCTAssertEqual(diagnostics(cache: "cache"), claimErrors)
    }

    /// A page's cache key holds only the templates it is made with: editing the claim page's
    /// template renders the claim pages again and keeps every other page as it was.
    func testATemplateEditRendersOnlyThePagesThatUseIt() throws {
        let folder = try project()
        try build(folder, output: "public", cache: "cache")
        let claimPage = "public/claims/musk-post/index.html", articlePage = "public/articles/001_96e0cee32f80b94d/index.html"
        let (claimBefore, articleBefore, homeBefore) = (try inode(folder, claimPage), try inode(folder, articlePage), try inode(folder, "public/index.html"))
        let path = "Templates/claim.mustache"
        try folder.write(path, try folder.read(path).replacingOccurrences(of: "<h2 id=\"compare-heading\">", with: "<h2 class=\"edited\" id=\"compare-heading\">"))
        try build(folder, output: "public", cache: "cache")
        XCTAssertTrue(try folder.read(claimPage).contains("class=\"edited\""))
        XCTAssertNotEqual(try inode(folder, claimPage), claimBefore, "the claim page is rendered again")
        XCTAssertEqual(try inode(folder, articlePage), articleBefore, "an article page does not use the claim template")
        XCTAssertEqual(try inode(folder, "public/index.html"), homeBefore)
        // A partial counts as part of every template that includes it.
        let fingerprints = TemplateSet.fingerprints(["page": "{{> item}}", "item": "a", "other": "b"])
        let edited = TemplateSet.fingerprints(["page": "{{> item}}", "item": "A", "other": "b"])
        XCTAssertNotEqual(fingerprints["page"], edited["page"])
        XCTAssertEqual(fingerprints["other"], edited["other"])
        // Templates that include each other: an edit to either reaches both, and what includes them.
        let tree = ["node": "<li>{{name}}{{> tree}}</li>", "tree": "{{#children}}{{> node}}{{/children}}", "toc": "{{> tree}}"]
        var editedTree = tree
        editedTree["node"] = "<li class=\"x\">{{name}}{{> tree}}</li>"
        let (before, after) = (TemplateSet.fingerprints(tree), TemplateSet.fingerprints(editedTree))
        for name in ["node", "tree", "toc"] { XCTAssertNotEqual(before[name], after[name], name) }
        // A partial named at render time, or one after a change of delimiters, cannot be read
        // from the text: such a template counts as using every template.
        for page in ["{{>*kind}}", "{{=<% %>=}}<%> item%>"] {
            let texts = ["page": page, "item": "a", "news": "n", "other": "b"]
            var editedTexts = texts
            editedTexts["news"] = "N"
            XCTAssertNotEqual(TemplateSet.fingerprints(texts)["page"], TemplateSet.fingerprints(editedTexts)["page"], page)
            XCTAssertEqual(TemplateSet.fingerprints(texts)["other"], TemplateSet.fingerprints(editedTexts)["other"], page)
        }
    }

    /// What a rebuild after one article edit renders through Mustache: the edited article's page
    /// and the pages that list sources, not the sitemap (its pages and address are the same) nor any
    /// other article's page. Kept files keep their inodes either way; this shows they are not made.
    func testARebuildRendersOnlyWhatChanged() throws {
        let folder = try project()
        try build(folder, output: "public", cache: "cache")
        let path = "Content/articles/003_9980aa1c859c75b5.txt"
        try folder.write(path, try folder.read(path).replacingOccurrences(of: "Tech mogul Elon Musk", with: "Elon Musk"))
        var options = BuildOptions(content: folder.url.appendingPathComponent("Content"), templates: folder.url.appendingPathComponent("Templates"),
                                   output: folder.url.appendingPathComponent("public"))
        options.cache = folder.url.appendingPathComponent("cache")
        var pipeline = Pipeline(options: options)
        let (site, checkedTemplates, _) = try pipeline.check()
        var templates = checkedTemplates
        let rendered = Mutex<[String: Int]>([:])
        templates.observer = { template, _ in rendered.withLock { $0[template, default: 0] += 1 } }
        let cache = BuildCache(folder: folder.url.appendingPathComponent("cache"), output: folder.url.appendingPathComponent("public"), parallel: Parallel())
        let files = SiteRenderer(site: site, templates: templates, cache: cache).render()
        let counts = rendered.withLock { $0 }
        XCTAssertNil(counts["sitemap"], "the same pages at the same address")
        XCTAssertEqual(counts["article"], 1, "only the edited article's page")
        XCTAssertTrue(files.contains { $0.path == "sitemap.xml" && $0.isUnchanged })
        // Without the previous build's files, everything is made.
        rendered.withLock { $0 = [:] }
        _ = SiteRenderer(site: site, templates: templates).render()
        XCTAssertEqual(rendered.withLock { $0["sitemap"] }, 1)
        XCTAssertEqual(rendered.withLock { $0["article"] }, site.sources.count)
    }

    /// Beyond its limit the sitemap is split into parts and an index. Together the parts list what
    /// the single file lists, in order; each file is keyed by what it lists, so a page added at the
    /// end changes the last part's key (or adds a part, and changes the index's) and no other.
    func testASplitSitemapListsEveryPageAndKeysEachPartByWhatItLists() throws {
        let options = BuildOptions(content: Repo.content, templates: Repo.theme, output: URL(fileURLWithPath: "/nonexistent"))
        var pipeline = Pipeline(options: options)
        let (site, templates, _) = try pipeline.check()
        let renderer = SiteRenderer(site: site, templates: templates)
        let pages = renderer.render()
        func locations(_ file: RenderedFile) -> [String] {
            String(decoding: file.data, as: UTF8.self).components(separatedBy: "<loc>").dropFirst().map { $0.components(separatedBy: "</loc>")[0] }
        }
        let single = renderer.sitemapFiles(pages: pages)
        XCTAssertEqual(single.map(\.path), ["sitemap.xml"])
        let split = renderer.sitemapFiles(pages: pages, limit: 7)
        let parts = split.dropLast()
        XCTAssertEqual(parts.map(\.path), (1...parts.count).map { "sitemap-\($0).xml" })
        XCTAssertGreaterThan(parts.count, 3)
        XCTAssertEqual(parts.flatMap(locations), locations(single[0]))
        XCTAssertTrue(parts.allSatisfy { (1...7).contains(locations($0).count) })
        XCTAssertEqual(split.last?.path, "sitemap.xml")
        XCTAssertEqual(locations(split.last!), parts.map { site.config.baseURL + $0.path })

        XCTAssertEqual(renderer.sitemapFiles(pages: pages, limit: 7).map(\.key), split.map(\.key), "the same pages, the same keys")
        XCTAssertEqual(Set(split.map(\.key)).count, split.count)
        let added = renderer.sitemapFiles(pages: pages + [RenderedFile(path: "zzzz/index.html", data: Data())], limit: 7)
        let full = locations(parts.last!).count == 7
        XCTAssertEqual(added.count, split.count + (full ? 1 : 0))
        XCTAssertEqual(Array(added.prefix(parts.count - 1)).map(\.key), Array(parts.dropLast()).map(\.key), "the parts before the last are kept")
        if full {
            XCTAssertEqual(added[parts.count - 1].key, parts.last!.key)
            XCTAssertNotEqual(added.last!.key, split.last!.key, "a part added: the index changes")
        } else {
            XCTAssertNotEqual(added[parts.count - 1].key, parts.last!.key, "the last part lists the new page")
            XCTAssertEqual(added.last!.key, split.last!.key, "the same parts: the index is kept")
        }
    }

    func testACorruptOrStaleCacheIsIgnored() throws {
        let folder = try project()
        try build(folder, output: "public", cache: "cache")
        let cold = folder.snapshot("public")
        // A damaged manifest, and a page changed by hand behind the cache's back.
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("cache").path) {
            try folder.write("cache/\(name)", "{ not json")
        }
        try build(folder, output: "public", cache: "cache")
        XCTAssertEqual(folder.snapshot("public"), cold)
        try build(folder, output: "public", cache: "cache")
        try folder.write("public/timeline/index.html", "tampered")
        try build(folder, output: "public", cache: "cache")
        XCTAssertEqual(folder.snapshot("public"), cold, "a page edited by hand is rendered again")
    }

    /// A corpus larger than the pages' limits: lists split into pages, the
    /// coverage table turns into a summary, and no page reaches 1 MB.
    func testPagesStaySmallAsTheCorpusGrows() throws {
        let folder = try TemporaryFolder()
        try Corpus.generate(into: folder.url.appendingPathComponent("corpus"), articles: 240, claims: 60)
        _ = try Pipeline.run(content: folder.url.appendingPathComponent("corpus/Content"), output: folder.url.appendingPathComponent("site"))
        let files = folder.snapshot("site")
        let large = files.filter { $0.key.hasSuffix(".html") && $0.value.count >= 1_000_000 }.map(\.key)
        XCTAssertEqual(large, [])
        XCTAssertNotNil(files["articles/index-2.html"], "240 sources make two pages of the Sources list")
        XCTAssertTrue(try folder.read("site/articles/index.html").contains("href=\"index-2.html\""))
        XCTAssertTrue(try folder.read("site/coverage/index.html").contains("Matched automatically"), "a summary, not a 240-column table")
        let comparisons = files.keys.filter { $0.hasPrefix("compare/") && $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 4 }
        XCTAssertLessThanOrEqual(comparisons.count, 240 * Analysis.comparisonsPerSource(sourceCount: 240))
    }

    func testTheCorpusGeneratorIsDeterministic() throws {
        let folder = try TemporaryFolder()
        for name in ["a", "b"] { try Corpus.generate(into: folder.url.appendingPathComponent(name), articles: 30, claims: 12, hugo: true) }
        let first = folder.snapshot("a")
        XCTAssertEqual(first.keys.filter { $0.hasPrefix("Content/articles/") }.count, 30)
        XCTAssertEqual(first, folder.snapshot("b"))
        // And the corpus builds without errors.
        _ = try Pipeline.run(content: folder.url.appendingPathComponent("a/Content"), output: folder.url.appendingPathComponent("site"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("site/claims/claim-0011/index.html").path))
    }
}
