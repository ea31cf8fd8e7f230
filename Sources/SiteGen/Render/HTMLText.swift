import Mustache

/// Text made safe for HTML, in element content and in quoted attributes alike.
enum HTMLText {
    /// Replaces `&`, `<`, `>`, `"` and `'` with their entities, byte by byte.
    /// Reading bytes, not Characters, matters: a quotation mark followed by a
    /// combining accent is one Character, and an escaper that compares whole
    /// Characters lets that `"` through and so ends the attribute it is in.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsEntity) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): escaped += "&amp;".utf8
            case UInt8(ascii: "<"): escaped += "&lt;".utf8
            case UInt8(ascii: ">"): escaped += "&gt;".utf8
            case UInt8(ascii: "\""): escaped += "&quot;".utf8
            case UInt8(ascii: "'"): escaped += "&#39;".utf8
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func needsEntity(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}

/// What Mustache's `{{…}}` does with a value in SiteGen's templates: `HTMLText.escape`,
/// the same entities as swift-mustache's own HTML escaping, without its Character gap.
struct SiteHTMLContentType: MustacheContentType {
    /// The name templates are switched to it by (`TemplateSet` puts the switch at the top of each).
    static let name = "SITEGEN_HTML"

    func escapeText(_ text: String) -> String { HTMLText.escape(text) }
}
