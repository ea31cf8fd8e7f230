import XCTest
@testable import SiteGen

/// `docs/templates.md` is made from the declared contexts and cannot drift from them.
final class TemplateReferenceTests: XCTestCase {
    func testTheTemplateReferenceIsTheOneTheCodeMakes() throws {
        let file = Repo.root.appendingPathComponent("docs/templates.md")
        let made = TemplateReference.markdown()
        if ProcessInfo.processInfo.environment["SITEGEN_UPDATE_DOCS"] == "1" {
            try made.write(to: file, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(committed == made, "docs/templates.md is out of date: SITEGEN_UPDATE_DOCS=1 swift test --filter TemplateReferenceTests writes it again")
    }

    func testEveryTemplateOfTheThemeIsInTheReferenceOrIncluded() throws {
        let theme = try XCTUnwrap(BuiltInTheme.folder)
        let names = PackagedResources.files(under: theme).filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        let declared = Set(TemplateContexts.entries.map(\.template))
        let texts = try names.map { try String(contentsOf: theme.appendingPathComponent($0 + ".mustache"), encoding: .utf8) }
        let included = Set(texts.flatMap(TemplateSet.references))
        for name in names {
            XCTAssertTrue(declared.contains(name) || included.contains(name), "\(name).mustache is neither declared nor included anywhere")
        }
        for name in TemplateSet.required { XCTAssertTrue(declared.contains(name), "\(name) is required but not declared") }
    }
}
