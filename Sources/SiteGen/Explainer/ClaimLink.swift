import Markdown
/// A Markdown link whose destination is `claim:<id>`: the way explainer
/// pages cite a claim, for example `[about 24,000 accounts](claim:fraudulent-accounts)`.
public struct ClaimLink: Hashable, Sendable {
    public static let scheme = "claim:"

    public var claimID: String
    /// Where the link starts in the page's file.
    public var position: SourcePosition

    /// The claim id a link destination names, or nil for an ordinary link.
    public static func claimID(in destination: String) -> String? {
        destination.hasPrefix(scheme) ? String(destination.dropFirst(scheme.count)) : nil
    }

    /// Every claim link of a Markdown body, in document order, positioned in
    /// the file (the body starts after `lineOffset` lines of front matter).
    static func all(in tree: MarkdownNode, body: String, lineOffset: Int) -> [ClaimLink] {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        var links: [ClaimLink] = []
        tree.walk { node in
            guard node.kind == .link, let id = claimID(in: node.url ?? "") else { return }
            let start = node.range.start
            let column = start.line <= lines.count ? correctedColumn(start.column, in: lines[start.line - 1]) : start.column
            links.append(ClaimLink(claimID: id, position: SourcePosition(line: start.line + lineOffset, column: column)))
        }
        return links
    }

    /// cmark counts columns on a paragraph's continuation lines after their
    /// leading indentation is stripped; put that indentation back so the
    /// column points at the `[`. Columns are bytes, as cmark counts them.
    static func correctedColumn(_ column: Int, in line: [UInt8]) -> Int {
        let bracket = UInt8(ascii: "[")
        guard column >= 1, column <= line.count, line[column - 1] != bracket else { return column }
        let indent = line.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        let shifted = column + indent
        return shifted <= line.count && line[shifted - 1] == bracket ? shifted : column
    }

    /// The known id most like `id`, for a "did you mean" hint.
    static func suggestion(for id: String, among ids: [String]) -> String? {
        let scored = ids.map { ($0, WordDiff.editDistance(Array(id), Array($0))) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return nil }
        return best.1 <= max(2, id.count / 4) ? best.0 : nil
    }
}
