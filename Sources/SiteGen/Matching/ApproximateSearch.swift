import CEdlib

/// Where a pattern occurs in a text with the fewest edits (insertions,
/// deletions, substitutions of one scalar), and how many.
struct ApproximateOccurrence: Equatable, Sendable {
    /// Scalar offsets into the searched text, end exclusive.
    var start: Int
    var end: Int
    var edits: Int
}

/// Infix approximate search with Myers' bit-vector algorithm (gaps before and
/// after the pattern are free), O(text × pattern ÷ 64). Every call into edlib
/// is in this file.
///
/// Both searches compare bytes. Folded text is Unicode, so scalars are
/// renumbered first: every distinct scalar of the pattern gets its own code
/// and every other scalar of the text one shared code (or, for a text coded
/// once for many patterns, every distinct scalar of the text its own code and
/// the pattern's others one shared code). Text scalars are only ever compared
/// with pattern scalars, so a shared code changes no distance. A pattern with
/// more than 255 distinct scalars cannot be coded and is reported as not found.
///
/// Patterns of up to 256 scalars, nearly every wording and name, are searched
/// by `BitVectorMyers` below; longer ones by edlib (`EDLIB_MODE_HW`). edlib
/// does the same search, but sets up each call (alphabet, equality table, bit
/// masks, a reverse pass for every end location) at a cost ten times that of
/// the search itself on a 50-scalar wording in a 250-scalar window: 6.7 s of
/// the 15 s of CPU the match step took on 10,000 articles (docs/matching.md).
/// The tests check that both give the same occurrences.
enum ApproximateSearch {
    /// The best occurrence of `pattern` in `text` with at most `maxEdits` edits
    /// (nil: any number); of several equally good ones, the first.
    static func best(_ pattern: [Unicode.Scalar], in text: [Unicode.Scalar], maxEdits: Int? = nil) -> ApproximateOccurrence? {
        guard !pattern.isEmpty, !text.isEmpty, let (query, target) = encode(pattern, text) else { return nil }
        return align(query, target[...], maxEdits: maxEdits)
    }

    /// The same search in part of a text coded once for many patterns. `prepared`, when given,
    /// is the pattern made ready once (`BitVectorMyers(ascii:)`), for a pattern searched often.
    static func best(_ pattern: [Unicode.Scalar], prepared: BitVectorMyers? = nil, in text: CodedText, range: Range<Int>,
                     maxEdits: Int? = nil) -> ApproximateOccurrence? {
        guard !pattern.isEmpty, !range.isEmpty else { return nil }
        if let prepared {
            let limit = maxEdits.flatMap { $0 < 0 ? nil : min($0, pattern.count) }
            return prepared.best(in: text.codes[range], maxEdits: limit).flatMap { $0.end > $0.start && $0.edits < pattern.count ? $0 : nil }
        }
        return align(text.code(pattern), text.codes[range], maxEdits: maxEdits)
    }

    /// A text coded once, so that many patterns can be looked for in it. An ASCII scalar is its
    /// own code, so a pattern of ASCII scalars (nearly every wording) is coded the same for every
    /// text and can be made ready once; every other distinct scalar of the text gets a code from
    /// 128 up, and a pattern's scalars that the text lacks share the one code left, 255.
    struct CodedText: Sendable {
        private let others: [Unicode.Scalar: UInt8]
        let codes: [UInt8]
        fileprivate static let absent: UInt8 = 255

        /// Nil when the text has more than 127 distinct scalars outside ASCII.
        init?(_ text: [Unicode.Scalar]) {
            var others: [Unicode.Scalar: UInt8] = [:]
            var codes: [UInt8] = []
            codes.reserveCapacity(text.count)
            for scalar in text {
                if scalar.value < 128 {
                    codes.append(UInt8(scalar.value))
                } else if let code = others[scalar] {
                    codes.append(code)
                } else {
                    guard others.count < 127 else { return nil }
                    let code = UInt8(128 + others.count)
                    others[scalar] = code
                    codes.append(code)
                }
            }
            (self.others, self.codes) = (others, codes)
        }

        func code(_ pattern: [Unicode.Scalar]) -> [UInt8] {
            pattern.map { scalar in scalar.value < 128 ? UInt8(scalar.value) : others[scalar] ?? Self.absent }
        }
    }

    /// Which implementation searches; `automatic` picks by pattern length. Tests set the others.
    enum Engine { case automatic, edlib, bitVector }

    static func align(_ query: [UInt8], _ target: ArraySlice<UInt8>, maxEdits: Int?, engine: Engine = .automatic) -> ApproximateOccurrence? {
        guard !query.isEmpty, !target.isEmpty else { return nil }
        // A negative bound means none, as it does to edlib.
        let limit = maxEdits.flatMap { $0 < 0 ? nil : min($0, query.count) }
        let useOwn = engine == .bitVector || (engine == .automatic && query.count <= BitVectorMyers.maxPattern)
        let found = useOwn ? BitVectorMyers(query).best(in: target, maxEdits: limit) : edlib(query, target, maxEdits: limit)
        // An occurrence made of insertions only is empty, and one with as many edits as the pattern has
        // scalars is no better than none (edlib reports some of those as ending before the text).
        guard let found, found.end > found.start, found.edits < query.count else { return nil }
        return found
    }

    private static func edlib(_ query: [UInt8], _ target: ArraySlice<UInt8>, maxEdits: Int?) -> ApproximateOccurrence? {
        let config = edlibNewAlignConfig(Int32(maxEdits ?? -1), EDLIB_MODE_HW, EDLIB_TASK_LOC, nil, 0)
        let result = query.withUnsafeBufferPointer { q in
            target.withUnsafeBufferPointer { t in
                q.withMemoryRebound(to: CChar.self) { q in
                    t.withMemoryRebound(to: CChar.self) { t in
                        edlibAlign(q.baseAddress, Int32(q.count), t.baseAddress, Int32(t.count), config)
                    }
                }
            }
        }
        defer { edlibFreeAlignResult(result) }
        guard result.status == EDLIB_STATUS_OK, result.editDistance >= 0, result.numLocations > 0,
              let ends = result.endLocations, let starts = result.startLocations else { return nil }
        // edlib's locations are inclusive.
        return ApproximateOccurrence(start: Int(starts[0]), end: Int(ends[0]) + 1, edits: Int(result.editDistance))
    }

    /// The pattern and text as byte codes, or nil when the pattern has too many distinct scalars.
    /// ASCII goes through a table, the rest through a dictionary: most text is ASCII.
    private static func encode(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> ([UInt8], [UInt8])? {
        var ascii = [Int16](repeating: -1, count: 128)
        var others: [Unicode.Scalar: UInt8] = [:]
        var next = 0
        var query: [UInt8] = []
        query.reserveCapacity(pattern.count)
        for scalar in pattern {
            let known = scalar.value < 128 ? (ascii[Int(scalar.value)] >= 0 ? UInt8(ascii[Int(scalar.value)]) : nil) : others[scalar]
            if let known { query.append(known); continue }
            guard next < 255 else { return nil }
            if scalar.value < 128 { ascii[Int(scalar.value)] = Int16(next) } else { others[scalar] = UInt8(next) }
            query.append(UInt8(next))
            next += 1
        }
        let other = UInt8(next)
        let target = text.map { scalar -> UInt8 in
            if scalar.value < 128 { let code = ascii[Int(scalar.value)]; return code >= 0 ? UInt8(code) : other }
            return others[scalar] ?? other
        }
        return (query, target)
    }
}

/// Myers' bit-vector edit distance, as Hyyrö laid it out for patterns longer
/// than a machine word: the pattern is cut into 64-row blocks, and each text
/// byte advances every block by a few word operations, the carry of one block
/// (its bottom row's horizontal difference) feeding the next. It reports what
/// edlib reports: the first end with the fewest edits, and the start found by
/// a second pass over the reversed pattern and text, in which gaps after the
/// pattern are free and the last best end is taken (so that an occurrence does
/// not open with insertions where substitutions do).
struct BitVectorMyers: Sendable {
    /// Longer patterns go to edlib, whose band (only the blocks that can still reach `maxEdits`
    /// are computed) pays for its setup there.
    static let maxPattern = 256
    private let masks: [UInt64]
    private let reversedMasks: [UInt64]
    private let length: Int
    private let blocks: Int

    /// A pattern of ASCII scalars, coded as `CodedText` codes them, made ready for any text;
    /// nil for an empty or longer pattern, or one with other scalars.
    init?(ascii pattern: [Unicode.Scalar]) {
        guard !pattern.isEmpty, pattern.count <= Self.maxPattern, pattern.allSatisfy({ $0.value < 128 }) else { return nil }
        self.init(pattern.map { UInt8($0.value) })
    }

    init(_ pattern: [UInt8]) {
        precondition(!pattern.isEmpty && pattern.count <= Self.maxPattern)
        let blocks = (pattern.count + 63) / 64
        var masks = [UInt64](repeating: 0, count: 256 * blocks), reversed = masks
        for (index, code) in pattern.enumerated() {
            let back = pattern.count - 1 - index
            masks[Int(code) * blocks + index / 64] |= 1 << UInt64(index % 64)
            reversed[Int(code) * blocks + back / 64] |= 1 << UInt64(back % 64)
        }
        (self.masks, reversedMasks, length, self.blocks) = (masks, reversed, pattern.count, blocks)
    }

    func best(in text: ArraySlice<UInt8>, maxEdits: Int?) -> ApproximateOccurrence? {
        let limit = maxEdits ?? length
        return text.withUnsafeBufferPointer { text -> ApproximateOccurrence? in
            // Forward: a gap before the pattern is free, so every column starts at row 0 with 0 edits.
            var lowest = Int.max, firstEnd = -1
            scan(text, count: text.count, from: 0, step: 1, masks: masks) { column, score in
                if score < lowest { (lowest, firstEnd) = (score, column) }
            }
            guard lowest <= limit, firstEnd >= 0 else { return nil }
            // Backward from that end: the reversed text up to it, a gap before the (reversed) pattern paid
            // for. Column j of that pass costs at least j + 1 − length edits, so no column past
            // length + lowest − 1 can have the lowest score: the pass stops there.
            var lastBest = -1
            scan(text, count: min(firstEnd + 1, length + lowest), from: firstEnd, step: -1, masks: reversedMasks) { column, score in
                if score == lowest { lastBest = column }
            }
            guard lastBest >= 0 else { return nil }
            return ApproximateOccurrence(start: firstEnd - lastBest, end: firstEnd + 1, edits: lowest)
        }
    }

    /// Runs the recurrence over `count` bytes of `text`, from byte `first` on (`step` 1) or down (`step`
    /// −1, where row 0 costs one more per column), reporting each column's score in the pattern's last
    /// row. A block's vertical differences are `positive` and `negative` bits; `carry` is the horizontal
    /// difference (−1, 0, +1) passed from a block's bottom row to the next.
    ///
    /// Nearly every wording and name has one or two blocks (at most 128 scalars), and those keep their
    /// state in local variables; longer patterns keep it in raw memory. This loop is the match step's
    /// hottest. (Ukkonen's band, computing only the blocks that can still be within `maxEdits`, was
    /// measured and dropped: the bounds matching asks for are loose, and the bookkeeping cost more.)
    @inline(__always)
    private func scan(_ text: UnsafeBufferPointer<UInt8>, count: Int, from first: Int, step: Int, masks: [UInt64],
                      _ report: (Int, Int) -> Void) {
        guard count > 0, let text = text.baseAddress else { return }
        let firstCarry = step < 0 ? 1 : 0
        let lastRow: UInt64 = 1 << UInt64((length - 1) % 64)
        let blocks = self.blocks
        var score = length
        masks.withUnsafeBufferPointer { masks in
            guard let masks = masks.baseAddress else { return }
            switch blocks {
            case 1:
                var (positive, negative): (UInt64, UInt64) = (~0, 0)
                for column in 0..<count {
                    score &+= Self.advance(&positive, &negative, masks[Int(text[first &+ column &* step])], carry: firstCarry, bottom: lastRow)
                    report(column, score)
                }
            case 2:
                var (positive0, negative0, positive1, negative1): (UInt64, UInt64, UInt64, UInt64) = (~0, 0, ~0, 0)
                for column in 0..<count {
                    let row = masks + Int(text[first &+ column &* step]) &* 2
                    let carry = Self.advance(&positive0, &negative0, row[0], carry: firstCarry, bottom: 1 << 63)
                    score &+= Self.advance(&positive1, &negative1, row[1], carry: carry, bottom: lastRow)
                    report(column, score)
                }
            default:
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * blocks) { state in
                    guard let positive = state.baseAddress else { return }
                    let negative = positive + blocks, last = blocks - 1
                    positive.initialize(repeating: ~0, count: blocks)
                    negative.initialize(repeating: 0, count: blocks)
                    for column in 0..<count {
                        let row = masks + Int(text[first &+ column &* step]) &* blocks
                        var carry = firstCarry
                        for block in 0..<last {
                            carry = Self.advance(&positive[block], &negative[block], row[block], carry: carry, bottom: 1 << 63)
                        }
                        score &+= Self.advance(&positive[last], &negative[last], row[last], carry: carry, bottom: lastRow)
                        report(column, score)
                    }
                }
            }
        }
    }

    /// One block, one column: Hyyrö's step. Returns the horizontal difference at row `bottom`.
    @inline(__always)
    private static func advance(_ positive: inout UInt64, _ negative: inout UInt64, _ matches: UInt64, carry: Int, bottom: UInt64) -> Int {
        let (pv, mv) = (positive, negative)
        let carriesMinus: UInt64 = carry < 0 ? 1 : 0
        let vertical = matches | mv
        let equal = matches | carriesMinus
        let horizontal = (((equal & pv) &+ pv) ^ pv) | equal
        var up = mv | ~(horizontal | pv)
        var down = pv & horizontal
        let carryOut = up & bottom != 0 ? 1 : down & bottom != 0 ? -1 : 0
        up = up << 1 | (carry > 0 ? 1 : 0)
        down = down << 1 | carriesMinus
        positive = down | ~(vertical | up)
        negative = up & vertical
        return carryOut
    }
}
