import Foundation

/// The compact binary form of the build caches: varint integers, length-prefixed
/// UTF-8 strings, fixed 8-byte doubles. It has no schema of its own: a type writes
/// its fields in order and reads them back in the same order, and a cache file is
/// thrown away when the tool that wrote it is not the running one (`ToolIdentity`).
/// The same bytes are what `ContentDigest` hashes, so a value's key and its cached
/// form are made by one piece of code.
protocol BinaryCodable {
    func encode(to writer: inout BinaryWriter)
    init(from reader: inout BinaryReader) throws
}

struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// Unsigned LEB128: seven bits a byte, low bits first.
    mutating func write(unsigned value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Zigzag first, so small negative numbers stay short.
    mutating func write(_ value: Int) { write(unsigned: UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))) }

    mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func write(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(unsigned: UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Raw bytes with their length, such as a file's contents.
    mutating func write(bytes raw: UnsafeRawBufferPointer) {
        write(unsigned: UInt64(raw.count))
        bytes.append(contentsOf: raw)
    }

    mutating func write(_ data: Data) { data.withUnsafeBytes { write(bytes: $0) } }

    mutating func write<T: BinaryCodable>(_ value: T) { value.encode(to: &self) }

    /// A number of things that follow, as `BinaryReader.readCount` reads it.
    mutating func writeCount(_ count: Int) { write(unsigned: UInt64(count)) }
}

/// Thrown when cached bytes do not decode: the cache entry is treated as missing.
struct BinaryDecodingError: Error {}

struct BinaryReader {
    private let bytes: [UInt8]
    private var offset: Int
    private let end: Int

    init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        offset = range?.lowerBound ?? 0
        end = range?.upperBound ?? bytes.count
    }

    var isAtEnd: Bool { offset == end }

    mutating func readUnsigned() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw BinaryDecodingError() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func read() throws -> Int {
        let zigzag = try readUnsigned()
        return Int(Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
    }

    mutating func read() throws -> Bool {
        guard offset < end, bytes[offset] <= 1 else { throw BinaryDecodingError() }
        defer { offset += 1 }
        return bytes[offset] == 1
    }

    mutating func read() throws -> Double {
        guard end - offset >= 8 else { throw BinaryDecodingError() }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return Double(bitPattern: bits)
    }

    /// A length, checked against what is left so a damaged file cannot ask for gigabytes.
    mutating func readCount() throws -> Int {
        let count = try readUnsigned()
        guard count <= UInt64(end - offset) else { throw BinaryDecodingError() }
        return Int(count)
    }

    mutating func read() throws -> String {
        let count = try readCount()
        defer { offset += count }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }

    mutating func read<T: BinaryCodable>() throws -> T { try T(from: &self) }



    /// The next `count` bytes, as they are.
    mutating func readBytes(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count <= end - offset else { throw BinaryDecodingError() }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// The offset of the next byte, for callers that index records.
    var position: Int { offset }
}

// The plain values, so that optionals and arrays of them use the generic forms above.

extension Int: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { writer.write(self) }
    init(from reader: inout BinaryReader) throws { self = try reader.read() }
}

extension String: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { writer.write(self) }
    init(from reader: inout BinaryReader) throws { self = try reader.read() }
}

extension Bool: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { writer.write(self) }
    init(from reader: inout BinaryReader) throws { self = try reader.read() }
}

extension Double: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { writer.write(self) }
    init(from reader: inout BinaryReader) throws { self = try reader.read() }
}

/// A count, then the elements.
extension Array: BinaryCodable where Element: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(unsigned: UInt64(count))
        for element in self { element.encode(to: &writer) }
    }

    init(from reader: inout BinaryReader) throws {
        // Each element takes a byte at least, so the count is checked against what is left.
        let count = try reader.readCount()
        self.init()
        reserveCapacity(Swift.min(count, 4096))
        for _ in 0..<count { append(try Element(from: &reader)) }
    }
}

/// Whether there is a value, then the value.
extension Optional: BinaryCodable where Wrapped: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(self != nil)
        if let self { self.encode(to: &writer) }
    }

    init(from reader: inout BinaryReader) throws {
        self = try reader.read() ? try Wrapped(from: &reader) : nil
    }
}

/// A value worked out from some input, with the problems found in that input: what a cached
/// step gives back, so that a build from the cache reports what a build from scratch reports.
struct Diagnosed<Value: BinaryCodable>: BinaryCodable {
    var value: Value
    var diagnostics: [Diagnostic]

    init(_ value: Value, diagnostics: [Diagnostic]) {
        self.value = value
        self.diagnostics = diagnostics
    }

    func encode(to writer: inout BinaryWriter) {
        writer.write(value)
        writer.write(diagnostics)
    }

    init(from reader: inout BinaryReader) throws {
        value = try reader.read()
        diagnostics = try reader.read()
    }
}
