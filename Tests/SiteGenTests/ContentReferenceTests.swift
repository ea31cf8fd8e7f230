import XCTest
@testable import SiteGen

/// docs/content.md lists every field the loaders accept, in its own table, so it cannot drift.
final class ContentReferenceTests: XCTestCase {
    /// The field names of the table under the heading that starts with `heading`.
    private func documented(under heading: String) throws -> Set<String> {
        let text = try String(contentsOf: Repo.root.appendingPathComponent("docs/content.md"), encoding: .utf8)
        let section = try XCTUnwrap(text.components(separatedBy: "\n## ").first { $0.hasPrefix(heading) }, heading)
        return Set(section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        })
    }

    func testEveryFieldTheLoadersAcceptIsDocumented() throws {
        let cases: [(String, Set<String>)] = [
            ("`site.yaml`", SiteConfig.fields),
            ("`claims/*.yaml`", ClaimLoader.claimFields.union(ClaimLoader.appearanceFields).union(["status"])),
            ("`articles/`", ContentLoader.metadataFields),
            ("`entities.yaml`", EntityLoader.fields),
            ("`corrections.yaml`", CorrectionsLoader.fields),
            ("`pages/*.md`", ContentLoader.pageFields.union(ContentLoader.homePageFields)),
        ]
        for (heading, fields) in cases {
            let listed = try documented(under: heading)
            XCTAssertEqual(fields.subtracting(listed), [], "\(heading): accepted but not documented")
            XCTAssertEqual(listed.subtracting(fields), [], "\(heading): documented but not accepted")
        }
    }
}
