import Foundation
import Mustache

/// The Mustache templates of `Templates/`, checked before anything is rendered:
/// a syntax error, a missing template or a partial that names nothing is a
/// diagnostic, not a blank spot on a page.
public struct TemplateSet {
    /// Templates every build renders with.
    public static let required = ["layout", "header", "footer", "index", "article", "articles", "page", "404", "claims", "claim", "coverage", "claim-note",
                                   "timeline", "entities", "entity", "compare-index", "compare", "feed", "sitemap", "review", "corrections"]

    let library: MustacheLibrary
    /// Files copied as they are (CSS, scripts, images), relative to `Templates/assets/`.
    let assets: [(path: String, data: Data)]
    /// For each template, a hash of its text and of every template it includes or extends,
    /// however deep: a page's cache key holds its template's, so editing a template renders
    /// again only the pages that use it.
    let fingerprints: [String: String]

    /// The fingerprint of the template a page is rendered with.
    func fingerprint(of template: String) -> String { fingerprints[template] ?? "" }

    /// The built-in theme, with the templates and assets of `directory` (if any) in place of
    /// the built-in files of the same name: a desk overrides the theme file by file.
    static func load(from directory: URL?, displayRoot: String) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var texts: [String: (path: String, text: String)] = [:]
        // Templates that exist but do not parse: their own error is the one to report, not a
        // "missing partial" in every template that includes them.
        var broken: Set<String> = []
        // swift-mustache finds a content type by name in its own registry; registering the same
        // value again is harmless, so each load does it rather than relying on an earlier one.
        MustacheContentTypes.register(SiteHTMLContentType(), named: SiteHTMLContentType.name)
        let display = { (name: String) in displayRoot.hasSuffix("/") ? displayRoot + name : displayRoot + "/" + name }
        guard let theme = BuiltInTheme.folder else {
            return (nil, [.error(BuiltInTheme.displayRoot, nil, "sitegen's built-in theme is missing: \(PackagedResources.missing)")])
        }
        // Each template's file: the project's own where it has one, else the built-in theme's.
        var files: [String: (url: URL, path: String)] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: theme.path)) ?? [] where name.hasSuffix(".mustache") {
            files[name] = (theme.appendingPathComponent(name), BuiltInTheme.displayRoot + "/" + name)
        }
        if let directory {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
                return (nil, [.error(displayRoot, nil, "cannot read the templates folder")])
            }
            for name in names where name.hasSuffix(".mustache") { files[name] = (directory.appendingPathComponent(name), display(name)) }
        }
        for (name, file) in files.sorted(by: { $0.key < $1.key }) {
            let path = file.path
            guard let data = FileManager.default.contents(atPath: file.url.path),
                  var text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error(path, nil, "cannot read this template as UTF-8 text"))
                continue
            }
            // Editors end files with a newline; inline partials must not add it to the page.
            if text.hasSuffix("\n") { text.removeLast() }
            let templateName = String(name.dropLast(".mustache".count))
            do {
                library.register(try MustacheTemplate(string: contentTypeLine + text), named: templateName)
                texts[templateName] = (path, text)
            } catch let error as MustacheTemplate.ParserError {
                broken.insert(templateName)
                // The parser counts the content-type line put above the file's own first line.
                var position = SourcePosition(line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber)
                // A section never closed is found at the end of the file; where it opens is where to look.
                let kind = error.error as? MustacheTemplate.Error
                if kind == .expectedSectionEnd || kind == .sectionCloseNameIncorrect, let opening = unclosedSection(in: text) {
                    position = Self.position(of: NSRange(location: opening.offset, length: 0), in: text as NSString)
                    let closed = opening.closedBy.map { close in
                        let at = Self.position(of: NSRange(location: close.offset, length: 0), in: text as NSString)
                        return "is closed by `{{/\(close.name)}}` at \(at.line):\(at.column)"
                    } ?? "is never closed"
                    diagnostics.append(.error(path, position, "template syntax error: the section `\(opening.name)` opened here \(closed)"))
                } else {
                    diagnostics.append(.error(path, position, "template syntax error: \(describe(error.error))"))
                }
            } catch {
                broken.insert(templateName)
                diagnostics.append(.error(path, nil, "template error: \(error)"))
            }
        }
        for name in required where texts[name] == nil && !broken.contains(name) && !diagnostics.contains(where: { $0.path == display(name + ".mustache") }) {
            diagnostics.append(.error(display(name + ".mustache"), nil, "this template is missing; every build needs it"))
        }
        diagnostics += missingPartials(in: texts, broken: broken)
        diagnostics += retiredNames(in: texts)
        diagnostics += TemplateCheck(texts: texts).diagnostics()
        var assets = loadAssets(theme.appendingPathComponent("assets"), display: { BuiltInTheme.displayRoot + "/assets/" + $0 }, diagnostics: &diagnostics)
        if let directory {
            let own = loadAssets(directory.appendingPathComponent("assets"), display: { display("assets/" + $0) }, diagnostics: &diagnostics)
            let replaced = Set(own.map(\.path))
            assets = (assets.filter { !replaced.contains($0.path) } + own).sorted { $0.path < $1.path }
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        return (TemplateSet(library: library, assets: assets, fingerprints: fingerprints(texts.mapValues(\.text))), [])
    }

    /// Each template's fingerprint: the names and texts of every template it reaches through
    /// includes and extends, itself among them. Reachability, not a chain of hashes, so that
    /// templates that include each other still each cover all of their cycle.
    static func fingerprints(_ texts: [String: String]) -> [String: String] {
        // A partial named at render time (`{{>*name}}`), or any partial after the delimiters are
        // changed (`{{=<% %>=}}`), cannot be read from the text: such a template counts as using them all.
        let uses = texts.mapValues { text in hidesItsPartials(text) ? Set(texts.keys) : Set(references(in: text)) }
        var result: [String: String] = [:]
        for name in texts.keys {
            var reached: Set<String> = [name], queue = [name]
            while let next = queue.popLast() {
                for used in uses[next] ?? [] where reached.insert(used).inserted { queue.append(used) }
            }
            var writer = BinaryWriter()
            for member in reached.sorted() { writer.write(member); writer.write(texts[member] ?? "") }
            result[name] = ContentDigest(writer).hex
        }
        return result
    }

    /// Whether the text names a partial that cannot be read from it (`hiddenPartialTag`).
    static func hidesItsPartials(_ text: String) -> Bool {
        let string = text as NSString
        return hiddenPartialTag.firstMatch(in: text, range: NSRange(location: 0, length: string.length)) != nil
    }

    /// The templates a template includes (`{{> name}}`) or extends (`{{< name}}`).
    static func references(in text: String) -> [String] {
        let string = text as NSString
        return partialTag.matches(in: text, range: NSRange(location: 0, length: string.length)).map { string.substring(with: $0.range(at: 1)) }
    }

    /// Put above every template, on a line of its own that Mustache then drops: every `{{…}}`
    /// (partials too, since each starts again from HTML) is escaped by `HTMLText.escape`.
    static let contentTypeLine = "{{% CONTENT_TYPE: \(SiteHTMLContentType.name) }}\n"

    /// Told of every render, with the template's name and its whole context: how the tests hold
    /// the contexts the renderer makes to the declared ones (`TemplateContexts`).
    var observer: (@Sendable (String, [String: Any]) -> Void)?

    /// Renders `template` with `context`, a tree of dictionaries, arrays and strings.
    func render(_ template: String, _ context: [String: Any]) -> String {
        observer?(template, context)
        return library.render(context, withTemplate: template) ?? ""
    }

    private static let partialTag = try! NSRegularExpression(pattern: #"\{\{\s*[><]\s*([A-Za-z0-9_./-]+)\s*\}\}"#)
    /// A dynamic partial (`{{>*name}}`, `{{<*name}}`) or a change of delimiters (`{{=`).
    private static let hiddenPartialTag = try! NSRegularExpression(pattern: #"\{\{\s*(?:[><]\s*\*|=)"#)

    /// The section tag (`{{#x}}`, `{{^x}}`, `{{$x}}`, `{{<x}}`) that is not closed properly, by
    /// its name and UTF-16 offset: the innermost open one when a `{{/y}}` closes another name
    /// (with that close), else the first that nothing closes. The parser reports either at the
    /// close or at the file's end, far from where the section opens.
    static func unclosedSection(in text: String) -> (name: String, offset: Int, closedBy: (name: String, offset: Int)?)? {
        let string = text as NSString
        var open: [(name: String, offset: Int)] = []
        for match in sectionTag.matches(in: text, range: NSRange(location: 0, length: string.length)) {
            let sigil = string.substring(with: match.range(at: 1)), name = string.substring(with: match.range(at: 2))
            guard sigil == "/" else { open.append((name, match.range.location)); continue }
            guard let innermost = open.last else { continue }
            if innermost.name != name { return (innermost.name, innermost.offset, (name, match.range.location)) }
            open.removeLast()
        }
        return open.first.map { ($0.name, $0.offset, nil) }
    }

    private static let sectionTag = try! NSRegularExpression(pattern: #"\{\{\s*([#^$</])\s*([A-Za-z0-9_.-]+)\s*\}\}"#)

    private static func missingPartials(in texts: [String: (path: String, text: String)], broken: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (_, file) in texts.sorted(by: { $0.key < $1.key }) {
            let text = file.text as NSString
            for match in partialTag.matches(in: file.text, range: NSRange(location: 0, length: text.length)) {
                let name = text.substring(with: match.range(at: 1))
                guard texts[name] == nil, !broken.contains(name) else { continue }
                diagnostics.append(.error(file.path, position(of: match.range, in: text),
                                          "the partial `\(name)` does not exist (no \(name).mustache in the templates folder)"))
            }
        }
        return diagnostics
    }

    /// Names that templates of earlier versions used and the pages no longer provide, with what
    /// took their place. A copy of those templates would otherwise render them as nothing.
    static let retired: [String: String] = [
        "piece": "a wording's marked words come ready as `{{{pieces_html}}}` on claim pages and `{{{first_pieces_html}}}`, `{{{second_pieces_html}}}` on comparison pages",
        "pieces": "a wording's marked words come ready as `{{{pieces_html}}}`",
        "first_pieces": "the first source's marked words come ready as `{{{first_pieces_html}}}`",
        "second_pieces": "the second source's marked words come ready as `{{{second_pieces_html}}}`",
        "excerpt": "an excerpt with its highlight comes ready as `{{{excerpt_html}}}`",
        "first_only": "the claims only the first source reports come ready as `{{{first_only_html}}}`, each through `claim-item`",
        "second_only": "the claims only the second source reports come ready as `{{{second_only_html}}}`, each through `claim-item`",
        "status": "a claim's one status became two answers: `attribution` (with `attribution_label`) says whether the speaker said it, and `verdict` (with `verdict_label`, absent when the desk gives no rating) whether it is true",
        "status_label": "a claim's one status became two answers: `attribution_label` (did the speaker say it) and `verdict_label` (is it true; absent when not rated)",
    ]

    /// A retired name opened as a section, a variable or a partial, in a template the pages use
    /// (a leftover file nothing includes is left alone, and so is a retired partial itself: the
    /// error is where it is included, once).
    private static func retiredNames(in texts: [String: (path: String, text: String)]) -> [Diagnostic] {
        var used = Set(required.filter { texts[$0] != nil }), queue = Array(used)
        while let next = queue.popLast() {
            for name in references(in: texts[next]?.text ?? "") where texts[name] != nil && retired[name] == nil && used.insert(name).inserted {
                queue.append(name)
            }
        }
        var diagnostics: [Diagnostic] = []
        for name in used.sorted() {
            guard let file = texts[name] else { continue }
            let text = file.text as NSString
            // Inside a retired section (`{{#first_pieces}}{{> piece}}{{/first_pieces}}`) the section is the one error.
            var sectionEnd = 0
            for match in retiredTag.matches(in: file.text, range: NSRange(location: 0, length: text.length)) where match.range.location >= sectionEnd {
                let tag = text.substring(with: match.range(at: 1))
                guard let replacement = retired[tag] else { continue }
                diagnostics.append(.error(file.path, position(of: match.range, in: text),
                                          "`\(tag)` is no longer given to templates: \(replacement)"))
                let after = NSRange(location: NSMaxRange(match.range), length: text.length - NSMaxRange(match.range))
                let closing = text.range(of: "{{/\(tag)}}", range: after)
                if closing.location != NSNotFound { sectionEnd = NSMaxRange(closing) }
            }
        }
        return diagnostics
    }

    /// `{{name}}`, `{{#name}}`, `{{^name}}`, `{{> name}}` (not the closing `{{/name}}`: one error for one use).
    private static let retiredTag = try! NSRegularExpression(pattern: #"\{\{\s*[#^>]?\s*([A-Za-z0-9_.-]+)\s*\}\}"#)

    /// The line and column where `range` starts in `text`.
    private static func position(of range: NSRange, in text: NSString) -> SourcePosition {
        let lines = text.substring(to: range.location).components(separatedBy: "\n")
        return SourcePosition(line: lines.count, column: (lines.last?.unicodeScalars.count ?? 0) + 1)
    }

    private static func loadAssets(_ folder: URL, display: (String) -> String, diagnostics: inout [Diagnostic]) -> [(path: String, data: Data)] {
        PackagedResources.files(under: folder).filter { !$0.split(separator: "/").contains(where: { $0.hasPrefix(".") }) }.compactMap { relative in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path) else {
                diagnostics.append(.error(display(relative), nil, "cannot read this asset"))
                return nil
            }
            return (relative, data)
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: return "a tag is not closed with }}"
        case MustacheTemplate.Error.expectedSectionEnd: return "a section is opened but never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: return "invalid set-delimiter tag"
        default: return "\(error)"
        }
    }
}
