import Mustache

/// One source's wording on a claim page: what a column of the side-by-side comparison shows.
struct WordingColumn {
    var source: Source
    /// The way back to the site's root from the claim page.
    var root: String
    var anchorHref: String
    var before: String
    var after: String
    var quote: String
    var piecesHTML: String
    /// `src-<id>`: on the first column of each source, which the coverage table links to.
    var anchorID: String?
    /// How the wording compares with the one it is compared against: nil on the primary reference.
    var comparison: Comparison?

    var isReference: Bool { comparison == nil }

    struct Comparison {
        var differences: [DescribedDifference]
        var identical: Bool
        var isBase: Bool
        var paraphrase: Bool
        var match: String
        var score: String?
        var attributedTo: String?
        var note: String?
    }

    var href: String { root + Routes.source(source.id) }
    var shortTitle: String { source.shortTitle }

    /// The column as `claim.mustache`'s `{{#columns}}` section reads it.
    var mustache: [String: Any] {
        var column = SiteRenderer.sourceSummary(source, root: root)
        column["short_title"] = shortTitle
        column["anchor_href"] = anchorHref
        column["before"] = before
        column["after"] = after
        column["quote"] = quote
        column["pieces_html"] = piecesHTML
        if isReference { column["is_reference"] = true }
        if let anchorID { column["anchor_id"] = anchorID }
        if let comparison {
            column["differences"] = comparison.differences.map(\.mustache)
            column["has_differences"] = !comparison.differences.isEmpty
            column["identical"] = comparison.identical
            column["is_base"] = comparison.isBase
            column["paraphrase"] = comparison.paraphrase
            column["match"] = comparison.match
            if let score = comparison.score { column["score"] = score }
            if let attributed = comparison.attributedTo { column["attributed_to"] = attributed }
            if let note = comparison.note { column["note"] = note }
        }
        return column
    }
}

/// A difference between two wordings, in words (`SiteRenderer.describe`).
struct DescribedDifference {
    /// The difference's kind (`figure`, `qualifier`…).
    var kind: String
    var text: String

    var mustache: [String: Any] { ["kind": kind, "text": text] }
}

/// A claim page's columns as HTML (`{{{columns_html}}}`), written here rather than through
/// Mustache: a claim page repeats about thirty look-ups per source, and at 1,000 claims that
/// was most of the claim pages' rendering (BENCHMARKS.md). The markup is that of the `{{#columns}}`
/// section the built-in theme had (Templates/README.md shows it), byte for byte, blank lines
/// included, so that a theme still using that section (`columns` is still given, made only when a
/// template reads it) renders the same page; a test holds the two together. (A claim with no
/// wording at all would differ by one blank line, but the build refuses such a claim.) Every
/// piece of text goes through `HTMLText.escape`.
enum WordingColumnsHTML {
    /// The columns, each the section's lines; the first without the indentation the template's
    /// own line gives it, the last without its line end (the template's line has them).
    /// `hasReference`: the claim has a primary wording, which identical wordings are said to match.
    static func html(_ columns: [WordingColumn], hasReference: Bool) -> String {
        var html = ""
        html.reserveCapacity(columns.count * 1_500)
        for (index, column) in columns.enumerated() {
            if index > 0 { html += "\n      " }
            write(column, hasReference: hasReference, to: &html)
        }
        return html
    }

    private static func write(_ column: WordingColumn, hasReference: Bool, to html: inout String) {
        let e = HTMLText.escape
        let comparison = column.comparison
        html += #"<section class="wording"#
        if column.isReference { html += " is-reference" }
        html += "\""
        if let id = column.anchorID { html += #" id=""# + e(id) + "\"" }
        html += #" aria-label=""# + e(column.shortTitle) + "\">\n"
        html += #"        <h3><a href=""# + e(column.href) + "\">" + e(column.shortTitle) + "</a></h3>\n"
        html += #"        <p class="meta">"# + e(SiteRenderer.kindLabel(column.source.metadata.kind))
        if let date = column.source.metadata.date { html += #" · <time datetime=""# + e(date) + "\">" + e(date) + "</time>" }
        if column.isReference { html += " · reference" }
        if comparison?.isBase == true { html += " · earliest report, compared against" }
        if comparison?.paraphrase == true { html += " · paraphrase" }
        if let match = comparison?.match { html += " · " + e(match) + " match" }
        if let score = comparison?.score { html += ", score " + e(score) }
        html += "</p>\n"
        html += #"        <blockquote class="in-context"><p><span class="context">"# + e(column.before)
            + #"</span><span class="quoted">"# + column.piecesHTML
            + #"</span><span class="context">"# + e(column.after) + "</span></p></blockquote>\n"
        html += "        "
        if let attributed = comparison?.attributedTo {
            html += #"<p class="attributed">The source credits these words to: "# + e(attributed) + ".</p>"
        }
        html += "\n        "
        if comparison?.identical == true {
            html += #"<p class="identical">Same words as the "# + (hasReference ? "reference" : "earliest report") + ".</p>"
        }
        html += "\n        "
        if let comparison, comparison.paraphrase {
            html += #"<p class="identical">A paraphrase, not a quotation: compared on its figures, hedges and negations, not word by word."#
            if comparison.differences.isEmpty { html += " None of these differ." }
            html += "</p>"
        }
        html += "\n        "
        if let differences = comparison?.differences, !differences.isEmpty {
            html += #"<ul class="differences">"#
            for difference in differences {
                html += #"<li><span class="diff-kind">"# + e(difference.kind) + "</span> " + e(difference.text) + "</li>"
            }
            html += "</ul>"
        }
        html += "\n        "
        if let note = comparison?.note { html += #"<p class="curator-note"><strong>Note:</strong> "# + e(note) + "</p>" }
        html += "\n"
        html += #"        <p class="goto"><a href=""# + e(column.anchorHref) + "\">Read it in the source</a></p>\n"
        html += "      </section>"
    }
}

/// A context value made only if a template looks it up: a page's data that the built-in theme
/// takes ready-made as HTML, kept for themes that still read it. Not thread-safe: a page's context
/// is made and rendered on one thread.
final class LazyContextValue: MustacheCustomRepresentation {
    private let make: () -> Any
    private lazy var value: Any = make()

    init(_ make: @escaping () -> Any) { self.make = make }

    var representation: Any? { value }
}
