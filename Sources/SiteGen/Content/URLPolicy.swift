import Foundation

/// Which addresses from content may become links, and which names may become folders.
enum URLPolicy {
    /// An absolute http(s) address with a host.
    static func isWebAddress(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && !(components.host ?? "").isEmpty
    }

    /// A plain email address: one `@`, a dot in the domain, nothing that could break out of a
    /// `mailto:` link (no spaces, quotes, angle brackets or `?`).
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'<>?&:/\\,;()[]"))
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && text.unicodeScalars.allSatisfy { !forbidden.contains($0) && $0.isASCII }
    }

    /// Outbound links kept from a source's own text: web and mail addresses only,
    /// so `javascript:`, `data:` and friends never reach a page.
    static func isSafeOutbound(_ text: String) -> Bool {
        if isWebAddress(text) { return true }
        return text.lowercased().hasPrefix("mailto:") && URLComponents(string: text) != nil
    }
}

/// Ids and slugs become folder names in the output, so they are held to a
/// strict shape: letters, digits, `-`, `_` and `.`, starting with a letter or
/// digit. That rules out `..`, `/`, NUL and hidden names by construction.
enum Identifier {
    /// Checked on the bytes: every allowed character is ASCII, so one byte each (the check runs
    /// for every source of every build).
    static func isValid(_ id: String) -> Bool {
        func isLetterOrDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard let first = id.utf8.first, isLetterOrDigit(first), id.utf8.count <= 120 else { return false }
        return id.utf8.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    static let rule = "letters, digits, `-`, `_` and `.`, starting with a letter or digit, at most 120 characters"
}
