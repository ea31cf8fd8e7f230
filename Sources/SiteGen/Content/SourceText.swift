/// A stretch of text inside a block, with the little markup a source may carry.
public struct TextRun: Hashable, Sendable {
    public var text: String
    public var emphasis = false
    public var strong = false
    public var code = false
    /// An outbound link from the source itself (only http, https and mailto are kept).
    public var link: String?

    public init(_ text: String, emphasis: Bool = false, strong: Bool = false, code: Bool = false, link: String? = nil) {
        self.text = text
        self.emphasis = emphasis
        self.strong = strong
        self.code = code
        self.link = link
    }
}

/// One block of a source's readable text: a paragraph, a heading, a quoted passage…
public struct TextBlock: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case paragraph
        case heading(level: Int)
        case quote
        case listItem
        case code
        /// A post embedded in an article ("… — Name (@handle) February 23, 2026").
        case embed
    }

    public var kind: Kind
    public var runs: [TextRun]
    /// Where the block starts in the file, for diagnostics.
    public var position: SourcePosition

    public init(_ kind: Kind, runs: [TextRun], position: SourcePosition) {
        self.kind = kind
        self.runs = runs
        self.position = position
    }

    public var text: String { runs.map(\.text).joined() }
    /// How many scalars `text` has, counted run by run without joining them.
    var scalarCount: Int { runs.reduce(0) { $0 + $1.text.scalarCount } }
}

/// The readable text of a source: its blocks, and the single string they make
/// when joined by blank lines. Offsets into that string count Unicode scalars,
/// as `claims.json` does.
public struct SourceText: Hashable, Sendable {
    public static let blockSeparator = "\n\n"

    public let blocks: [TextBlock]
    public let string: String
    /// The scalar offset at which each block starts in `string`.
    public let blockStarts: [Int]
    /// The sentences of each block, as scalar spans of `string`, found once
    /// here because dates, candidates, matching and entity pages all need them.
    public let sentences: [TextSpan]

    public init(blocks: [TextBlock]) {
        self.blocks = blocks
        // Each block's text is its runs joined: joined once here.
        let texts = blocks.map(\.text)
        var starts: [Int] = []
        var offset = 0
        for text in texts {
            starts.append(offset)
            offset += text.scalarCount + Self.blockSeparator.scalarCount
        }
        blockStarts = starts
        string = texts.joined(separator: Self.blockSeparator)
        sentences = Self.sentences(of: texts, starts: starts)
    }

    /// A text worked out before (the build cache): the parts as `init(blocks:)` made them.
    init(blocks: [TextBlock], string: String, blockStarts: [Int], sentences: [TextSpan]) {
        self.blocks = blocks
        self.string = string
        self.blockStarts = blockStarts
        self.sentences = sentences
    }
}

extension SourceText {
    /// The index of the block that holds the scalar `offset`.
    public func blockIndex(at offset: Int) -> Int {
        var low = 0, high = blockStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if blockStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return max(low, 0)
    }

    /// The text between two scalar offsets of `string`, clamped to it. A stretch inside one block
    /// (a sentence, a quote) is cut from that block's text, without walking the whole source.
    public func substring(from start: Int, to end: Int) -> String {
        let lower = max(0, start), count = max(lower, end) - lower
        if !blocks.isEmpty {
            let index = blockIndex(at: lower)
            if lower >= blockStarts[index], let text = Self.scalars(of: blocks[index].text, from: lower - blockStarts[index], count: count) {
                return text
            }
        }
        return Self.scalars(of: string, from: lower, count: count, clamped: true) ?? ""
    }

    /// `count` scalars of `text` from scalar `offset`; where they run past its end, nil, or what
    /// there is when `clamped`.
    private static func scalars(of text: String, from offset: Int, count: Int, clamped: Bool = false) -> String? {
        let scalars = text.unicodeScalars
        let end = clamped ? scalars.endIndex : nil
        guard let from = scalars.index(scalars.startIndex, offsetBy: offset, limitedBy: scalars.endIndex) ?? end,
              let to = scalars.index(from, offsetBy: count, limitedBy: scalars.endIndex) ?? end else { return nil }
        return String(scalars[from..<to])
    }

    /// The index of the sentence that holds the scalar `offset`, if one does (the blank
    /// lines between blocks are in none).
    public func sentenceIndex(at offset: Int) -> Int? {
        var low = 0, high = sentences.count
        while low < high { let middle = (low + high) / 2; if sentences[middle].end <= offset { low = middle + 1 } else { high = middle } }
        return low < sentences.count && sentences[low].start <= offset ? low : nil
    }

    /// Where the scalar `offset` is in the source file, for diagnostics: the
    /// block's own position, moved along the block's first line.
    public func filePosition(of offset: Int) -> SourcePosition {
        guard !blocks.isEmpty else { return SourcePosition(line: 1, column: 1) }
        let index = blockIndex(at: offset)
        let start = blocks[index].position
        return SourcePosition(line: start.line, column: start.column + max(0, offset - blockStarts[index]))
    }

    /// A sentence ends at `.`, `!` or `?` (and any closing quote) followed by
    /// a space and a capital letter, a digit or an opening quote.
    static func sentences(of texts: [String], starts: [Int]) -> [TextSpan] {
        var spans: [TextSpan] = []
        for (index, text) in texts.enumerated() {
            let scalars = text.scalarArray
            let base = starts[index]
            var start = 0
            var position = 0
            while position < scalars.count {
                defer { position += 1 }
                guard scalars[position].isSentenceEnd else { continue }
                var end = position + 1
                while end < scalars.count, scalars[end].isClosingQuote || scalars[end] == "'" { end += 1 }
                guard end + 1 < scalars.count, scalars[end].isSpace else { continue }
                let next = scalars[end + 1]
                guard next.isCapital || ("0"..."9").contains(next) || next == "\"" || next == "“" || next == "‘" else { continue }
                spans.append(TextSpan(start: base + start, end: base + end))
                start = end + 1
                position = end
            }
            if start < scalars.count { spans.append(TextSpan(start: base + start, end: base + scalars.count)) }
        }
        return spans
    }
}
