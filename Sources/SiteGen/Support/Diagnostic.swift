import Foundation

/// A problem found in the input, printed the way compilers print them so
/// editors can jump to it: `path:line:col: error: message`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// A `note` informs and never fails a build (`sitegen check`'s list of uncited passages).
    public enum Severity: String, Sendable { case error, warning, note }

    public var path: String
    public var line: Int?
    public var column: Int?
    public var severity: Severity
    public var message: String

    public init(_ severity: Severity = .error, path: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public static func error(_ path: String, _ position: SourcePosition? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.error, path: path, line: position?.line, column: position?.column, message)
    }

    public static func warning(_ path: String, _ position: SourcePosition? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.warning, path: path, line: position?.line, column: position?.column, message)
    }

    /// Control characters from content (a NUL in an id, an escape sequence) are
    /// shown as `\u{…}`, so a diagnostic is always one plain line of text.
    static func printable(_ text: String) -> String {
        // Control characters (category Cc: U+0000–U+001F, U+007F–U+009F) are rare: a build prints
        // thousands of lines, so the text is returned as it is unless its UTF-8 holds one.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control { result += "\\u{\(String(scalar.value, radix: 16))}" } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// One JSON object, for `--format json`: path, line, column, severity, message.
    public var json: String {
        struct Record: Encodable { var path: String; var line: Int; var column: Int; var severity: String; var message: String }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let record = Record(path: path, line: line ?? 1, column: column ?? 1, severity: severity.rawValue, message: message)
        return (try? encoder.encode(record)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// A GitHub Actions workflow command, so the problem shows on the file in the pull request.
    public var githubAnnotation: String {
        func escape(_ text: String, property: Bool) -> String {
            var result = text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
            if property { result = result.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
            return result
        }
        let command = severity == .note ? "notice" : severity.rawValue
        return "::\(command) file=\(escape(path, property: true)),line=\(line ?? 1),col=\(column ?? 1)::\(Self.printable(escape(message, property: false)))"
    }

    public var description: String {
        // Without a known position the location is line 1, column 1 of the file,
        // so every line keeps the same shape for editors and scripts.
        "\(Self.printable(path)):\(line ?? 1):\(column ?? 1): \(severity.rawValue): \(Self.printable(message))"
    }
}

/// Diagnostics gathered during a build; steps add to it instead of throwing one at a time.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []
    public init() {}

    public mutating func add(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func add(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }

    /// `--warnings-as-errors`: every warning becomes an error; notes stay notes.
    static func promotingWarnings(_ diagnostics: Diagnostics) -> Diagnostics {
        var promoted = Diagnostics()
        promoted.add(contentsOf: diagnostics.all.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.severity == .warning { diagnostic.severity = .error }
            return diagnostic
        })
        return promoted
    }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Sorted by file, line and column so output is stable.
    public var sorted: [Diagnostic] {
        all.sorted { ($0.path, $0.line ?? 0, $0.column ?? 0, $0.message) < ($1.path, $1.line ?? 0, $1.column ?? 0, $1.message) }
    }
}

/// Thrown by a build that found errors; carries them all.
public struct BuildFailed: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

extension Diagnostic: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(severity.rawValue)
        writer.write(path)
        writer.write(line)
        writer.write(column)
        writer.write(message)
    }

    init(from reader: inout BinaryReader) throws {
        guard let severity = Severity(rawValue: try reader.read()) else { throw BinaryDecodingError() }
        self.init(severity, path: try reader.read(), line: try reader.read(), column: try reader.read(), try reader.read())
    }
}
