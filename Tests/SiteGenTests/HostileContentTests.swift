import XCTest
@testable import SiteGen

/// Content that tries to run script on the desk's pages: every article,
/// claim and page of `Tests/Fixtures/hostile` carries `<script>`, event
/// handlers, `javascript:`/`data:`/`vbscript:` URLs or quotes that close an
/// attribute. The build must succeed and none of it may come out active.
final class HostileContentTests: XCTestCase {
    /// Patterns that would be active in a page. Text reaches HTML escaped (a `<` in
    /// text is `&lt;`), so a raw `<` only ever starts a tag SiteGen wrote.
    private static let dangers: [(String, NSRegularExpression)] = [
        ("a script element", try! NSRegularExpression(pattern: #"<script(?![^>]*type="application/ld\+json")"#, options: .caseInsensitive)),
        // An `on…=` outside every quoted attribute value: the values are taken out first.
        ("an event handler", try! NSRegularExpression(pattern: #"<[a-z][a-z0-9]*(\s+[a-z-]+(="[^"]*")?)*\s+on[a-z]+\s*="#, options: .caseInsensitive)),
        ("a dangerous URL", try! NSRegularExpression(pattern: #"(href|src|action)\s*=\s*"\s*(javascript|vbscript|data):"#, options: .caseInsensitive)),
        ("a raw HTML element from content", try! NSRegularExpression(pattern: #"<(img|svg|iframe|object|embed|div onmouseover)\b"#, options: .caseInsensitive)),
    ]

    func testThePatternsCatchWhatTheyLookFor() {
        let samples = ["<script>x</script>", #"<a href="x" onclick="y">"#, #"<a href=" javascript:x">"#, "<img src=x>"]
        for (sample, (what, pattern)) in zip(samples, Self.dangers) {
            XCTAssertEqual(pattern.numberOfMatches(in: sample, range: NSRange(sample.startIndex..., in: sample)), 1, what)
        }
        let harmless = #"<meta name="description" content="&lt;img src=x onerror=alert(1)&gt;">"#
        XCTAssertEqual(Self.dangers[1].1.numberOfMatches(in: harmless, range: NSRange(harmless.startIndex..., in: harmless)), 0)
    }

    func testNothingFromContentRunsAsScript() throws {
        let folder = try TemporaryFolder()
        _ = try Pipeline.run(content: Repo.fixtures.appendingPathComponent("hostile/Content"), output: folder.url.appendingPathComponent("public"))
        let pages = folder.snapshot("public").filter { $0.key.hasSuffix(".html") || $0.key.hasSuffix(".xml") }
        XCTAssertGreaterThan(pages.count, 10)
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            for (what, pattern) in Self.dangers {
                let found = pattern.matches(in: html, range: NSRange(html.startIndex..., in: html))
                XCTAssertEqual(found.count, 0, "\(path) has \(what): \(found.first.map { String(html[Range($0.range, in: html)!]) } ?? "")")
            }
            // JSON-LD is data, not script, but its text must not be able to close the element.
            let scripts = html.components(separatedBy: "<script type=\"application/ld+json\">")
            for block in scripts.dropFirst() {
                XCTAssertFalse(block.components(separatedBy: "</script>")[0].contains("<"), "\(path): a `<` inside JSON-LD")
            }
            // The fixture's publisher has a quotation mark with a combining accent after it: one
            // Character, which an escaper comparing Characters leaves raw, closing the attribute.
            let outsideJSON = scripts.enumerated().map { $0.offset == 0 ? $0.element : $0.element.components(separatedBy: "</script>").dropFirst().joined() }.joined()
            XCTAssertFalse(outsideJSON.unicodeScalars.map(String.init).joined(separator: "|").contains("\"|\u{301}"), "\(path): a raw quotation mark before a combining accent")
        }
        // The payloads were there, shown as text.
        let scraped = String(decoding: pages["articles/scraped/index.html"]!, as: UTF8.self)
        XCTAssertTrue(scraped.contains("&lt;script&gt;alert(&#39;scraped&#39;)&lt;/script&gt;") || scraped.contains("&lt;script&gt;alert('scraped')&lt;/script&gt;"))
        let claim = String(decoding: pages["claims/trucks/index.html"]!, as: UTF8.self)
        XCTAssertTrue(claim.contains("&lt;script&gt;"), "the statement is shown, escaped")
    }

    func testTheEscaperReadsScalarsNotCharacters() {
        XCTAssertEqual(HTMLText.escape(#"a "b" <c> & 'd'"#), "a &quot;b&quot; &lt;c&gt; &amp; &#39;d&#39;")
        XCTAssertEqual(HTMLText.escape("\"\u{301} onfocus=\"x"), "&quot;\u{301} onfocus=&quot;x")
        XCTAssertEqual(HTMLText.escape("<\u{338}"), "&lt;\u{338}")
        XCTAssertEqual(HTMLText.escape("plain, with no entity"), "plain, with no entity")
        // The same through a template, as every `{{…}}` goes.
        let (templates, _) = TemplateSet.load(from: Repo.templates, displayRoot: "Templates")
        let rendered = templates.map { $0.render("404", ["page_title": "\"\u{301} onfocus=\"x", "site": ["language": "en"]]) } ?? ""
        XCTAssertTrue(rendered.contains("<title>&quot;\u{301} onfocus=&quot;x</title>"), rendered)
    }

    /// The fragments written in Swift rather than Mustache escape like `{{…}}` does, and mark runs.
    func testFragmentsWrittenInSwiftEscapeEveryWord() {
        let pieces: [WordDiff.Piece] = [.same("He"), .same("said"), .removed("<b>\"over\""), .added("a&b"), .added("'x'"), .same("end")]
        XCTAssertEqual(HighlightHTML.wordDiff(pieces),
                       #"He said <del><span class="visually-hidden">[removed: </span>&lt;b&gt;&quot;over&quot;<span class="visually-hidden">]</span></del> "#
                       + #"<ins><span class="visually-hidden">[added: </span>a&amp;b &#39;x&#39;<span class="visually-hidden">]</span></ins> end"#)
        XCTAssertEqual(HighlightHTML.wordDiff([]), "")
        XCTAssertEqual(HighlightHTML.wordDiff([.same("\"\u{301}")]), "&quot;\u{301}")
        XCTAssertEqual(HighlightHTML.excerpt(before: "a <", highlight: "\"b\"", after: "&"),
                       #"<q class="excerpt">a &lt;<mark>&quot;b&quot;</mark>&amp;</q>"#)
    }

    func testEveryPageCarriesAContentSecurityPolicy() throws {
        let folder = try TemporaryFolder()
        _ = try Pipeline.run(content: Repo.content, output: folder.url.appendingPathComponent("public"))
        for (path, data) in folder.snapshot("public") where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            XCTAssertTrue(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'none'">"#), path)
        }
    }
}

/// The same input gives the same bytes, wherever it is built and in whatever
/// order the file system lists the articles.
final class DeterminismTests: XCTestCase {
    private func treeHash(_ folder: TemporaryFolder, _ relative: String) -> String {
        var writer = BinaryWriter()
        for (path, data) in folder.snapshot(relative).sorted(by: { $0.key < $1.key }) { writer.write(path); writer.write(data) }
        return ContentDigest(writer).hex
    }

    func testBuildsAreByteIdentical() throws {
        let folder = try TemporaryFolder()
        try folder.copy(Repo.content, to: "A")
        // B holds the same files, created in the reverse order, so the folder lists them differently.
        let articles = try FileManager.default.contentsOfDirectory(atPath: Repo.content.appendingPathComponent("articles").path).sorted()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("B"), withIntermediateDirectories: true)
        for item in try FileManager.default.contentsOfDirectory(atPath: Repo.content.path) where item != "articles" {
            try folder.copy(Repo.content.appendingPathComponent(item), to: "B/\(item)")
        }
        for name in articles.reversed() {
            try folder.write("B/articles/\(name)", try Data(contentsOf: Repo.content.appendingPathComponent("articles/\(name)")))
        }
        _ = try Pipeline.run(content: folder.url.appendingPathComponent("A"), output: folder.url.appendingPathComponent("out-1"))
        _ = try Pipeline.run(content: folder.url.appendingPathComponent("A"), output: folder.url.appendingPathComponent("elsewhere/out-2"))
        _ = try Pipeline.run(content: folder.url.appendingPathComponent("B"), output: folder.url.appendingPathComponent("out-3"))
        let first = treeHash(folder, "out-1")
        XCTAssertEqual(treeHash(folder, "elsewhere/out-2"), first)
        XCTAssertEqual(treeHash(folder, "out-3"), first)
    }
}
