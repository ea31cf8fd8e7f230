/// One block of a source's text, read once for every part of matching that
/// needs it: candidates, the evidence around figures, paragraphs' words, names
/// and units. Reading each block once instead of once per part is most of what
/// keeps matching 10,000 articles quick.
///
/// A class, so that its words are read only when something asks for them: most
/// blocks have no figure, no quotation and no claim's evidence, and are never read.
/// It lives inside the matching of one source, on one thread.
final class BlockWords {
    let block: TextBlock
    /// The block's first scalar, as an offset into the source's text.
    let start: Int
    let scalars: [Unicode.Scalar]
    private(set) lazy var tokens: [WordToken] = WordToken.all(in: scalars)
    /// Every figure, with spans local to the block.
    let figures: [(figure: Figure, span: TextSpan)]

    init(block: TextBlock, start: Int, scalars: [Unicode.Scalar]) {
        self.block = block
        self.start = start
        self.scalars = scalars
        figures = Figure.located(in: scalars)
    }

    /// The block's span in the source's text.
    var span: TextSpan { TextSpan(start: start, end: start + scalars.count) }

    /// Every block of `text`, in order.
    static func all(in text: SourceText) -> [BlockWords] {
        let sourceScalars = text.string.scalarArray
        let separator = SourceText.blockSeparator.unicodeScalars.count
        return text.blocks.indices.map { index in
            let start = text.blockStarts[index]
            let end = index + 1 < text.blocks.count ? text.blockStarts[index + 1] - separator : sourceScalars.count
            let scalars = Array(sourceScalars[start..<end])
            return BlockWords(block: text.blocks[index], start: start, scalars: scalars)
        }
    }
}

extension Array {
    /// For elements in order, read once by a cursor that only moves forward (a block's sentences,
    /// a sentence's words): skips those `before` says come before the next run, returns the run of
    /// those `inside` accepts, and leaves the cursor after it.
    func nextRun(from cursor: inout Int, skipping before: (Element) -> Bool, taking inside: (Element) -> Bool) -> Range<Int> {
        while cursor < count, before(self[cursor]) { cursor += 1 }
        var end = cursor
        while end < count, inside(self[end]) { end += 1 }
        let run = cursor..<end
        cursor = end
        return run
    }
}
