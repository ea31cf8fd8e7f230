import Foundation

/// Turns a raw scraped article (one paragraph a line, as the seeds come) into
/// readable blocks. The file itself is never changed: cleaning only decides
/// which lines are article text and what each one is.
///
/// What counts as scrape debris, and why:
/// - fixed widget lines: `Advertisement`, `×`, `info_icon`, `Published At:` …
/// - a "Summary" box: its heading lines and the bullet lines that follow it
///   (the summary repeats the article in other words);
/// - promotion: a call to action ("Get the latest issue of …", "Sign up …")
///   together with the short fragments right around it (the promo box's title,
///   date and button text);
/// - an image caption: a fragment directly above an `info_icon` line;
/// - a repeated summary: a paragraph every sentence of which appears again,
///   eight words or more verbatim, further down (a standfirst the body repeats).
public struct ScrapeCleaner: Sendable {
    public struct Result: Sendable {
        public var date: String?
        public var title: String?
        public var blocks: [TextBlock]
        /// Lines left out, with the reason, for tests and for `--verbose` readers.
        public var dropped: [(line: Int, text: String, reason: String)]
    }

    public init() {}

    static let debrisLines: Set<String> = [
        "advertisement", "×", "info_icon", "published at:", "summary", "summary of this article",
        "share", "share this article", "read more", "also read", "story continues below advertisement",
        "skip to content", "loading...", "loading…",
    ]
    static let summaryHeadings: Set<String> = ["summary", "summary of this article", "key takeaways", "highlights"]
    /// The longest line, in UTF-8 bytes, that could lower-case to a fixed line: lower-casing turns a
    /// scalar of up to four bytes into at least one byte (the Kelvin sign becomes "k").
    static let longestLowerCasedToFixed = 4 * (debrisLines.union(summaryHeadings).map(\.utf8.count).max() ?? 0)

    public func clean(_ raw: String) -> Result {
        var lines = Self.lines(raw)
        var date: String?
        var firstLineShift = 0
        if let first = lines.first, let prefix = LinePatterns.datePrefix(first.scalarArray) {
            date = prefix.date
            lines[0] = String(String.UnicodeScalarView(first.unicodeScalars.dropFirst(prefix.length)))
            firstLineShift = prefix.length
        }

        var candidates: [Line] = []
        for (index, original) in lines.enumerated() {
            let trimmed = Self.trimmed(original)
            guard !trimmed.isEmpty else { continue }
            let leading = original.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
            let column = 1 + leading + (index == 0 ? firstLineShift : 0)
            candidates.append(Line(number: index + 1, column: column, text: trimmed))
        }

        var dropped: [(Int, String, String)] = []
        var keep = Array(repeating: true, count: candidates.count)
        func drop(_ i: Int, _ reason: String) {
            if keep[i] { keep[i] = false; dropped.append((candidates[i].number, candidates[i].text, reason)) }
        }

        // Fixed debris, summary boxes and captions.
        var inSummary = false
        for (i, line) in candidates.enumerated() {
            // Every fixed line is short, so only short lines are lower-cased whole (most lines are long paragraphs).
            let lower = line.text.utf8.count <= Self.longestLowerCasedToFixed ? line.text.lowercased() : nil
            if let lower, Self.summaryHeadings.contains(lower) { inSummary = true; drop(i, "summary box"); continue }
            if inSummary, line.isBullet { drop(i, "summary box"); continue }
            inSummary = false
            if lower.map(Self.debrisLines.contains) ?? false || String(line.text.prefix(13)).lowercased().hasPrefix("published at:") {
                drop(i, "page furniture"); continue
            }
            if i + 1 < candidates.count, candidates[i + 1].text.utf8.count == 9, candidates[i + 1].text.lowercased() == "info_icon", line.isFragment {
                drop(i, "image caption")
            }
        }

        // Promotion boxes: the call to action and the fragments around it.
        for (i, line) in candidates.enumerated() where LinePatterns.isPromotion(line.text.unicodeScalars) {
            drop(i, "promotion")
            var j = i - 1
            while j >= 0, candidates[j].isFragment, candidates[j].wordCount <= 6 { drop(j, "promotion"); j -= 1 }
            j = i + 1
            while j < candidates.count, candidates[j].isFragment, candidates[j].wordCount <= 6 { drop(j, "promotion"); j += 1 }
        }

        var kept = zip(candidates, keep).filter(\.1).map(\.0)

        // A headline opens the text: a short line with no closing punctuation. After a date
        // prefix the seeds start straight into their first sentence, which ends with a stop;
        // a headline there (" date 2026-04-08 Parents file appeal") needs text after it.
        var title: String?
        if let first = kept.first, first.isFragment, first.wordCount <= 20, date == nil || kept.count > 1 {
            title = first.text
            kept.removeFirst()
        }

        // A lead paragraph that the body repeats is a summary, not text.
        // Walked from the end, so the runs of every later line are gathered once.
        var repeated = Set<Int>()
        var later = Set<UInt64>()
        for (i, line) in kept.enumerated().reversed() {
            let shingles = Self.shingles(line.text)
            // Sentences end at spaces, where words end too, so each run of a sentence is a run of its
            // line: a line none of whose runs comes again is not split into sentences at all.
            if !shingles.isDisjoint(with: later), line.wordCount >= 8 {
                let sentences = Self.sentences(line.text).filter { Self.words($0).count >= 6 }
                if !sentences.isEmpty, sentences.allSatisfy({ !Self.shingles($0).isDisjoint(with: later) }) {
                    repeated.insert(i)
                    dropped.append((line.number, line.text, "repeated summary"))
                }
            }
            later.formUnion(shingles)
        }

        let blocks = kept.enumerated().filter { !repeated.contains($0.offset) }.map { Self.block(for: $0.element) }
        return Result(date: date, title: title, blocks: blocks, dropped: dropped.sorted { $0.0 < $1.0 })
    }

    // MARK: - Lines

    struct Line {
        var number: Int
        var column: Int
        var text: String

        var wordCount: Int {
            // Counted, not split: asked several times of every line.
            var (count, inWord) = (0, false)
            for scalar in text.unicodeScalars {
                if scalar.isSpace { inWord = false } else if !inWord { (count, inWord) = (count + 1, true) }
            }
            return count
        }
        var isBullet: Bool { LinePatterns.bulletPrefix(text.unicodeScalars) != nil }
        /// A short line in headline form: a capital first, no closing punctuation
        /// (a question mark is allowed in short ones, "What Is Distillation?").
        var isHeadingLike: Bool {
            guard text.first?.isUppercase == true else { return false }
            let words = wordCount
            guard words >= 2, words <= 14 else { return false }
            return isFragment || (text.hasSuffix("?") && words <= 8)
        }

        /// A line that is not a sentence: no closing punctuation.
        var isFragment: Bool {
            guard let last = text.unicodeScalars.last else { return true }
            return !".!?;,:\"”’'…)".unicodeScalars.contains(last)
        }
    }

    static func block(for line: Line) -> TextBlock {
        let position = SourcePosition(line: line.number, column: line.column)
        let scalars = line.text.unicodeScalars
        if LinePatterns.hasEmbedSignature(scalars) {
            return TextBlock(.embed, runs: [TextRun(line.text)], position: position)
        }
        if let bullet = LinePatterns.bulletPrefix(scalars) {
            let rest = String(scalars.dropFirst(bullet))
            return TextBlock(.listItem, runs: [TextRun(rest)], position: position)
        }
        if line.isHeadingLike {
            return TextBlock(.heading(level: 2), runs: [TextRun(line.text)], position: position)
        }
        return TextBlock(.paragraph, runs: [TextRun(line.text)], position: position)
    }

    // MARK: - Text helpers

    static func words(_ text: String) -> [Substring] {
        text.unicodeScalars.split(whereSeparator: \.isSpace).map { Substring($0) }
    }

    /// Sentences, split after `.`, `!` or `?` (and any closing quote) that a space follows.
    /// ASCII text is read by scalar, the same there and several times faster; elsewhere a space
    /// or a full stop can be one Character with the scalar beside it, so Characters decide.
    static func sentences(_ text: String) -> [String] {
        guard text.isASCII else { return sentencesByCharacter(text) }
        let scalars = text.unicodeScalars
        var result: [String] = []
        var start = scalars.startIndex
        // The last scalar of the current sentence that is not a closing quote.
        var ending: Unicode.Scalar?
        for index in scalars.indices {
            let scalar = scalars[index]
            if scalar == " ", let last = ending, last.isSentenceEnd {
                result.append(String(scalars[start..<index]))
                start = scalars.index(after: index)
                ending = nil
            } else if !scalar.isClosingQuote {
                ending = scalar
            }
        }
        if start < scalars.endIndex { result.append(String(scalars[start...])) }
        return result
    }

    /// `sentences` read by Character, for any text (and as the reference its scalar reading is tested against).
    static func sentencesByCharacter(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            if character == " ", let ending = current.reversed().first(where: { !"\"”’".contains($0) }), ".!?".contains(ending) {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// The lines of `text`, split at every newline ("\r\n" is one), as splitting at newline
    /// Characters does, empty lines kept; read by scalar, which is several times faster.
    static func lines(_ text: String) -> [String] {
        let scalars = text.unicodeScalars
        var lines: [String] = []
        var (start, index) = (scalars.startIndex, scalars.startIndex)
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard scalar.isLineBreak else { index = scalars.index(after: index); continue }
            lines.append(String(scalars[start..<index]))
            index = scalars.index(after: index)
            if scalar == "\r", index < scalars.endIndex, scalars[index] == "\n" { index = scalars.index(after: index) }
            start = index
        }
        lines.append(String(scalars[start...]))
        return lines
    }

    /// `line` without the white space around it, as `trimmingCharacters(in: .whitespaces)` has it.
    /// Spaces and tabs are taken off here; what is left goes to Foundation only if it then opens or
    /// closes with something other than a visible ASCII scalar (Foundation converts the line to
    /// UTF-16, and its set holds more than the Unicode space separators: the zero-width space, for one).
    static func trimmed(_ line: String) -> String {
        let isVisibleASCII = { (scalar: Unicode.Scalar) in scalar.value > 0x20 && scalar.value < 0x7F }
        let isSpaceOrTab = { (scalar: Unicode.Scalar) in scalar == " " || scalar == "\t" }
        let scalars = line.unicodeScalars
        var (start, end) = (scalars.startIndex, scalars.endIndex)
        while start < end, isSpaceOrTab(scalars[start]) { start = scalars.index(after: start) }
        while start < end, isSpaceOrTab(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == end { return "" }
        guard isVisibleASCII(scalars[start]), isVisibleASCII(scalars[scalars.index(before: end)]) else {
            return line.trimmingCharacters(in: .whitespaces)
        }
        return start == scalars.startIndex && end == scalars.endIndex ? line : String(scalars[start..<end])
    }

    /// Runs of eight words, lower-cased and stripped of punctuation, as hashes.
    static func shingles(_ text: String) -> Set<UInt64> {
        let hashes = WordToken.hashed(in: text).map(\.hash)
        guard hashes.count >= 8 else { return [] }
        return Set((0...(hashes.count - 8)).map { start in
            hashes[start..<start + 8].reduce(UInt64(0)) { $0 &* 1_099_511_628_211 &+ $1 }
        })
    }
}
