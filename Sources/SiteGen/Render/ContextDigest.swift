extension BinaryWriter {
    /// A Mustache context as bytes, for the key of the page it makes: dictionaries
    /// with their keys in sorted order, arrays, strings, numbers and booleans, each
    /// tagged with its kind so that no two contexts write the same bytes.
    /// Lists of dictionaries and of strings are tried before `[Any]`, which a list of any
    /// other element type is converted into, element by element, when cast to it.
    mutating func write(mustacheContext value: Any) {
        switch value {
        case let text as String: write(unsigned: 1); write(text)
        case let map as [String: Any]: write(mustacheMap: map)
        case let list as [[String: Any]]:
            write(unsigned: 6); write(unsigned: UInt64(list.count))
            for map in list { write(mustacheMap: map) }
        case let list as [String]:
            write(unsigned: 6); write(unsigned: UInt64(list.count))
            for text in list { write(unsigned: 1); write(text) }
        case let flag as Bool: write(unsigned: flag ? 2 : 3)
        case let number as Int: write(unsigned: 4); write(number)
        case let number as Double: write(unsigned: 5); write(number)
        case let list as [Any]:
            write(unsigned: 6); write(unsigned: UInt64(list.count))
            for item in list { write(mustacheContext: item) }
        // A page keyed by its context is keyed by what a lazy value makes, which its template may read.
        case let lazy as LazyContextValue: write(mustacheContext: lazy.representation as Any)
        default: write(unsigned: 8); write(String(describing: value))
        }
    }

    private mutating func write(mustacheMap map: [String: Any]) {
        write(unsigned: 7); write(unsigned: UInt64(map.count))
        for (key, value) in map.sorted(by: { $0.key < $1.key }) { write(key); write(mustacheContext: value) }
    }
}
