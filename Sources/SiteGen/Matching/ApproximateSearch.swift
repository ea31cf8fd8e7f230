import CEdlib

/// Where a pattern occurs in a text with the fewest edits (insertions,
/// deletions, substitutions of one scalar), and how many.
struct ApproximateOccurrence: Equatable, Sendable {
    /// Scalar offsets into the searched text, end exclusive.
    var start: Int
    var end: Int
    var edits: Int
}

/// Infix approximate search: Myers' bit-vector algorithm as edlib implements it
/// (`EDLIB_MODE_HW`: gaps before and after the pattern are free), O(text ×
/// pattern ÷ 64). Every call into edlib is in this file.
///
/// edlib compares bytes, and its alphabet holds at most 256 symbols. Folded
/// text is Unicode, so each call renumbers the scalars: every distinct scalar
/// of the pattern gets its own code and every other scalar of the text one
/// shared code. Text scalars are only ever compared with pattern scalars, so
/// the shared code changes no distance. A pattern with more than 255 distinct
/// scalars cannot be coded and is reported as not found.
enum ApproximateSearch {
    /// The best occurrence of `pattern` in `text` with at most `maxEdits` edits
    /// (nil: any number); of several equally good ones, the first.
    static func best(_ pattern: [Unicode.Scalar], in text: [Unicode.Scalar], maxEdits: Int? = nil) -> ApproximateOccurrence? {
        guard !pattern.isEmpty, !text.isEmpty, let (query, target) = encode(pattern, text) else { return nil }
        let limit = maxEdits.map { min($0, pattern.count) } ?? -1
        let config = edlibNewAlignConfig(Int32(limit), EDLIB_MODE_HW, EDLIB_TASK_LOC, nil, 0)
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
        // edlib's locations are inclusive; an occurrence made of insertions only is empty.
        let start = Int(starts[0]), end = Int(ends[0]) + 1
        guard end > start else { return nil }
        return ApproximateOccurrence(start: start, end: end, edits: Int(result.editDistance))
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
