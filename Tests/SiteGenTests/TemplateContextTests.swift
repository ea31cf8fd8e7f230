import XCTest
import Synchronization
@testable import SiteGen

/// The renderer's contexts against their declaration (`TemplateContexts`): every value a
/// template is given is declared, with its kind, and every name declared as always there is.
final class TemplateContextTests: XCTestCase {
    /// Each problem once, as "template: path: what is wrong".
    private func problems(in context: Any, against variables: [TemplateVariable], path: String) -> [String] {
        guard let map = context as? [String: Any] else { return ["\(path): a group of names was expected"] }
        var found: [String] = []
        for (key, value) in map {
            guard let variable = variables.first(where: { $0.name == key }) else {
                found.append("\(path)\(key): given but not declared")
                continue
            }
            found += kindProblems(value, variable.kind, path: path + key)
        }
        for variable in variables where !variable.optional && map[variable.name] == nil {
            found.append("\(path)\(variable.name): declared as always given, but missing")
        }
        return found
    }

    private func kindProblems(_ value: Any, _ kind: TemplateVariable.Kind, path: String) -> [String] {
        // A value made only when a template reads it is checked as what it makes.
        if let lazy = value as? LazyContextValue { return kindProblems(lazy.representation as Any, kind, path: path) }
        switch (kind, value) {
        case (.text, is String), (.html, is String), (.flag, is Bool), (.number, is Int), (.texts, is [String]): return []
        case (.list(let fields), let items as [Any]):
            return items.flatMap { problems(in: $0, against: fields, path: path + "[].") }
        case (.object(let fields), let map as [String: Any]):
            return problems(in: map, against: fields, path: path + ".")
        default:
            return ["\(path): declared as \(kind), given \(type(of: value))"]
        }
    }

    /// Renders `content` and checks every context the renderer made; returns the templates seen.
    private func check(_ content: URL, publishReview: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws -> Set<String> {
        let scratch = try TemporaryFolder()
        var pipeline = Pipeline(options: BuildOptions(content: content, templates: nil, output: scratch.url.appendingPathComponent("out")))
        var (site, templates, _) = try pipeline.check()
        site.config.publishReview = publishReview
        let seen = Mutex<(templates: Set<String>, problems: Set<String>)>(([], []))
        templates.observer = { [self] template, context in
            let found: [String]
            if let variables = TemplateContexts.variables(for: template) {
                found = problems(in: context, against: variables, path: "").map { "\(template): \($0)" }
            } else {
                found = ["\(template): rendered, but not declared in TemplateContexts"]
            }
            seen.withLock { $0.templates.insert(template); $0.problems.formUnion(found) }
        }
        _ = SiteRenderer(site: site, templates: templates).render()
        let result = seen.withLock { $0 }
        XCTAssertEqual(result.problems.sorted(), [], file: file, line: line)
        return result.templates
    }

    func testTheRealSitesContextsAreTheDeclaredOnes() throws {
        let rendered = try check(Repo.content, publishReview: true)
        let declared = Set(TemplateContexts.entries.map(\.template)).subtracting(["layout"])
        XCTAssertEqual(declared.subtracting(rendered), [], "every declared template is rendered, so its declaration is checked")
    }

    /// Past the limits where pages change shape: more than 60 sources (the coverage page's table
    /// of counts), 200 (the Sources list's second page, an entity's "more sources"), and more
    /// than a day's listing holds on the timeline.
    func testALargeSitesContextsAreTheDeclaredOnes() throws {
        let folder = try TemporaryFolder()
        _ = try StarterProject.write(into: folder.url, withTemplates: false)
        for number in 1...205 {
            // Short, and different enough that no two share a passage (that would make 20,000 comparisons).
            try folder.write("Content/articles/report-\(number).md", """
                ---
                title: "Report \(number)"
                publisher: "Outlet \(number)"
                date: 2026-03-02
                ---

                Riverside Council met \(number) residents on 2 March 2026.

                """)
        }
        let rendered = try check(folder.url.appendingPathComponent("Content"))
        XCTAssertTrue(rendered.contains("coverage"))
    }

    func testTheStartersContextsAreTheDeclaredOnes() throws {
        let folder = try TemporaryFolder()
        _ = try StarterProject.write(into: folder.url, withTemplates: false)
        _ = try check(folder.url.appendingPathComponent("Content"))
    }

    /// Strict names as swift-mustache looks them up: a list's `index()` and the like are
    /// transforms (a bare `{{index}}` renders nothing), transforms are checked by name, and
    /// `{{.name}}` looks in the innermost section only.
    func testTransformsAndInnermostNamesAreCheckedAsSwiftMustacheReadsThem() {
        let text = "{{<layout}}{{$main}}{{#claims}}{{index()}} {{index}} {{uppercased(statement)}} {{uppercsed(statement)}} {{.statement}} {{.site}} {{#first()}}x{{/first()}}{{/claims}}{{index()}}{{/main}}{{/layout}}"
        let found = TemplateCheck(texts: ["claims": ("Templates/claims.mustache", text)]).diagnostics().map(\.description)
        XCTAssertEqual(found.count, 4, found.joined(separator: "\n"))
        XCTAssertTrue(found[0].hasPrefix("Templates/claims.mustache:1:44: error: unknown variable `index`;"), found[0])
        XCTAssertTrue(found[1].hasPrefix("Templates/claims.mustache:1:80: error: unknown transform `uppercsed` (did you mean `uppercased`?)"), found[1])
        XCTAssertTrue(found[2].hasPrefix("Templates/claims.mustache:1:120: error: unknown variable `site`;"), found[2])
        XCTAssertTrue(found[3].contains("error: `index()`: `index()` is given only inside a list"), found[3])
    }
}
