import XCTest
import Synchronization
@testable import SiteGen

/// A claim page's columns are written in Swift (`WordingColumnsHTML`) for speed; a theme may still
/// lay them out itself with `{{#columns}}`. The two must give the same page, byte for byte.
final class WordingColumnsTests: XCTestCase {
    /// The `{{#columns}}` section Templates/README.md offers as the start of a theme's own columns:
    /// the built-in theme's markup as it was before the columns came ready as HTML.
    static func mustacheSection() throws -> String {
        let readme = try Repo.text("Templates/README.md")
        let opening = "```mustache\n"
        guard let start = readme.range(of: opening), let end = readme.range(of: "```", range: start.upperBound..<readme.endIndex) else {
            XCTFail("Templates/README.md shows no ```mustache block")
            return ""
        }
        return String(readme[start.upperBound..<end.lowerBound])
    }

    /// The built-in `claim.mustache` with the columns laid out by Mustache.
    static func claimTemplateWithSection() throws -> String {
        let builtIn = try String(contentsOf: Repo.theme.appendingPathComponent("claim.mustache"), encoding: .utf8)
        let line = "      {{{columns_html}}}\n"
        XCTAssertTrue(builtIn.contains(line), "the built-in claim page places the columns on a line of their own")
        let section = try mustacheSection()
        XCTAssertTrue(section.hasPrefix("      {{#columns}}\n") && section.hasSuffix("      {{/columns}}\n"), section)
        return builtIn.replacingOccurrences(of: line, with: section)
    }

    /// That template, in a templates folder of its own.
    private func sectionTheme() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("Templates/claim.mustache", try Self.claimTemplateWithSection())
        return folder
    }

    /// Every claim page of `content` with the built-in theme, then with the section theme.
    private func claimPages(_ content: URL, file: StaticString = #filePath, line: UInt = #line) throws -> (swift: [String: Data], mustache: [String: Data]) {
        let theme = try sectionTheme()
        let builtIn = try TemporaryFolder(), section = try TemporaryFolder()
        _ = try Pipeline.run(content: content, output: builtIn.url.appendingPathComponent("public"), templates: Repo.templates)
        _ = try Pipeline.run(content: content, output: section.url.appendingPathComponent("public"), templates: theme.url.appendingPathComponent("Templates"))
        let pick = { (files: [String: Data]) in files.filter { $0.key.hasPrefix("claims/") && $0.key.hasSuffix("/index.html") && !$0.key.hasPrefix("claims/page") } }
        return (pick(builtIn.snapshot("public")), pick(section.snapshot("public")))
    }

    func testTheRealSitesClaimPagesAreTheSameEitherWay() throws {
        let pages = try claimPages(Repo.content)
        XCTAssertGreaterThan(pages.swift.count, 20)
        XCTAssertEqual(pages.swift.keys.sorted(), pages.mustache.keys.sorted())
        for (path, data) in pages.swift {
            XCTAssertEqual(String(decoding: data, as: UTF8.self), pages.mustache[path].map { String(decoding: $0, as: UTF8.self) }, path)
        }
        // The real site takes each branch of a column at least once.
        let all = pages.swift.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        for part in ["is-reference", "curator-note", #"class="attributed""#, "paraphrase, not a quotation", "None of these differ",
                     "earliest report, compared against", #"class="differences""#, "Same words as the reference", "Same words as the earliest report"] {
            XCTAssertTrue(all.contains(part), part)
        }
    }

    /// Each column of each real claim page shows its own wording's source, match, note, attribution,
    /// differences and marks: what `claimContext` puts into the columns, checked against the claims.
    func testEachColumnShowsItsOwnWording() throws {
        let folder = try TemporaryFolder()
        _ = try Pipeline.run(content: Repo.content, output: folder.url.appendingPathComponent("public"))
        let site = RealSite.site
        let sources = Dictionary(uniqueKeysWithValues: site.sources.map { ($0.id, $0) })
        var checked = 0
        for claim in site.claims {
            let page = try folder.read("public/claims/\(claim.id)/index.html")
            let columns = page.components(separatedBy: #"<section class="wording"#).dropFirst()
                .map { $0.components(separatedBy: "</section>")[0] }
            let wordings = (claim.reference.map { [($0.source, nil)] } ?? []) + claim.appearances.map { ($0.quote.source, Optional($0)) }
            XCTAssertEqual(columns.count, wordings.count, claim.id)
            var seen = Set<String>()
            for (column, (id, appearance)) in zip(columns, wordings) {
                let source = try XCTUnwrap(sources[id])
                XCTAssertTrue(column.contains(#"aria-label=""# + HTMLText.escape(source.shortTitle) + "\""), "\(claim.id): \(id)")
                XCTAssertEqual(column.contains(#" id="src-\#(id)""#), seen.insert(id).inserted, "\(claim.id): \(id)")
                guard let appearance else {
                    XCTAssertTrue(column.hasPrefix(" is-reference") && column.contains(" · reference</p>"), claim.id)
                    continue
                }
                XCTAssertTrue(column.contains(" · \(appearance.match.rawValue) match"), "\(claim.id): \(id)")
                XCTAssertEqual(column.contains(", score "), appearance.match == .auto, "\(claim.id): \(id)")
                XCTAssertEqual(column.contains("curator-note"), appearance.note != nil, "\(claim.id): \(id)")
                if let note = appearance.note { XCTAssertTrue(column.contains(HTMLText.escape(note)), "\(claim.id): \(id)") }
                let attributed = appearance.attributedTo.map { sources[$0]?.displayTitle ?? $0 }
                XCTAssertEqual(column.contains("The source credits these words to: " + HTMLText.escape(attributed ?? "")), attributed != nil,
                               "\(claim.id): \(id)")
                XCTAssertEqual(column.components(separatedBy: #"<li><span class="diff-kind">"#).count - 1, appearance.differences.count,
                               "\(claim.id): \(id)")
                XCTAssertEqual(column.contains(">Same words as the "), appearance.isIdentical, "\(claim.id): \(id)")
                XCTAssertEqual(column.contains(" · earliest report, compared against"), appearance.isBase, "\(claim.id): \(id)")
                XCTAssertEqual(column.contains("A paraphrase, not a quotation"), !appearance.isQuotation && !appearance.isBase, "\(claim.id): \(id)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 50)
    }

    /// A source that holds two wordings of a claim gives the coverage table's anchor (`src-<id>`)
    /// to its first column only.
    func testOnlyASourcesFirstColumnIsItsAnchor() throws {
        let folder = try TemporaryFolder()
        try folder.write("Content/site.yaml", minimalSiteYAML)
        try folder.write("Content/articles/blog.md", """
        ---
        title: The blog
        publisher: The lab
        date: 2026-02-23
        kind: primary
        ---
        The campaigns grew in intensity and sophistication over the year.

        Later the post said again that the campaigns grew in intensity and sophistication.
        """)
        try folder.write("Content/articles/news.md", """
        ---
        title: The report
        publisher: A paper
        date: 2026-02-24
        ---
        The lab said the campaigns grew in intensity over the year.
        """)
        try folder.write("Content/claims/claims.yaml", """
        - id: growing
          statement: The campaigns grew in intensity.
          kind: allegation
          speaker: The lab
          attribution: verified
          reference:
            source: blog
            quote: "The campaigns grew in intensity and sophistication"
          appearances:
            - source: blog
              quote: "the campaigns grew in intensity and sophistication"
            - source: news
              quote: "the campaigns grew in intensity"
        """)
        _ = try Pipeline.run(content: folder.url.appendingPathComponent("Content"), output: folder.url.appendingPathComponent("public"))
        let page = try folder.read("public/claims/growing/index.html")
        let columns = page.components(separatedBy: #"<section class="wording"#).dropFirst().map { $0.components(separatedBy: ">")[0] }
        XCTAssertEqual(columns.count, 3, page)
        XCTAssertEqual(columns.map { $0.contains(#"id="src-blog""#) }, [true, false, false])
        XCTAssertEqual(columns.map { $0.contains(#"id="src-news""#) }, [false, false, true])
    }

    func testHostileClaimPagesAreTheSameEitherWay() throws {
        let pages = try claimPages(Repo.fixtures.appendingPathComponent("hostile/Content"))
        XCTAssertFalse(pages.swift.isEmpty)
        for (path, data) in pages.swift {
            XCTAssertEqual(String(decoding: data, as: UTF8.self), pages.mustache[path].map { String(decoding: $0, as: UTF8.self) }, path)
        }
    }

    /// Columns made up to take every branch, the real site's and the automatic matches' (a score),
    /// with text that must be escaped in each field; rendered both ways through the same layout.
    func testEveryKindOfColumnIsTheSameEitherWay() throws {
        let hostile = "<b>\"x\" & 'y'</b>"
        func column(_ n: Int, date: String?, comparison: WordingColumn.Comparison?) -> WordingColumn {
            var metadata = SourceMetadata()
            (metadata.title, metadata.publisher, metadata.date, metadata.kind) = (hostile + "\(n)", n.isMultiple(of: 3) ? nil : hostile, date, n == 0 ? .primary : .news)
            let source = Source(id: "s\(n)", path: "articles/s\(n).md", format: .markdown, metadata: metadata, headline: nil, text: SourceText(blocks: []))
            return WordingColumn(source: source, root: "../../", anchorHref: "../../articles/s\(n)/#q-" + hostile, before: hostile, after: "after \(n)",
                                 quote: "q", piecesHTML: "<ins>marked</ins>", anchorID: n.isMultiple(of: 2) ? "src-s\(n)" + hostile : nil,
                                 comparison: comparison)
        }
        let comparisons: [WordingColumn.Comparison?] = [
            nil,
            .init(differences: [], identical: true, isBase: false, paraphrase: false, match: "curated", score: nil, attributedTo: nil, note: nil),
            .init(differences: [DescribedDifference(kind: hostile, text: hostile)], identical: false, isBase: false, paraphrase: false, match: "auto" + hostile,
                  score: "0.91" + hostile, attributedTo: hostile, note: hostile),
            .init(differences: [], identical: false, isBase: false, paraphrase: true, match: "curated", score: nil, attributedTo: nil, note: nil),
            .init(differences: [DescribedDifference(kind: "qualifier", text: "a"), DescribedDifference(kind: "wording", text: "b")], identical: false, isBase: false,
                  paraphrase: true, match: "auto", score: "0.5", attributedTo: nil, note: ""),
            .init(differences: [], identical: false, isBase: true, paraphrase: false, match: "curated", score: nil, attributedTo: "", note: nil),
        ]
        let theme = try sectionTheme()
        let (builtIn, _) = TemplateSet.load(from: nil, displayRoot: "Templates")
        let (section, problems) = TemplateSet.load(from: theme.url.appendingPathComponent("Templates"), displayRoot: "Templates")
        XCTAssertEqual(problems.map(\.description), [])
        for hasReference in [true, false] {
            for dated in [true, false] {
                let columns = comparisons.enumerated().filter { hasReference || $0.element != nil }
                    .map { column($0.offset, date: dated ? "2026-02-2\($0.offset)" + hostile : nil, comparison: $0.element) }
                var claim: [String: Any] = ["statement": "s", "columns_html": WordingColumnsHTML.html(columns, hasReference: hasReference),
                                            "columns": LazyContextValue { columns.map(\.mustache) }]
                if hasReference { claim["reference"] = columns[0].mustache }
                let context: [String: Any] = ["claim": claim, "root": "../../", "site": ["language": "en"]]
                let swift = builtIn?.render("claim", context), mustache = section?.render("claim", context)
                XCTAssertNotNil(swift)
                XCTAssertEqual(swift, mustache, "reference: \(hasReference), dated: \(dated)")
                XCTAssertFalse(swift?.contains(hostile) ?? true, "text reaches the page escaped")
                XCTAssertTrue(swift?.contains(", score 0.91" + HTMLText.escape(hostile)) ?? false)
            }
        }
    }

    /// `columns` is made only when a template reads it.
    func testTheColumnsAreMadeOnlyWhenATemplateReadsThem() throws {
        let made = Mutex(0)
        let (builtIn, _) = TemplateSet.load(from: nil, displayRoot: "Templates")
        let lazy = LazyContextValue { made.withLock { $0 += 1 }; return [[String: Any]]() }
        _ = builtIn?.render("claim", ["claim": ["statement": "s", "columns_html": "", "columns": lazy]])
        XCTAssertEqual(made.withLock { $0 }, 0)
        let theme = try sectionTheme()
        let (section, _) = TemplateSet.load(from: theme.url.appendingPathComponent("Templates"), displayRoot: "Templates")
        XCTAssertNotNil(section)
        _ = section?.render("claim", ["claim": ["statement": "s", "columns_html": "", "columns": lazy]])
        XCTAssertEqual(made.withLock { $0 }, 1)
    }
}
