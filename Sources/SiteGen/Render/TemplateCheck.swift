import Foundation

/// Strict templates: every name a template uses must be one it is given (`TemplateContexts`),
/// looked up as Mustache does, through the sections open around it. A misspelt name would
/// otherwise render as nothing, on every page, with the build passing.
struct TemplateCheck {
    /// Each template's text and the path diagnostics print, for the templates that parsed.
    let texts: [String: (path: String, text: String)]

    func diagnostics() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for entry in TemplateContexts.entries {
            guard let variables = TemplateContexts.variables(for: entry.template) else { continue }
            var walker = Walker(texts: texts, diagnostics: [])
            walker.check(entry.template, scopes: [Scope(variables: variables)], including: [])
            diagnostics += walker.diagnostics
        }
        // A partial included by several pages reports the same name once.
        var seen: Set<String> = []
        return diagnostics.filter { seen.insert($0.description).inserted }
    }

    /// The names a section makes visible.
    struct Scope {
        var variables: [TemplateVariable]
        /// Inside a list: swift-mustache's `first()`, `last()`, `index()`, `even()` and `odd()`.
        var isListItem = false

        static let listTransforms: Set<String> = ["first", "last", "index", "even", "odd"]

        func lookup(_ name: String) -> TemplateVariable? { variables.first { $0.name == name } }

        var names: [String] { variables.map(\.name) }
    }

    /// swift-mustache's transforms of a value (`{{uppercased(name)}}`, `{{#empty(list)}}`).
    static let transforms: Set<String> = ["empty", "capitalized", "lowercased", "uppercased", "reversed", "first", "last", "count",
                                          "sorted", "enumerated", "equalzero", "plusone", "minusone", "even", "odd"]

    private struct Walker {
        let texts: [String: (path: String, text: String)]
        var diagnostics: [Diagnostic]

        /// Checks `template`'s tags with `scopes` open (innermost last); partials are checked
        /// where they are included, with the scopes open there.
        mutating func check(_ template: String, scopes: [Scope], including: [String]) {
            guard let file = texts[template], !including.contains(template), including.count < 20 else { return }
            var scopes = scopes
            var opened: [Int] = []  // how many scopes each open section pushed (0 or 1)
            // Inside a section on a retired name, whose one error `TemplateSet` reports, nothing is checked.
            var retiredDepth: Int?
            for tag in MustacheTags(file.text) {
                if let depth = retiredDepth {
                    if "#^<$".contains(tag.sigil) { opened.append(0) }
                    if tag.sigil == "/", opened.popLast() != nil, opened.count == depth { retiredDepth = nil }
                    continue
                }
                switch tag.sigil {
                case "!", "%", "=", "<", "$":
                    // Comments, pragmas, delimiters; a parent or block keeps the scopes as they are.
                    if tag.sigil == "<" || tag.sigil == "$" { opened.append(0) }
                case "/":
                    if let count = opened.popLast() { scopes.removeLast(count) }
                case ">":
                    if TemplateSet.retired[tag.name] == nil { check(tag.name, scopes: scopes, including: including + [template]) }
                case "#" where TemplateSet.retired[tag.name] != nil:
                    retiredDepth = opened.count
                    opened.append(0)
                case "#", "^":
                    let variable = resolve(tag, in: scopes, path: file.path)
                    // An inverted section shows when the value is absent: it opens nothing.
                    if tag.sigil == "#", let variable, let scope = Self.scope(opening: variable) {
                        scopes.append(scope)
                        opened.append(1)
                    } else {
                        opened.append(0)
                    }
                default:
                    _ = resolve(tag, in: scopes, path: file.path)
                }
            }
        }

        /// What a section on `variable` opens: a list's item, an object's names, a list of texts' `.`.
        static func scope(opening variable: TemplateVariable) -> Scope? {
            switch variable.kind {
            case .list(let fields): return Scope(variables: fields, isListItem: true)
            case .object(let fields): return Scope(variables: fields)
            case .texts: return Scope(variables: [], isListItem: true)
            default: return nil
            }
        }

        /// The variable `tag` names, or nil with a diagnostic that lists the names there are.
        mutating func resolve(_ tag: MustacheTags.Tag, in scopes: [Scope], path: String) -> TemplateVariable? {
            // A transform (`uppercased(name)`, nested or not) looks up its argument; `index()` and the
            // like, with none, are the list item's own.
            var name = tag.name
            while let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                let function = String(name[..<open])
                let argument = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                if argument.isEmpty {
                    guard scopes.last?.isListItem == true, Scope.listTransforms.contains(function) else {
                        diagnostics.append(.error(path, tag.position, "`\(tag.name)`: `\(function)()` is given only inside a list (one of \(Scope.listTransforms.sorted().map { "`\($0)()`" }.joined(separator: ", ")))"))
                        return nil
                    }
                    return .flag(function, "")
                }
                guard TemplateCheck.transforms.contains(function) else {
                    let hint = ClaimLink.suggestion(for: function, among: TemplateCheck.transforms.sorted()).map { " (did you mean `\($0)`?)" } ?? ""
                    diagnostics.append(.error(path, tag.position, "unknown transform `\(function)`\(hint) in `\(tag.name)`; swift-mustache has: \(TemplateCheck.transforms.sorted().joined(separator: ", "))"))
                    return nil
                }
                name = argument
            }
            if name == "." || name.isEmpty || TemplateSet.retired[name] != nil { return nil }
            // `{{.name}}` looks in the innermost section only.
            let innermostOnly = name.hasPrefix(".")
            if innermostOnly { name.removeFirst() }
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let searched = innermostOnly ? Array(scopes.suffix(1)) : scopes
            guard var variable = searched.reversed().lazy.compactMap({ $0.lookup(parts[0]) }).first else {
                let visible = Set(searched.flatMap(\.names)).sorted()
                diagnostics.append(.error(path, tag.position, "unknown variable `\(parts[0])`\(Self.suggestion(parts[0], visible)); the names here are: \(visible.joined(separator: ", "))"))
                return nil
            }
            for (index, part) in parts.enumerated().dropFirst() {
                guard let next = variable.fields.first(where: { $0.name == part }) else {
                    let owner = parts[..<index].joined(separator: ".")
                    let fields = variable.fields.map(\.name).sorted()
                    let has = fields.isEmpty ? "holds a single value, with no names inside" : "has: \(fields.joined(separator: ", "))"
                    diagnostics.append(.error(path, tag.position, "unknown variable `\(name)`\(Self.suggestion(part, fields, prefix: owner + ".")); `\(owner)` \(has)"))
                    return nil
                }
                variable = next
            }
            return variable
        }

        private static func suggestion(_ name: String, _ names: [String], prefix: String = "") -> String {
            ClaimLink.suggestion(for: name, among: names).map { " (did you mean `\(prefix)\($0)`?)" } ?? ""
        }
    }
}

/// The tags of a Mustache template, in order, with where each starts: `{{name}}`, `{{{name}}}`,
/// `{{&name}}`, and the sigils `#`, `^`, `/`, `>`, `<`, `$`, `!`, `%`, `=`. Only for checking names:
/// rendering is swift-mustache's. Stops at a delimiter change, after which `{{` means nothing.
struct MustacheTags: Sequence {
    struct Tag {
        /// "" for a variable, else the sigil.
        var sigil: Character
        var name: String
        var position: SourcePosition
    }

    let text: String
    init(_ text: String) { self.text = text }

    func makeIterator() -> IndexingIterator<[Tag]> { tags().makeIterator() }

    private func tags() -> [Tag] {
        var tags: [Tag] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0, line = 1, column = 1
        func advance(to end: Int) {
            while index < end {
                if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
                index += 1
            }
        }
        while index + 1 < scalars.count {
            guard scalars[index] == "{", scalars[index + 1] == "{" else { advance(to: index + 1); continue }
            let position = SourcePosition(line: line, column: column)
            let triple = index + 2 < scalars.count && scalars[index + 2] == "{"
            let bodyStart = index + (triple ? 3 : 2)
            let closer: [Unicode.Scalar] = triple ? ["}", "}", "}"] : ["}", "}"]
            var end = bodyStart
            while end + closer.count <= scalars.count, Array(scalars[end..<(end + closer.count)]) != closer { end += 1 }
            guard end + closer.count <= scalars.count else { break }
            var body = String(String.UnicodeScalarView(scalars[bodyStart..<end])).trimmingCharacters(in: .whitespacesAndNewlines)
            var sigil: Character = triple ? "&" : " "
            if let first = body.first, "#^/><$!%=&".contains(first) {
                sigil = first
                body = String(body.dropFirst()).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if sigil == "=" { break }
            tags.append(Tag(sigil: sigil == " " || sigil == "&" ? " " : sigil, name: body, position: position))
            advance(to: end + closer.count)
        }
        return tags
    }
}
