import CXXHash
import Foundation
import Markdown

/// A 128-bit digest of bytes: XXH3-128 from libxxhash, the same in every run
/// (unlike Swift's per-process seeded `Hasher`). It keys the build caches: two
/// different inputs of one site sharing a digest is not a practical concern at
/// that width. Every call into libxxhash is in this file.
public struct ContentDigest: Hashable, Sendable, Comparable, BinaryCodable {
    public var high: UInt64
    public var low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(_ bytes: UnsafeRawBufferPointer) {
        let hash = XXH3_128bits(bytes.baseAddress, bytes.count)
        self.init(high: hash.high64, low: hash.low64)
    }

    /// The digest of what `writer` holds: a value's binary form is also its key.
    init(_ writer: BinaryWriter) { self = writer.bytes.withUnsafeBytes { ContentDigest($0) } }

    init(_ data: Data) { self = data.withUnsafeBytes { ContentDigest($0) } }

    /// Thirty-two hex digits. (`String(format:)` was a noticeable share of deciding which pages to keep.)
    public var hex: String {
        let digits = Self.hexDigits
        var text = [UInt8](repeating: 0, count: 32)
        for (offset, word) in [(0, high), (16, low)] {
            for index in 0..<16 { text[offset + index] = digits[Int((word >> UInt64(60 - 4 * index)) & 0xF)] }
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    public static func < (a: ContentDigest, b: ContentDigest) -> Bool { (a.high, a.low) < (b.high, b.low) }

    func encode(to writer: inout BinaryWriter) {
        writer.write(unsigned: high)
        writer.write(unsigned: low)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(high: try reader.readUnsigned(), low: try reader.readUnsigned())
    }
}

/// Which build of sitegen is running: the digest of its own executable and of the
/// libcmark it runs with. Cached results and kept pages are trusted only when the
/// tool that made them is this one, so a changed binary (a release, a development
/// build, a system upgrade of libcmark) never reuses what an older one made.
/// When the executable cannot be read, the identity is new in every run: nothing is reused.
enum ToolIdentity {
    static let digest: ContentDigest = {
        var writer = BinaryWriter()
        writer.write(SiteRenderer.generator)
        writer.write(CMarkLibrary.version)
        if let executable = FileManager.default.contents(atPath: "/proc/self/exe") {
            writer.write(ContentDigest(executable))
        } else {
            writer.write(UUID().uuidString)
        }
        return ContentDigest(writer)
    }()
}
