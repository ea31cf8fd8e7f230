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

    public init(blocks: [TextBlock]) {
        self.blocks = blocks
        var starts: [Int] = []
        var offset = 0
        for block in blocks {
            starts.append(offset)
            offset += block.text.unicodeScalars.count + Self.blockSeparator.unicodeScalars.count
        }
        blockStarts = starts
        string = blocks.map(\.text).joined(separator: Self.blockSeparator)
    }
}
