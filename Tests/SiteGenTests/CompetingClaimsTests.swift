import XCTest
@testable import SiteGen

/// Claims that share one sentence template and differ by a name, a code and a
/// figure, with decoys around them: the kind of data a desk really has.
final class CompetingClaimsTests: XCTestCase {
    private static let entities = """
    - id: norhaven-labs
      name: Norhaven Labs
      kind: organisation
    - id: kessler-dynamics
      name: Kessler Dynamics
      kind: organisation
    - id: orbis-ai
      name: Orbis AI
      kind: organisation
    - id: vantor-group
      name: Vantor Group
      kind: organisation

    """

    private static let report = """
    ---
    title: "Campaign report"
    publisher: "Watch Institute"
    kind: primary
    date: 2026-03-01
    ---

    Norhaven Labs used over 1,074 fraudulent accounts in the c00002 campaign.

    Kessler Dynamics used over 2,310 fraudulent accounts in the c00003 campaign.

    Orbis AI used over 1,150 fraudulent accounts in the c00004 campaign.

    Norhaven Labs used over 1,080 fraudulent accounts in the c00005 campaign.

    """

    /// One claim of the family; `extra` lines are added to it as written (indented by two spaces).
    private static func claim(_ id: String, _ name: String, _ figure: String, _ code: String, source: String = "report",
                              quote: String? = nil, extra: [String] = []) -> String {
        ([
            "- id: \(id)",
            "  statement: \(name) used over \(figure) fraudulent accounts in the \(code) campaign.",
            "  kind: figure",
            "  speaker: Watch Institute",
            "  attribution: attributed",
            "  tolerance: 0.02",
            "  reference:",
            "    source: \(source)",
            "    quote: \"\(quote ?? "\(name) used over \(figure) fraudulent accounts in the \(code) campaign")\"",
        ] + extra).joined(separator: "\n") + "\n"
    }

    private static func news(_ title: String, _ paragraphs: [String]) -> String {
        "---\ntitle: \"\(title)\"\npublisher: \"Daily Ledger\"\nkind: news\ndate: 2026-03-02\n---\n\n" + paragraphs.joined(separator: "\n\n") + "\n"
    }

    /// Ordinary sentences with the template's common words in them.
    private static let filler = "Officials said the accounts were reviewed in the spring. Fraudulent accounts are common in the industry, and the campaign drew wide attention in the press."

    private func buildSite(norhavenExtra: [String] = [], extraClaims: String = "") throws -> (TemporaryFolder, [String: Any]) {
        let folder = try TemporaryFolder()
        try folder.write("Content/site.yaml", minimalSiteYAML)
        try folder.write("Content/entities.yaml", Self.entities)
        try folder.write("Content/articles/report.md", Self.report)
        try folder.write("Content/articles/a1.md", Self.news("Exact and hedged", [
            Self.filler,
            "Norhaven Labs used over 1,074 fraudulent accounts in the c00002 campaign, the institute said.",
            "Separately, Kessler Dynamics used more than 2,310 fraudulent accounts in the c00003 campaign.",
        ]))
        try folder.write("Content/articles/a2.md", Self.news("A misreport and a decoy", [
            "Orbis AI used over 1,270 fraudulent accounts in the c00004 campaign, according to the report.",
            "Vantor Group used over 1,074 fraudulent accounts in the c00009 campaign.",
            Self.filler,
        ]))
        try folder.write("Content/articles/a3.md", Self.news("A typo and unrelated mentions", [
            "Kesler Dynamics used over 2,310 fraudulent accounts in the c00003 campaign.",
            "Norhaven Labs opened a new office in the city last spring.",
            "The museum counted 2,310 visitors over the weekend.",
        ]))
        try folder.write("Content/articles/a5.md", Self.news("Quotations of the template", [
            "Vantor Group said it had \u{201C}used over 1,074 fraudulent accounts in the campaign\u{201D} last year.",
            "Another filing said the group \u{201C}used over 1,390 fraudulent accounts in the c00002 campaign\u{201D} too.",
        ]))
        try folder.write("Content/articles/a4.md", Self.news("Curated for one claim", [
            "Norhaven Labs used over 1,074 fraudulent accounts in the c00002 campaign.",
            Self.filler,
            "Kessler Dynamics used about 2,310 fraudulent accounts in the c00003 campaign.",
        ]))
        let norhaven = Self.claim("norhaven-accounts", "Norhaven Labs", "1,074", "c00002", extra: [
            "  appearances:",
            "    - source: a4",
            "      quote: \"Norhaven Labs used over 1,074 fraudulent accounts in the c00002 campaign\"",
        ] + norhavenExtra)
        try folder.write("Content/claims/accounts.yaml", [
            norhaven,
            Self.claim("kessler-accounts", "Kessler Dynamics", "2,310", "c00003"),
            Self.claim("orbis-accounts", "Orbis AI", "1,150", "c00004"),
            extraClaims,
        ].joined(separator: "\n"))
        _ = try Pipeline.run(content: folder.url.appendingPathComponent("Content"), output: folder.url.appendingPathComponent("public"))
        let json = try JSONSerialization.jsonObject(with: Data(try folder.read("public/claims.json").utf8)) as! [String: Any]
        return (folder, json)
    }

    /// (claim, source, quote, difference kinds) of every automatic appearance.
    private func automatic(_ json: [String: Any]) -> [(claim: String, source: String, quote: String, kinds: [String])] {
        (json["claims"] as! [[String: Any]]).flatMap { claim in
            (claim["appearances"] as! [[String: Any]]).filter { $0["match"] as? String == "auto" }.map { appearance in
                (claim["id"] as! String, appearance["source"] as! String, appearance["quote"] as! String,
                 (appearance["differences"] as! [[String: Any]]).map { $0["kind"] as! String })
            }
        }
    }

    func testEachPassageGoesToItsOwnClaimAndDecoysToNone() throws {
        let (_, json) = try buildSite()
        let found = automatic(json)
        let pairs = Set(found.map { "\($0.claim) in \($0.source)" })
        let expected: Set<String> = ["norhaven-accounts in a1", "kessler-accounts in a1", "orbis-accounts in a2",
                                     "kessler-accounts in a3", "kessler-accounts in a4"]
        let right = pairs.intersection(expected).count
        let precision = Double(right) / Double(max(pairs.count, 1)), recall = Double(right) / Double(expected.count)
        XCTAssertGreaterThanOrEqual(precision, 0.95, "\(found)")
        XCTAssertGreaterThanOrEqual(recall, 0.9, "\(found)")
        XCTAssertEqual(pairs, expected, "the decoys (another lab, an unrelated mention, a figure of visitors, quotations of the template) match nothing")

        let misreport = try XCTUnwrap(found.first { $0.claim == "orbis-accounts" })
        XCTAssertEqual(misreport.kinds, ["figure"], "1,270 for 1,150 is a misreported figure of the claim the passage names")
        let typo = try XCTUnwrap(found.first { $0.claim == "kessler-accounts" && $0.source == "a3" })
        XCTAssertEqual(typo.kinds, ["spelling"], "Kesler is a plausible misspelling that no entity carries")
        let hedge = try XCTUnwrap(found.first { $0.claim == "kessler-accounts" && $0.source == "a1" })
        XCTAssertEqual(hedge.kinds, ["qualifier"])
    }

    func testAPassageThatFitsOneClaimExactlyIsNeverAnotherClaimsAppearance() throws {
        let (_, json) = try buildSite()
        let exact = "Norhaven Labs used over 1,074 fraudulent accounts in the c00002 campaign"
        let holders = automatic(json).filter { $0.quote.contains("1,074") || $0.quote.contains("Norhaven") }
        XCTAssertEqual(holders.map(\.claim), ["norhaven-accounts"], "\(holders)")
        XCTAssertEqual(holders.first?.quote, exact)
    }

    func testANewClaimFindsItselfInAnArticleCuratedForAnother() throws {
        let (_, json) = try buildSite()
        let kessler = automatic(json).filter { $0.claim == "kessler-accounts" && $0.source == "a4" }
        XCTAssertEqual(kessler.map(\.quote), ["Kessler Dynamics used about 2,310 fraudulent accounts in the c00003 campaign"])
        XCTAssertFalse(automatic(json).contains { $0.claim == "norhaven-accounts" && $0.source == "a4" },
                       "the curated appearance wins; the claim is not matched there again")
    }

    func testARejectionInTheClaimFileRemovesTheMatch() throws {
        let (_, json) = try buildSite(norhavenExtra: ["  not_in: [a1]"])
        let found = automatic(json)
        XCTAssertFalse(found.contains { $0.source == "a1" && $0.claim == "norhaven-accounts" })
        XCTAssertFalse(found.contains { $0.source == "a1" && $0.quote.contains("Norhaven") }, "a rejected passage goes to no other claim")
        XCTAssertTrue(found.contains { $0.source == "a1" && $0.claim == "kessler-accounts" }, "other claims in that source are kept")
    }

    func testARejectionOfAnUnknownSourceIsAnErrorAtItsPosition() throws {
        XCTAssertThrowsError(try buildSite(norhavenExtra: ["  not_in: [a1, a9]"])) { error in
            let lines = (error as? BuildFailed)?.diagnostics.map(\.description) ?? []
            XCTAssertTrue(lines.contains { $0.hasSuffix("claims/accounts.yaml:13:16: error: claim `norhaven-accounts`: `not_in` names unknown source `a9`; did you mean `a1`?") },
                          lines.joined(separator: "\n"))
        }
    }

    func testAClaimWhoseWordsAnotherClaimFitsExactlyDoesNotTakeThePassage() throws {
        // A second Norhaven claim with a close but different wording: the exact claim keeps the passage.
        let close = Self.claim("norhaven-accounts-c00005", "Norhaven Labs", "1,080", "c00005")
        let (_, json) = try buildSite(extraClaims: close)
        let found = automatic(json)
        XCTAssertTrue(found.contains { $0.claim == "norhaven-accounts" && $0.source == "a1" })
        XCTAssertFalse(found.contains { $0.claim == "norhaven-accounts-c00005" && $0.quote.contains("c00002") }, "\(found)")
    }
}

final class RivalClaimsTests: XCTestCase {
    /// The index of template words finds exactly the pairs a comparison of every two claims finds,
    /// whatever the batch and the number of cores. Claims are drawn on a few shared templates with
    /// Zipf-like word choices, so most pairs share some word and many are near the threshold.
    func testTheIndexFindsTheRivalsEveryPairwiseComparisonFinds() {
        var generator = SplitMix(seed: 7)
        let common = (0..<30).map { "w\($0)" }
        let templates = (0..<5).map { _ in Set((0..<8).map { _ in common[Int(generator.next() % 30)] }) }
        let claims: [Set<String>] = (0..<300).map { index in
            if index % 17 == 0 { return [] }  // a statement of names alone has no template
            var words = templates[Int(generator.next() % 5)]
            // Sorted first: a set's order changes from run to run, and the draw must not.
            for _ in 0..<Int(generator.next() % 4) { words.remove(words.sorted().randomElement(using: &generator)!) }
            for _ in 0..<Int(generator.next() % 4) {
                words.insert(common[min(Int(1 / (Double(generator.next() % 1000) / 1000 * 0.975 + 0.025)) - 1, 29)])
            }
            return words
        }
        let expected = claims.indices.map { claim in
            claims.indices.filter { other in
                other != claim && ClaimMatcher.areRivals(claims[claim], claims[other], shared: claims[claim].intersection(claims[other]).count)
            }
        }
        XCTAssertGreaterThan(expected.map(\.count).reduce(0, +), 1_000, "the draw gives many rivals")
        XCTAssertTrue(expected.contains { $0.isEmpty }, "and some claims none")
        for (jobs, batch) in [(1, 64), (4, 1), (3, 7), (2, 1_000)] {
            let found = ClaimMatcher.rivals(of: claims, parallel: Parallel(jobs: jobs), batch: batch)
            XCTAssertEqual(found.count, expected.count)
            let wrong = zip(found, expected).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
            XCTAssertEqual(wrong, [], "jobs \(jobs), batch \(batch): claims whose rivals differ")
        }
    }
}

/// The bit-vector searches (edlib's and our own) against the dynamic program they replaced, and against each other.
final class ApproximateSearchTests: XCTestCase {
    /// Sellers' semi-global edit distance: the fewest edits of `pattern` against any substring of `text`.
    private func sellers(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Int {
        var column = Array(0...pattern.count)
        var best = pattern.count
        for scalar in text {
            var diagonal = column[0]
            column[0] = 0
            for i in 1...pattern.count {
                let next = min(diagonal + (pattern[i - 1] == scalar ? 0 : 1), column[i] + 1, column[i - 1] + 1)
                diagonal = column[i]
                column[i] = next
            }
            best = min(best, column[pattern.count])
        }
        return best
    }

    func testMyersAgreesWithSellersOnRandomCases() {
        var generator = SplitMix(seed: 12)
        let alphabets: [[Unicode.Scalar]] = [Array("ab".unicodeScalars), Array("acgt ".unicodeScalars),
                                             Array("aé’—ß中 ".unicodeScalars), Array("the quick brown fox".unicodeScalars)]
        for round in 0..<600 {
            let alphabet = alphabets[round % alphabets.count]
            let pattern = (0..<Int(generator.next() % 90 + 1)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            var text = (0..<Int(generator.next() % 300 + 1)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            if round % 3 == 0, text.count > pattern.count {
                // Plant the pattern with a few edits, so close occurrences are tested too.
                var planted = pattern
                for _ in 0..<Int(generator.next() % 4) where !planted.isEmpty { planted[Int(generator.next() % UInt64(planted.count))] = alphabet[0] }
                let at = Int(generator.next() % UInt64(text.count - pattern.count))
                text.replaceSubrange(at..<(at + planted.count), with: planted)
            }
            let expected = sellers(pattern, text)
            let found = ApproximateSearch.best(pattern, in: text)
            if expected == pattern.count, found == nil { continue }  // nothing better than deleting the whole pattern
            guard let found else { return XCTFail("round \(round): no occurrence, expected \(expected) edits") }
            XCTAssertEqual(found.edits, expected, "round \(round)")
            XCTAssertEqual(WordDiff.editDistance(pattern, Array(text[found.start..<found.end])), found.edits,
                           "round \(round): the span edlib reports has the edits it reports")
        }
    }

    /// The bit-vector search written here and edlib report the same occurrence (start, end, edits)
    /// on random patterns of 1 to 200 bytes (one to four 64-row blocks), small alphabets that make
    /// many ties, with and without a bound on edits.
    func testOwnBitVectorSearchReportsWhatEdlibReports() {
        var generator = SplitMix(seed: 41)
        var compared = 0
        for round in 0..<3000 {
            let alphabet = UInt64([2, 4, 9, 26][round % 4])
            let pattern = (0..<Int(generator.next() % 200 + 1)).map { _ in UInt8(generator.next() % alphabet) }
            var text = (0..<Int(generator.next() % 400 + 1)).map { _ in UInt8(generator.next() % alphabet) }
            if round % 2 == 0, text.count > pattern.count {
                var planted = pattern
                for _ in 0..<Int(generator.next() % 6) { planted[Int(generator.next() % UInt64(planted.count))] = UInt8(generator.next() % alphabet) }
                let at = Int(generator.next() % UInt64(text.count - pattern.count))
                text.replaceSubrange(at..<(at + planted.count), with: planted)
            }
            let limit: Int? = round % 3 == 0 ? nil : Int(generator.next() % UInt64(pattern.count + 1))
            // A slice that does not start at 0, as a window of a paragraph is.
            let padded = [UInt8](repeating: 250, count: 7) + text
            let window = padded[7...]
            let own = ApproximateSearch.align(pattern, window, maxEdits: limit, engine: .bitVector)
            let edlib = ApproximateSearch.align(pattern, window, maxEdits: limit, engine: .edlib)
            XCTAssertEqual(own, edlib, "round \(round): pattern \(pattern.count), text \(text.count), limit \(String(describing: limit))")
            if own != nil { compared += 1 }
        }
        XCTAssertGreaterThan(compared, 1500, "most rounds find an occurrence, so positions are compared")
    }

    /// A pattern that shares nothing with the text is not found, by either search, with any bound:
    /// edlib reports it as ending before the text, and no occurrence beats deleting the pattern.
    func testNothingInCommonIsNotFoundByEitherSearch() {
        for limit in [nil, -1, 2, 5] as [Int?] {
            for pattern in [[UInt8](repeating: 1, count: 2), [UInt8](repeating: 1, count: 64), [UInt8](repeating: 1, count: 70)] {
                XCTAssertNil(ApproximateSearch.align(pattern, [0, 0, 0][...], maxEdits: limit, engine: .bitVector))
                XCTAssertNil(ApproximateSearch.align(pattern, [0, 0, 0][...], maxEdits: limit, engine: .edlib))
            }
        }
    }

    func testABoundOnEditsStopsTheSearch() {
        let text = Array("the labs used about 24,000 fraudulent accounts".unicodeScalars)
        XCTAssertEqual(ApproximateSearch.best(Array("24,000 fraudulant".unicodeScalars), in: text, maxEdits: 1)?.edits, 1)
        XCTAssertNil(ApproximateSearch.best(Array("16 million exchanges".unicodeScalars), in: text, maxEdits: 3))
    }

    func testAPatternWithTooManyDistinctScalarsIsNotFoundRatherThanMiscompared() {
        let pattern = (0..<300).map { Unicode.Scalar(0x4E00 + $0)! }
        XCTAssertNil(ApproximateSearch.best(pattern, in: pattern))
    }
}

/// A small deterministic random generator, so failures repeat.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Names checked in passages: what counts as naming a claim's entity.
final class IdentityCheckTests: XCTestCase {
    private let finder = IdentityFinder(entities: [
        Entity(id: "anthropic", name: "Anthropic", kind: .organisation, description: nil, aliases: ["Anthropic"], path: "e.yaml",
               position: SourcePosition(line: 1, column: 1)),
    ])

    private func check(_ passage: String) -> IdentityCheck {
        let text = FoldedText(passage)
        let names = finder.names(in: text, tokens: WordToken.all(in: text.original))
        return finder.check(ClaimIdentity(entities: ["anthropic"]), rivals: [], in: names, within: TextSpan(start: 0, end: text.original.count))
    }

    func testAMisspeltNameStillNamesTheEntityButAWordThatHoldsItDoesNot() {
        XCTAssertEqual(check("Anthropic said 24,000 accounts were used."), .confirmed)
        XCTAssertEqual(check("Anthropik said 24,000 accounts were used."), .confirmed, "one wrong letter in nine")
        XCTAssertEqual(check("A philanthropic group said 24,000 accounts were used."), .unnamed)
        XCTAssertEqual(check("The company said 24,000 accounts were used."), .unnamed)
    }
}
