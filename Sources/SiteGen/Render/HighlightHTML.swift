/// The small fragments the hot pages repeat many times (a wording's word-diff marks, a quoted
/// excerpt with its highlight), written as HTML here rather than through Mustache; the templates
/// take them as `{{{…_html}}}` (README, "Templates"). A Mustache look-up costs about
/// 3 µs whatever the context (BENCHMARKS.md), and these fragments are a handful of look-ups each,
/// thousands of times a build. Every piece of text goes through `HTMLText.escape`, as `{{…}}` would.
enum HighlightHTML {
    /// A wording with the words it adds and drops marked: neighbouring words of the same kind are
    /// one run, runs are separated by a space, and each marked run says in hidden text what it is,
    /// for readers who do not see the underline or the strike-through.
    static func wordDiff(_ pieces: [WordDiff.Piece]) -> String {
        var runs: [(kind: RunKind, words: [String])] = []
        for piece in pieces {
            let (kind, word): (RunKind, String)
            switch piece {
            case .same(let text): (kind, word) = (.same, text)
            case .removed(let text): (kind, word) = (.removed, text)
            case .added(let text): (kind, word) = (.added, text)
            }
            if runs.last?.kind == kind { runs[runs.count - 1].words.append(word) } else { runs.append((kind, [word])) }
        }
        var html = ""
        for (index, run) in runs.enumerated() {
            if index > 0 { html += " " }
            let text = HTMLText.escape(run.words.joined(separator: " "))
            switch run.kind {
            case .same: html += text
            case .removed: html += #"<del><span class="visually-hidden">[removed: </span>"# + text + #"<span class="visually-hidden">]</span></del>"#
            case .added: html += #"<ins><span class="visually-hidden">[added: </span>"# + text + #"<span class="visually-hidden">]</span></ins>"#
            }
        }
        return html
    }

    private enum RunKind { case same, removed, added }

    /// A sentence quoted with one stretch of it highlighted.
    static func excerpt(before: String, highlight: String, after: String) -> String {
        #"<q class="excerpt">"# + HTMLText.escape(before) + "<mark>" + HTMLText.escape(highlight) + "</mark>" + HTMLText.escape(after) + "</q>"
    }
}
