import Yams

/// Reads YAML with Yams and reports every problem as a `Diagnostic` at the
/// node's line and column in the file (front matter starts below line 1, so
/// `lineOffset` shifts the positions Yams gives).
struct YAMLReader {
    let path: String
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, lineOffset: Int = 0) {
        self.path = path
        self.lineOffset = lineOffset
    }

    /// Parses `text`; a syntax error becomes a diagnostic and the result is nil.
    mutating func compose(_ text: String) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            diagnostics.append(syntaxError(error, text: text))
            return nil
        } catch {
            diagnostics.append(.error(path, SourcePosition(line: lineOffset + 1, column: 1), "could not read YAML: \(error)"))
            return nil
        }
    }

    func position(_ node: Node?) -> SourcePosition {
        guard let mark = node?.mark else { return SourcePosition(line: lineOffset + 1, column: 1) }
        return SourcePosition(line: mark.line + lineOffset, column: mark.column)
    }

    mutating func error(_ node: Node?, _ message: String) {
        diagnostics.append(.error(path, position(node), message))
    }

    private func syntaxError(_ error: YamlError, text: String) -> Diagnostic {
        switch error {
        case let .parser(context?, problem, mark, _) where context.text.hasPrefix("while parsing a block"):
            // A quoted value not closed on its line runs on into the next lines, and the parser
            // stops only where another quote ends it: the line that opens it is the mistake.
            if problem.contains("expected key"), let open = Self.unclosedQuote(in: text, lines: context.mark.line...mark.line) {
                return .error(path, SourcePosition(line: open.line + lineOffset, column: open.column),
                              "malformed YAML: the quotation mark opened here is not closed on its line")
            }
            // A block mapping or list starts far from the mistake (at the top of the file, say):
            // point where parsing stopped, and say where the block starts.
            return .error(path, SourcePosition(line: mark.line + lineOffset, column: mark.column),
                          "malformed YAML: \(problem) \(context.text) (the block starts at line \(context.mark.line + lineOffset)); \(Self.hint(for: problem))")
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            // libyaml's context ("while scanning a quoted scalar") marks where the
            // broken construct starts, which is where an editor should look.
            let at = context?.mark ?? mark
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return .error(path, SourcePosition(line: at.line + lineOffset, column: at.column), "malformed YAML: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return .error(path, SourcePosition(line: context.mark.line + lineOffset, column: context.mark.column),
                          "malformed YAML: duplicate key \(duplicates.joined(separator: ", "))")
        case let .reader(problem, _, _, _):
            return .error(path, SourcePosition(line: lineOffset + 1, column: 1), "malformed YAML: \(problem)")
        default:
            return .error(path, SourcePosition(line: lineOffset + 1, column: 1), "malformed YAML: \(error)")
        }
    }

    /// The last line in `lines` (1-based) whose value opens a double quote it does not close, with
    /// the column of that quote: searched upwards from where parsing stopped, so that a legal
    /// value quoted over several lines further up is not blamed.
    static func unclosedQuote(in text: String, lines: ClosedRange<Int>) -> (line: Int, column: Int)? {
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().reversed() where lines.contains(offset + 1) {
            guard let colon = line.range(of: ": \""), !line.trimmingPrefix(while: \.isWhitespace).hasPrefix("#") else { continue }
            let value = line[colon.upperBound...]
            var quotes = 0, escaped = false
            for character in value {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quotes += 1 }
            }
            if quotes % 2 == 0 { return (offset + 1, line.distance(from: line.startIndex, to: colon.lowerBound) + 3) }
        }
        return nil
    }

    /// What usually causes libyaml's block errors, in an editor's terms.
    static func hint(for problem: String) -> String {
        problem.contains("expected key")
            ? "check for a quotation mark left open above this line, or a line indented differently from its neighbours"
            : "check this line's indentation against its neighbours"
    }

    // MARK: Typed access, reporting what is missing or of the wrong type

    /// The node as a mapping with string keys, or an error naming `what` it should be.
    mutating func mapping(_ node: Node, _ what: String) -> YAMLMapping? {
        guard case let .mapping(mapping) = node else {
            error(node, "\(what) must be a mapping of `key: value` lines")
            return nil
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                error(key, "\(what) has a key that is not text")
                continue
            }
            entries.append((name, key, value))
        }
        return YAMLMapping(node: node, entries: entries)
    }

    /// The node as a list, or an error naming `what` it should be.
    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case let .sequence(sequence) = node else {
            error(node, "\(what) must be a list (lines starting with `- `)")
            return nil
        }
        return Array(sequence)
    }

    mutating func string(_ mapping: YAMLMapping, _ key: String, required: Bool, in what: String) -> String? {
        guard let value = mapping[key] else {
            if required { error(mapping.node, "\(what) is missing the required field `\(key)`") }
            return nil
        }
        if case .scalar(let scalar) = value {
            if scalar.style == .plain && (scalar.string == "~" || scalar.string == "null" || scalar.string.isEmpty) {
                if required { error(value, "`\(key)` in \(what) is empty") }
                return nil
            }
            return scalar.string
        }
        error(value, "`\(key)` in \(what) must be text, not a \(value.isSequence ? "list" : "mapping")")
        return nil
    }

    /// An optional `true` or `false`; anything else is an error at the value.
    mutating func flag(_ mapping: YAMLMapping, _ key: String, in what: String) -> Bool? {
        guard let text = string(mapping, key, required: false, in: what) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            error(mapping[key], "`\(key)` in \(what) must be true or false, not `\(text)`")
            return nil
        }
    }

    /// `retired` keys are left to the caller, which explains what replaced them.
    mutating func rejectUnknownKeys(_ mapping: YAMLMapping, allowed: Set<String>, retired: Set<String> = [], in what: String) {
        for entry in mapping.entries where !allowed.contains(entry.key) && !retired.contains(entry.key) {
            error(entry.keyNode, "unknown field `\(entry.key)` in \(what) (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }
}

/// A YAML mapping whose keys are strings, kept in file order.
struct YAMLMapping {
    let node: Node
    let entries: [(key: String, keyNode: Node, value: Node)]

    subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }
}

private extension Node {
    var isSequence: Bool { if case .sequence = self { return true } else { return false } }
}
