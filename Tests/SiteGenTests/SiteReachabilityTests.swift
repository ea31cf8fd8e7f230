import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SiteGen

/// Builds the real site once and checks it the way a reader would meet it.
final class SiteReachabilityTests: XCTestCase {
    private static let built: (folder: TemporaryFolder, files: [String: Data]) = {
        let folder = try! TemporaryFolder()
        _ = try! Pipeline.run(content: Repo.content, output: folder.url.appendingPathComponent("public"))
        return (folder, folder.snapshot("public"))
    }()

    private var files: [String: Data] { Self.built.files }

    private func html(_ path: String) -> String { String(decoding: files[path] ?? Data(), as: UTF8.self) }

    /// The site-relative targets of a page's links, without fragments; a
    /// directory link stands for its index.html.
    private func links(from path: String) -> [String] {
        let page = html(path)
        let base = URL(string: "http://site.invalid/" + path)!
        let pattern = try! NSRegularExpression(pattern: #"href="([^"]*)""#)
        return pattern.matches(in: page, range: NSRange(page.startIndex..., in: page)).compactMap { match in
            let href = String(page[Range(match.range(at: 1), in: page)!]).replacingOccurrences(of: "&amp;", with: "&")
            guard let url = URL(string: href, relativeTo: base), url.host == "site.invalid",
                  let components = URLComponents(url: url.absoluteURL, resolvingAgainstBaseURL: false) else { return nil }
            var target = String(components.path.dropFirst())
            if target.isEmpty || target.hasSuffix("/") { target += "index.html" }
            return target
        }
    }

    func testEveryPageIsReachableFromTheHomePage() {
        var seen: Set<String> = ["index.html"]
        var queue = ["index.html"]
        var broken: [String] = []
        while let path = queue.popLast() {
            for target in links(from: path) where !seen.contains(target) {
                seen.insert(target)
                if files[target] == nil { broken.append("\(path) → \(target)"); continue }
                if target.hasSuffix(".html") { queue.append(target) }
            }
        }
        XCTAssertEqual(broken, [], "links to files that do not exist")
        let pages = Set(files.keys.filter { $0.hasSuffix(".html") && $0 != "404.html" })
        XCTAssertEqual(pages.subtracting(seen).sorted(), [], "pages no link leads to")
        for section in ["timeline/index.html", "entities/index.html", "compare/index.html", "claims/index.html", "coverage/index.html"] {
            XCTAssertTrue(seen.contains(section), section)
        }
    }

    func testEveryFactualSentenceLeadsToTheSourceWording() {
        for page in RealSite.site.pages where page.slug != RealSite.site.config.correctionsPage {
            let path = page.isHome ? "index.html" : "\(page.slug)/index.html"
            let text = html(path)
            XCTAssertEqual(text.components(separatedBy: "<span class=\"cited\">").count - 1, page.claimLinks.count, path)
            XCTAssertFalse(text.contains("claim:"), path)
        }
        // A claim page links to each source's passage, and the source page carries that anchor.
        let claim = html("claims/fraudulent-accounts/index.html")
        XCTAssertTrue(claim.contains("articles/003_9980aa1c859c75b5/#q-fraudulent-accounts"))
        XCTAssertTrue(html("articles/003_9980aa1c859c75b5/index.html").contains("id=\"q-fraudulent-accounts\""))
    }

    func testEveryPageHasCanonicalOpenGraphAndLandmarks() {
        for (path, data) in files where path.hasSuffix(".html") {
            let page = String(decoding: data, as: UTF8.self)
            for needle in ["<link rel=\"canonical\" href=\"https://example.org/explainer/", "<meta property=\"og:title\"",
                           "<meta property=\"og:url\" content=\"https://example.org/explainer/", "<main id=\"main\">",
                           "<a class=\"skip-link\" href=\"#main\">", "<nav aria-label=\"Site\">"] {
                XCTAssertTrue(page.contains(needle), "\(path) lacks \(needle)")
            }
        }
        XCTAssertTrue(html("timeline/index.html").contains("<link rel=\"canonical\" href=\"https://example.org/explainer/timeline/\">"))
    }

    func testFeedAndSitemapAreWellFormedAndComplete() throws {
        for name in ["feed.xml", "sitemap.xml"] {
            let parser = XMLParser(data: try XCTUnwrap(files[name], name))
            XCTAssertTrue(parser.parse(), "\(name): \(parser.parserError.map(String.init(describing:)) ?? "")")
        }
        let sitemap = String(decoding: files["sitemap.xml"]!, as: UTF8.self)
        let pages = files.keys.filter { $0.hasSuffix(".html") && $0 != "404.html" }
        XCTAssertEqual(sitemap.components(separatedBy: "<loc>").count - 1, pages.count)
        XCTAssertTrue(sitemap.contains("<loc>https://example.org/explainer/compare/000_5999f76328f70683/001_96e0cee32f80b94d/</loc>"))
        XCTAssertFalse(sitemap.contains("404"))
        let feed = String(decoding: files["feed.xml"]!, as: UTF8.self)
        XCTAssertTrue(feed.contains("<id>https://example.org/explainer/articles/anthropic-blog-2026-02-23/</id>"))
        XCTAssertTrue(feed.contains("<updated>2026-02-23T00:00:00Z</updated>"))
        XCTAssertTrue(feed.contains("<id>https://example.org/explainer/the-numbers/</id>"))
    }

    func testSourcePagesLinkToTheirComparisonsAndEntities() {
        let blog = html("articles/anthropic-blog-2026-02-23/index.html")
        XCTAssertTrue(blog.contains("href=\"../../compare/anthropic-blog-2026-02-23/"))
        XCTAssertTrue(blog.contains("href=\"../../entities/moonshot-ai/\""))
        let compare = html("compare/000_5999f76328f70683/001_96e0cee32f80b94d/index.html")
        XCTAssertTrue(compare.contains("Passages in identical words"))
        XCTAssertTrue(compare.contains("<mark>Anthropic is guilty of stealing training data at massive scale"))
    }
}
