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
    static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 120 else { return false }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        return CharacterSet.alphanumerics.contains(first) && first.isASCII
            && id.unicodeScalars.allSatisfy { allowed.contains($0) }
    }

    static let rule = "letters, digits, `-`, `_` and `.`, starting with a letter or digit, at most 120 characters"
}
