extension BinaryWriter {
    /// A Mustache context as bytes, for the key of the page it makes: dictionaries
    /// with their keys in sorted order, arrays, strings, numbers and booleans, each
    /// tagged with its kind so that no two contexts write the same bytes.
    mutating func write(mustacheContext value: Any) {
        switch value {
        case let text as String: write(unsigned: 1); write(text)
        case let flag as Bool: write(unsigned: flag ? 2 : 3)
        case let number as Int: write(unsigned: 4); write(number)
        case let number as Double: write(unsigned: 5); write(number)
        case let list as [Any]:
            write(unsigned: 6); write(unsigned: UInt64(list.count))
            for item in list { write(mustacheContext: item) }
        case let map as [String: Any]:
            write(unsigned: 7); write(unsigned: UInt64(map.count))
            for key in map.keys.sorted() { write(key); write(mustacheContext: map[key]!) }
        default: write(unsigned: 8); write(String(describing: value))
        }
    }
}
