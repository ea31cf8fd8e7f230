/// A located passage: scalar offsets into a source's text, end exclusive.
public struct TextSpan: Hashable, Sendable, Comparable {
    public var start: Int
    public var end: Int

    public static func < (a: TextSpan, b: TextSpan) -> Bool { (a.start, a.end) < (b.start, b.end) }

    /// Whether `other` lies wholly inside this span.
    func contains(_ other: TextSpan) -> Bool { start <= other.start && other.end <= end }

    /// Whether the two spans share at least one scalar.
    func overlaps(_ other: TextSpan) -> Bool { start < other.end && other.start < end }
}

extension TextSpan: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(start)
        writer.write(end)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(start: try reader.read(), end: try reader.read())
    }
}
