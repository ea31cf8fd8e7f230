import XCTest
import Synchronization
@testable import SiteGen

/// A claim page's columns are written in Swift (`WordingColumnsHTML`) for speed; a theme may still
/// lay them out itself with `{{#columns}}`. The two must give the same page, byte for byte.
final class WordingColumnsTests: XCTestCase {
    /// The built-in theme's `{{#columns}}` section as it was before the columns came ready as HTML
    /// (its last line end is added where it is used: a string literal drops it).
    static let mustacheSection = """
      {{#columns}}
      <section class="wording{{#is_reference}} is-reference{{/is_reference}}"{{#anchor_id}} id="{{anchor_id}}"{{/anchor_id}} aria-label="{{short_title}}">
        <h3><a href="{{href}}">{{short_title}}</a></h3>
        <p class="meta">{{kind_label}}{{#date}} · <time datetime="{{date}}">{{date}}</time>{{/date}}{{#is_reference}} · reference{{/is_reference}}{{#is_base}} · earliest report, compared against{{/is_base}}{{#paraphrase}} · paraphrase{{/paraphrase}}{{#match}} · {{match}} match{{/match}}{{#score}}, score {{score}}{{/score}}</p>
        <blockquote class="in-context"><p><span class="context">{{before}}</span><span class="quoted">{{{pieces_html}}}</span><span class="context">{{after}}</span></p></blockquote>
        {{#attributed_to}}<p class="attributed">The source credits these words to: {{attributed_to}}.</p>{{/attributed_to}}
        {{#identical}}<p class="identical">Same words as the {{#reference}}reference{{/reference}}{{^reference}}earliest report{{/reference}}.</p>{{/identical}}
        {{#paraphrase}}<p class="identical">A paraphrase, not a quotation: compared on its figures, hedges and negations, not word by word.{{^has_differences}} None of these differ.{{/has_differences}}</p>{{/paraphrase}}
        {{#has_differences}}<ul class="differences">{{#differences}}<li><span class="diff-kind">{{kind}}</span> {{text}}</li>{{/differences}}</ul>{{/has_differences}}
        {{#note}}<p class="curator-note"><strong>Note:</strong> {{note}}</p>{{/note}}
        <p class="goto"><a href="{{anchor_href}}">Read it in the source</a></p>
      </section>
      {{/columns}}
"""

    /// The built-in `claim.mustache` with the columns laid out by Mustache.
    static func claimTemplateWithSection() throws -> String {
        let builtIn = try String(contentsOf: Repo.theme.appendingPathComponent("claim.mustache"), encoding: .utf8)
        let line = "      {{{columns_html}}}\n"
        XCTAssertTrue(builtIn.contains(line), "the built-in claim page places the columns on a line of their own")
        return builtIn.replacingOccurrences(of: line, with: mustacheSection + "\n")
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
                                 quote: "q", piecesHTML: "<ins>marked</ins>", anchorID: n.isMultiple(of: 2) ? "src-s\(n)" : nil,
                                 isReference: comparison == nil, comparison: comparison)
        }
        let comparisons: [WordingColumn.Comparison?] = [
            nil,
            .init(differences: [], identical: true, isBase: false, paraphrase: false, match: "curated", score: nil, attributedTo: nil, note: nil),
            .init(differences: [(kind: "figure", text: hostile)], identical: false, isBase: false, paraphrase: false, match: "auto",
                  score: "0.91", attributedTo: hostile, note: hostile),
            .init(differences: [], identical: false, isBase: false, paraphrase: true, match: "curated", score: nil, attributedTo: nil, note: nil),
            .init(differences: [(kind: "qualifier", text: "a"), (kind: "wording", text: "b")], identical: false, isBase: false,
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
                    .map { column($0.offset, date: dated ? "2026-02-2\($0.offset)" : nil, comparison: $0.element) }
                var claim: [String: Any] = ["statement": "s", "columns_html": WordingColumnsHTML.html(columns, hasReference: hasReference),
                                            "columns": LazyContextValue { columns.map(\.mustache) }]
                if hasReference { claim["reference"] = columns[0].mustache }
                let context: [String: Any] = ["claim": claim, "root": "../../", "site": ["language": "en"]]
                let swift = builtIn?.render("claim", context), mustache = section?.render("claim", context)
                XCTAssertNotNil(swift)
                XCTAssertEqual(swift, mustache, "reference: \(hasReference), dated: \(dated)")
                XCTAssertFalse(swift?.contains(hostile) ?? true, "text reaches the page escaped")
                XCTAssertTrue(swift?.contains(", score 0.91") ?? false)
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
