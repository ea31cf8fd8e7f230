/// One block of a source's text, read once for every part of matching that
/// needs it: candidates, the evidence around figures, paragraphs' words, names
/// and units. Reading each block once instead of once per part is most of what
/// keeps matching 10,000 articles quick.
struct BlockWords {
    let block: TextBlock
    /// The block's first scalar, as an offset into the source's text.
    let start: Int
    let scalars: [Unicode.Scalar]
    let tokens: [WordToken]
    /// Every figure, with spans local to the block.
    let figures: [(figure: Figure, span: TextSpan)]

    /// The block's span in the source's text.
    var span: TextSpan { TextSpan(start: start, end: start + scalars.count) }

    /// Every block of `text`, in order.
    static func all(in text: SourceText) -> [BlockWords] {
        let sourceScalars = Array(text.string.unicodeScalars)
        let separator = SourceText.blockSeparator.unicodeScalars.count
        return text.blocks.indices.map { index in
            let start = text.blockStarts[index]
            let end = index + 1 < text.blocks.count ? text.blockStarts[index + 1] - separator : sourceScalars.count
            let scalars = Array(sourceScalars[start..<end])
            return BlockWords(block: text.blocks[index], start: start, scalars: scalars, tokens: WordToken.all(in: scalars),
                              figures: Figure.located(in: scalars))
        }
    }
}
