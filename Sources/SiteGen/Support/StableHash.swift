import Foundation

/// A 128-bit hash of Mustache contexts and file bytes that is the same in
/// every run (Swift's `Hasher` is seeded per process), for the build cache.
/// Two FNV-1a lanes with different offsets; a collision between two pages of
/// one site is not a practical concern at that width.
struct StableHash {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x8422_2325_cbf2_9ce4

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 &+ 0x9E37_79B9
        }
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
        add(tag: 0) // a terminator, so "ab"+"c" and "a"+"bc" differ
    }

    mutating func add(_ data: Data) { data.withUnsafeBytes { add($0) } }

    private mutating func add(tag: UInt8) { withUnsafeBytes(of: tag) { add($0) } }

    /// Any value a Mustache context holds: dictionaries (keys in sorted order),
    /// arrays, strings, numbers and booleans, each tagged with its kind.
    mutating func add(any value: Any) {
        switch value {
        case let text as String: add(tag: 1); add(text)
        case let flag as Bool: add(tag: flag ? 2 : 3)
        case let number as Int: add(tag: 4); add(String(number))
        case let number as Double: add(tag: 5); add(String(number))
        case let list as [Any]:
            add(tag: 6); add(String(list.count))
            for item in list { add(any: item) }
        case let map as [String: Any]:
            add(tag: 7); add(String(map.count))
            for key in map.keys.sorted() { add(key); add(any: map[key]!) }
        default: add(tag: 8); add(String(describing: value))
        }
    }

    var digest: String { String(format: "%016llx%016llx", a, b) }

    static func of(_ data: Data) -> String { var hash = StableHash(); hash.add(data); return hash.digest }
}
