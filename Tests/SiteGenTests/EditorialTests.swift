import XCTest
@testable import SiteGen

/// The two axes (did they say it, is it true), ClaimReview, the difference kinds that
/// change meaning, and the build checks that keep a desk's claims consistent.
final class EditorialTests: XCTestCase {
    /// A small story: the mayor's own statement (primary) and two reports of it.
    private func story(claims: String, entities: String? = nil) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("Content/site.yaml", minimalSiteYAML + "updated: \"2026-03-01\"\n")
        try folder.write("Content/articles/mayor.md", """
        ---
        title: Statement by the mayor
        publisher: City of Example
        kind: primary
        date: 2026-02-01
        ---

        The bridge carried 1,200 trucks in January, and the city has had to pay for repairs.

        The council has approved the plan.
        """)
        try folder.write("Content/articles/001_wire.txt", " date 2026-02-02 The mayor said “the bridge carried 1,200 trucks in January”, according to the city. The mayor also said the city has yet to pay for repairs.\n")
        try folder.write("Content/articles/002_paper.txt", " date 2026-02-03 Officials said the bridge carried 2,100 trucks in January. The mayor said “the bridge carried 1,200 trucks in January” in a statement.\n")
        try folder.write("Content/claims/c.yaml", claims)
        if let entities { try folder.write("Content/entities.yaml", entities) }
        try folder.write("Content/pages/story.md", "---\ntitle: Story\n---\n\nText.\n")
        return folder
    }

    private func build(_ folder: TemporaryFolder) throws -> [Diagnostic] {
        try Pipeline.run(content: folder.url.appendingPathComponent("Content"), output: folder.url.appendingPathComponent("out")).warnings
    }

    private func jsonLD(_ folder: TemporaryFolder, claim: String) throws -> [String: Any]? {
        let html = try folder.read("out/claims/\(claim)/index.html")
        guard let start = html.range(of: "<script type=\"application/ld+json\">"), let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex) else { return nil }
        return try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
    }

    private let trucks = """
    - id: trucks
      statement: The bridge carried 1,200 trucks in January.
      kind: figure
      speaker: Jane Roe
      attribution: verified
      reference: {source: mayor, quote: "The bridge carried 1,200 trucks in January"}
      appearances:
        - {source: 001_wire, quote: "the bridge carried 1,200 trucks in January"}

    """

    func testAVerifiedQuoteOfAFalseClaimIsRatedByItsVerdictAlone() throws {
        let folder = try story(claims: trucks + "  verdict: inaccurate\n  summary: The paper's count differs.\n", entities: "- id: jane-roe\n  name: Jane Roe\n  kind: person\n")
        _ = try build(folder)
        let review = try XCTUnwrap(try jsonLD(folder, claim: "trucks"), "a claim with a verdict carries ClaimReview")
        for key in ["@context", "@type", "url", "claimReviewed", "author", "reviewRating", "itemReviewed", "datePublished"] {
            XCTAssertNotNil(review[key], key)
        }
        let rating = try XCTUnwrap(review["reviewRating"] as? [String: Any])
        XCTAssertEqual(rating["alternateName"] as? String, "Inaccurate", "the rating is the verdict, not the attribution")
        XCTAssertEqual(rating["ratingValue"] as? Int, 1)
        XCTAssertEqual(rating["worstRating"] as? Int, 1)
        XCTAssertEqual(rating["bestRating"] as? Int, 5)
        XCTAssertEqual((review["author"] as? [String: Any])?["name"] as? String, "Test desk", "the author is the site's publisher")
        let claimant = try XCTUnwrap((review["itemReviewed"] as? [String: Any])?["author"] as? [String: Any])
        XCTAssertEqual(claimant["@type"] as? String, "Person", "typed from entities.yaml")
        let html = try folder.read("out/claims/trucks/index.html")
        XCTAssertTrue(html.contains("Verified in the primary source"))
        XCTAssertTrue(html.contains("rating-inaccurate"))
    }

    func testAVerifiedQuoteWithoutAVerdictCarriesNoRating() throws {
        let folder = try story(claims: trucks)
        _ = try build(folder)
        XCTAssertNil(try jsonLD(folder, claim: "trucks"), "no verdict, no ClaimReview")
        XCTAssertTrue(try folder.read("out/claims/trucks/index.html").contains("Not rated"))
        XCTAssertFalse(try folder.read("out/claims/trucks/index.html").contains("about/"), "no link to an About page the site does not have")
        let json = try JSONSerialization.jsonObject(with: Data(try folder.read("out/claims.json").utf8)) as! [String: Any]
        let claim = try XCTUnwrap((json["claims"] as? [[String: Any]])?.first)
        XCTAssertEqual(claim["attribution"] as? String, "verified")
        XCTAssertTrue(claim["verdict"] is NSNull, "an unrated claim exports verdict: null")
    }

    func testSourcesThatContradictOnAFigureNeedDisputedOrANote() throws {
        let contradicted = trucks + "    - {source: 002_paper, quote: \"the bridge carried 2,100 trucks in January\"}\n"
        let warnings = try build(try story(claims: contradicted)).map(\.description)
        XCTAssertTrue(warnings.contains { $0.contains("claims/c.yaml:1:3: warning: claim `trucks`: the sources give different figures, “1,200” in `mayor` and “2,100” in `002_paper`") },
                      warnings.joined(separator: "\n"))
        XCTAssertTrue(warnings.contains { $0.hasSuffix("; mark it `verdict: disputed`, or say in `not_disputed` why the difference does not make it disputed (a misquote, a source that settles it)") })
        // A rated claim is not told to give up its rating first.
        let rated = try build(try story(claims: contradicted + "  verdict: unsupported\n  summary: No count backs it.\n")).map(\.description)
        XCTAssertTrue(rated.contains { $0.hasSuffix("; say in `not_disputed` why the difference does not make it disputed (a misquote, a source that settles it), or, if the sources leave it open, change `verdict: unsupported` to `disputed`") },
                      rated.joined(separator: "\n"))
        for settled in ["  verdict: disputed\n", "  not_disputed: The paper cites unnamed officials; the mayor's figure is the city's count.\n"] {
            let quiet = try build(try story(claims: contradicted + settled)).map(\.description)
            XCTAssertFalse(quiet.contains { $0.contains("different figures") }, settled)
        }
    }

    func testAMisattributionFlagAppliesToEveryClaimThatQuotesThePassage() throws {
        let claims = trucks.replacingOccurrences(of: "quote: \"the bridge carried 1,200 trucks in January\"}", with: "quote: \"the bridge carried 1,200 trucks in January\", attributed_to: the city}") + """
        - id: january-trucks
          statement: Trucks crossed in January.
          kind: figure
          speaker: Jane Roe
          attribution: attributed
          appearances:
            - {source: 001_wire, quote: "1,200 trucks in January"}

        """
        let warnings = try build(try story(claims: claims)).map(\.description)
        XCTAssertTrue(warnings.contains { $0.contains("claims/c.yaml:15:") && $0.contains("warning: claim `january-trucks` quotes a passage of `001_wire` that claim `trucks` marks as credited to `the city`") },
                      warnings.joined(separator: "\n"))
    }

    func testAClaimInsideAnotherClaimsReferenceSharesItsSources() throws {
        let claims = trucks + """
        - id: january
          statement: The mayor said it was 1,200 trucks.
          kind: figure
          speaker: Jane Roe
          attribution: verified
          reference: {source: mayor, quote: "1,200 trucks"}

        """
        let warnings = try build(try story(claims: claims)).map(\.description)
        XCTAssertTrue(warnings.contains { $0.contains("claim `january`: its reference words are also in `001_wire`, quoted there as part of claim `trucks`") },
                      warnings.joined(separator: "\n"))
        let ruledOut = claims + "  not_in: [001_wire]\n"
        XCTAssertFalse(try build(try story(claims: ruledOut)).contains { $0.message.contains("reference words are also in") })
    }

    func testVerifiedNeedsTheReferenceInAPrimarySource() throws {
        let claims = trucks.replacingOccurrences(of: "reference: {source: mayor,", with: "reference: {source: 002_paper,")
            .replacingOccurrences(of: "quote: \"The bridge carried 1,200 trucks in January\"}", with: "quote: \"the bridge carried 1,200 trucks in January\", prefix: \"said “\"}")
        let folder = try story(claims: claims)
        let failures = Pipeline.failures(content: folder.url.appendingPathComponent("Content"), output: folder.url.appendingPathComponent("out"))
        XCTAssertEqual(failures.count, 1, failures.joined(separator: "\n"))
        XCTAssertTrue(failures.first?.contains("is `attribution: verified` but its reference is in `002_paper`, a news article") == true, failures.joined(separator: "\n"))
    }

    func testStatusIsRetiredWithOneErrorThatSaysWhatToWrite() throws {
        let folder = try story(claims: trucks.replacingOccurrences(of: "attribution: verified", with: "status: unsupported"))
        let failures = Pipeline.failures(content: folder.url.appendingPathComponent("Content"), output: folder.url.appendingPathComponent("out"))
        XCTAssertEqual(failures.count, 1, failures.joined(separator: "\n"))
        XCTAssertTrue(failures.first?.contains("claims/c.yaml:5:11: error: `status` is no longer a field of claim `trucks`") == true)
        XCTAssertTrue(failures.first?.contains("write `verdict: unsupported`") == true)
    }

    func testNoPrimarySourceComparesTheReportsWithTheEarliest() throws {
        let claims = """
        - id: repairs
          statement: The city has paid for repairs.
          kind: event
          speaker: Jane Roe
          attribution: attributed
          appearances:
            - {source: 002_paper, quote: "the bridge carried 1,200 trucks in January"}
            - {source: 001_wire, quote: "the bridge carried 1,200 trucks in January"}
            - {source: 002_paper, quote: "the bridge carried 2,100 trucks in January"}

        """
        let folder = try story(claims: claims)
        _ = try build(folder)
        let html = try folder.read("out/claims/repairs/index.html")
        XCTAssertTrue(html.contains("Each report is compared with the earliest one, Unnamed outlet, 2 Feb 2026"),
                      "the wire (2 Feb) is the basis, not the first listed")
        XCTAssertTrue(html.contains("Same words as the earliest report."))
        XCTAssertTrue(html.contains("The figure “1,200” is given as “2,100”."), "a paraphrase compared with the earliest report")
        let coverage = try folder.read("out/coverage/index.html")
        XCTAssertTrue(coverage.contains("class=\"cell base"))
        XCTAssertTrue(coverage.contains("class=\"cell same"))
        XCTAssertTrue(coverage.contains("<span class=\"cell-key\">E</span>"), "the legend explains the marks in use")
        XCTAssertFalse(coverage.contains("<span class=\"cell-key\">R</span>"), "and no mark the table does not use")
    }

    func testTheCoverageSummaryCountsOnlyIdenticalWordsAsTheSame() throws {
        // Beyond `coverageMatrixLimit` sources the coverage page is a table of counts per claim.
        let folder = try story(claims: trucks + "    - {source: 002_paper, quote: \"the bridge carried 2,100 trucks in January\"}\n"
                               + "    - {source: 003_copy, quote: \"the bridge carried 1,200 trucks in January\"}\n")
        try folder.write("Content/articles/003_copy.txt", " date 2026-02-04 Reports said the bridge carried 1,200 trucks in January.\n")
        for index in 0..<SiteRenderer.coverageMatrixLimit {
            try folder.write("Content/articles/9\(index)_filler.txt", " date 2026-02-05 A filler report number \(index) about another bridge entirely.\n")
        }
        _ = try build(folder)
        let coverage = try folder.read("out/coverage/index.html")
        // The wire quotes the words (same), the copy paraphrases them (same figures), the paper gives 2,100 (differs).
        XCTAssertTrue(coverage.contains("<td>4</td><td>1</td><td>1</td><td>1</td>"), coverage)
    }

    func testMarginNotesCarryTheClaimNumber() throws {
        let folder = try story(claims: trucks + """
        - id: plan
          statement: The council approved the plan.
          kind: event
          speaker: Jane Roe
          attribution: verified
          reference: {source: mayor, quote: "The council has approved the plan."}

        """)
        try folder.write("Content/pages/story.md", "---\ntitle: Story\n---\n\nThe [plan](claim:plan) came first.\n")
        _ = try build(folder)
        let html = try folder.read("out/story/index.html")
        XCTAssertTrue(html.contains("id=\"note-2\""), "the page's first note is claim 2's")
        XCTAssertFalse(html.contains("id=\"note-1\""))
    }

    func testCorrectionsAreAPageNotesOnTheirClaimsAndFeedEntries() throws {
        let folder = try story(claims: trucks + "  verdict: accurate\n  summary: The city's own count says so.\n  reviewed: \"2026-02-10\"\n")
        try folder.write("Content/site.yaml", minimalSiteYAML + "updated: \"2026-03-01\"\ncontact: desk@example.org\n")
        try folder.write("Content/corrections.yaml", """
        - date: 2026-02-12
          text: The figure was first given as 2,100 trucks.
          claims: [trucks]
        - date: 2026-02-20
          text: A spelling in the timeline was fixed.

        """)
        _ = try build(folder)
        let log = try folder.read("out/corrections/index.html")
        XCTAssertTrue(log.contains("<time datetime=\"2026-02-20\">2026-02-20</time>: A spelling in the timeline was fixed."))
        XCTAssertLessThan(try XCTUnwrap(log.range(of: "2026-02-20")).lowerBound, try XCTUnwrap(log.range(of: "2026-02-12")).lowerBound, "newest first")
        XCTAssertTrue(log.contains("<li id=\"correction-1\"><p><time datetime=\"2026-02-12\">"), "numbered in file order")
        XCTAssertTrue(log.contains("<li id=\"correction-2\"><p><time datetime=\"2026-02-20\">"))
        XCTAssertTrue(log.contains("<a href=\"mailto:desk@example.org\">desk@example.org</a>"))
        let page = try folder.read("out/claims/trucks/index.html")
        XCTAssertTrue(page.contains("The figure was first given as 2,100 trucks."))
        XCTAssertTrue(page.contains("Reviewed <time datetime=\"2026-02-10\">2026-02-10</time> · updated <time datetime=\"2026-02-12\">"),
                      "the correction is the page's last update")
        XCTAssertTrue(page.contains("<span class=\"rating rating-accurate\">Accurate</span> The city&#39;s own count says so."))
        let review = try XCTUnwrap(try jsonLD(folder, claim: "trucks"))
        XCTAssertEqual(review["datePublished"] as? String, "2026-02-10")
        XCTAssertEqual(review["dateModified"] as? String, "2026-02-12")
        XCTAssertEqual((review["reviewRating"] as? [String: Any])?["ratingExplanation"] as? String, "The city's own count says so.")
        let feed = try folder.read("out/feed.xml")
        XCTAssertTrue(feed.contains("https://example.org/corrections/#correction-2"), feed)
    }

    func testACorrectionNamingAnUnknownClaimIsAnError() throws {
        let folder = try story(claims: trucks)
        try folder.write("Content/corrections.yaml", "- date: 2026-02-12\n  text: Fixed.\n  claims: [truck]\n- date: 2026-02-31\n  text: Fixed.\n")
        let failures = Pipeline.failures(content: folder.url.appendingPathComponent("Content"), output: folder.url.appendingPathComponent("out"))
        XCTAssertEqual(failures.count, 2, failures.joined(separator: "\n"))
        XCTAssertTrue(failures.contains { $0.hasSuffix("corrections.yaml:3:12: error: a correction names unknown claim `truck`; did you mean `trucks`?") }, failures.joined(separator: "\n"))
        XCTAssertTrue(failures.contains { $0.hasSuffix("corrections.yaml:4:9: error: `date` of a correction must be a calendar date written YYYY-MM-DD, not `2026-02-31`") }, failures.joined(separator: "\n"))
    }

    func testAContactMustBeAnEmailOrWebAddress() throws {
        let folder = try story(claims: trucks)
        try folder.write("Content/site.yaml", minimalSiteYAML + "contact: \"javascript:alert(1)\"\n")
        let failures = Pipeline.failures(content: folder.url.appendingPathComponent("Content"), output: folder.url.appendingPathComponent("out"))
        XCTAssertEqual(failures.count, 1)
        XCTAssertTrue(failures.first?.contains("`contact` must be an email address or an http or https address") == true, failures.joined(separator: "\n"))
        XCTAssertTrue(URLPolicy.isEmailAddress("corrections@example.org"))
        XCTAssertFalse(URLPolicy.isEmailAddress("a@b.org?subject=x"))
        XCTAssertFalse(URLPolicy.isEmailAddress("a b@example.org"))
    }

    func testAClaimPageSaysWhatWasCheckedAndWhatWasNot() throws {
        let folder = try story(claims: trucks + "  verdict: unproven\n  summary: Only the city has the count.\n  not_checked: The city's counting method.\n")
        _ = try build(folder)
        let page = try folder.read("out/claims/trucks/index.html")
        XCTAssertTrue(page.contains("<li>That Jane Roe used these words: they are in Statement by the mayor.</li>"), page)
        XCTAssertTrue(page.contains("<li>How the 2 other sources word it, against the reference wording.</li>"))
        XCTAssertTrue(page.contains("<li>The evidence behind it: it is not among the sources, and no independent source here tests it.</li>"))
        XCTAssertTrue(page.contains("<li>The city&#39;s counting method.</li>"))
    }

    func testARatingWithoutASummaryIsAWarning() throws {
        let warnings = try build(try story(claims: trucks + "  verdict: accurate\n")).map(\.description)
        XCTAssertTrue(warnings.contains { $0.contains("claims/c.yaml:1:3: warning: claim `trucks` is rated `accurate` but has no `summary`") }, warnings.joined(separator: "\n"))
    }

    func testARatedStatementMustStateTheClaimNotThatItWasSaid() throws {
        let said = trucks.replacingOccurrences(of: "statement: The bridge carried", with: "statement: Jane Roe said the bridge carried")
        let warnings = try build(try story(claims: said + "  verdict: unproven\n  summary: Only the city counts.\n")).map(\.description)
        XCTAssertTrue(warnings.contains { $0.contains("claim `trucks` is rated, but its statement reports that Jane Roe said something") }, warnings.joined(separator: "\n"))
        XCTAssertFalse(try build(try story(claims: said)).contains { $0.message.contains("is rated, but") }, "an unrated claim may report what was said")
    }

    func testCheckListsPrimaryPassagesNoClaimCites() throws {
        let folder = try story(claims: trucks)
        var pipeline = Pipeline(options: BuildOptions(content: folder.url.appendingPathComponent("Content"), templates: Repo.templates,
                                                      output: folder.url.appendingPathComponent("out")))
        let (site, _, _) = try pipeline.check()
        let notes = EditorialChecks.uncitedPassages(claims: site.claims, sources: site.sources).map(\.description)
        XCTAssertEqual(notes.count, 1, notes.joined(separator: "\n"))
        XCTAssertTrue(notes.first?.contains("mayor.md:10:1: note: no claim cites this passage: “The council has approved the plan.”") == true, notes.joined(separator: "\n"))
    }
}

final class DifferenceKindTests: XCTestCase {
    private func kinds(_ reference: String, _ found: String) -> [Difference.Kind] {
        WordDiff(reference: reference, found: found).differences.map(\.kind)
    }

    func testFiguresWrittenInWordsAreFigures() {
        XCTAssertEqual(kinds("paid multi-billion dollar settlements", "paid millions"), [.figure])
        XCTAssertEqual(kinds("a dozen labs", "twelve labs"), [.wording], "a dozen is twelve: the words differ, the figure does not")
        XCTAssertEqual(kinds("one and a half billion dollars", "$1.5 billion dollars"), [.wording])
        XCTAssertEqual(kinds("one and a half billion dollars", "$2 billion dollars"), [.figure])
        let amounts = FigureWords.amounts(in: "multi-billion, millions, a dozen, twenty-four thousand, half a million, one and a half billion, tens of thousands, 16 million")
        XCTAssertEqual(amounts.map(\.low), [2e9, 2e6, 12, 24_000, 500_000, 1.5e9, 2e4, 16e6])
        XCTAssertEqual(amounts.map(\.high), [1e12, 1e9, 12, 24_000, 500_000, 1.5e9, 1e5, 16e6], "a vague figure stops below the next scale")
        XCTAssertEqual(FigureWords.amounts(in: "half a dozen, one hundred and twenty, hundreds").map(\.low), [6, 120, 200])
        XCTAssertEqual(FigureWords.amounts(in: "hundreds").first?.high, 1000)
        XCTAssertEqual(amounts.map(\.text), ["multi-billion", "millions", "a dozen", "twenty-four thousand", "half a million",
                                             "one and a half billion", "tens of thousands", "16 million"])
        XCTAssertTrue(amounts[1].agrees(with: Amount(text: "3 million", low: 3e6, high: 3e6, span: TextSpan(start: 0, end: 0)), tolerance: 0))
        let count = Amount(text: "1,200", low: 1200, high: 1200, span: TextSpan(start: 0, end: 0))
        XCTAssertTrue(count.agrees(with: Amount(text: "1,230", low: 1230, high: 1230, span: TextSpan(start: 0, end: 0)), tolerance: 0.05))
        XCTAssertFalse(count.agrees(with: Amount(text: "1,300", low: 1300, high: 1300, span: TextSpan(start: 0, end: 0)), tolerance: 0.05))
        XCTAssertFalse(amounts[0].agrees(with: amounts[1], tolerance: 0.05), "multi-billion is not millions")
        XCTAssertTrue(FigureWords.amounts(in: "one of the labs said so").isEmpty, "a bare one is a pronoun, not a figure")
    }

    func testFiguresAreComparedAsSetsAndSmallNumbersAndDaysAreNot() {
        let base = FigureWords.comparable(in: "3 labs ran 24,000 accounts and 16 million exchanges")
        XCTAssertNil(Amount.firstUnmatched(FigureWords.comparable(in: "16 million exchanges through 24,000 accounts of three labs"), against: base, tolerance: 0),
                     "the same figures in another order, and 3 against three, agree")
        XCTAssertNil(Amount.firstUnmatched(FigureWords.comparable(in: "On Feb. 23, 24,000 accounts"), against: base, tolerance: 0), "a day is not a figure")
        XCTAssertEqual(Amount.firstUnmatched(FigureWords.comparable(in: "24,000 accounts and 13 million exchanges"), against: base, tolerance: 0)?.found.text,
                       "13 million")
        XCTAssertNil(Amount.firstUnmatched(FigureWords.comparable(in: "24,000 accounts"), against: base, tolerance: 0), "a figure left out is no contradiction")
    }

    /// Small numbers count where both wordings count the same thing (found in a new-user trial:
    /// "two miles" against "30 miles" passed as "no difference").
    func testSmallNumbersAreFiguresWhereBothWordingsCountTheSameThing() {
        XCTAssertEqual(kinds("more than 2 miles to school", "more than two miles to school"), [.wording], "2 and two are the same figure")
        XCTAssertEqual(kinds("the two labs denied it", "both labs denied it"), [.wording], "“the two” against “both” is wording")
        XCTAssertEqual(kinds("3 labs", "4 labs"), [.figure], "numbers in digits are figures, however small")
        XCTAssertEqual(kinds("more than two miles", "more than 30 miles"), [.figure])
        XCTAssertEqual(FigureWords.comparable(in: "more than two miles", with: "more than 30 miles").map(\.text), ["two"])
        XCTAssertEqual(FigureWords.comparable(in: "more than two miles", with: "more than three miles").map(\.text), ["two"])
        XCTAssertEqual(FigureWords.comparable(in: "three labs ran 24,000 accounts", with: "24,000 accounts").map(\.text), ["24,000"],
                       "a small number that counts something the other wording does not count is not compared")
        let paraphrase = ContentComparison.differences(reference: "No child will have to travel more than two miles to school.",
                                                       found: "no child will travel more than 30 miles",
                                                       aligned: WordDiff(reference: "No child will have to travel more than two miles to school.",
                                                                         found: "no child will travel more than 30 miles"))
        XCTAssertEqual(paraphrase.filter { $0.kind == .figure }.map { "\($0.reference) → \($0.found)" }, ["two → 30"])
        let same = ContentComparison.differences(reference: "more than two miles", found: "under three miles",
                                                 aligned: WordDiff(reference: "more than two miles", found: "under three miles"))
        XCTAssertEqual(same.filter { $0.kind == .figure }.map { "\($0.reference) → \($0.found)" }, ["two → three"])
    }

    func testANegationOrAReversalChangesTheMeaning() {
        XCTAssertEqual(kinds("the council has approved the plan", "the council has not approved the plan"), [.meaning])
        XCTAssertEqual(kinds("exports were formally allowed", "exports were formally banned"), [.meaning])
        XCTAssertEqual(kinds("the city has had to pay", "the city has yet to pay"), [.meaning])
        XCTAssertEqual(kinds("they didn't pay", "they did pay"), [.meaning])
        XCTAssertEqual(kinds("the council has approved the plan", "the council has backed the plan"), [.wording], "a synonym is wording")
        XCTAssertEqual(kinds("the firm declined and never commented on it", "the firm declined on it"), [.omission],
                       "a stretch left out that merely contains a negation is an omission, not a reversal")
        XCTAssertEqual(kinds("No, the council has approved it", "the council has approved it"), [.omission])
    }

    func testPunctuationInsideAQuotationIsItsOwnKind() {
        XCTAssertEqual(kinds("DeepSeek, Moonshot AI, and MiniMax ran them", "DeepSeek, Moonshot AI and MiniMax ran them"), [.punctuation])
        XCTAssertEqual(kinds("the ‘distillation attacks’ claim", "the 'distillation attacks' claim"), [], "typographic quotes fold")
        XCTAssertEqual(kinds("learn from you.", "learn from you,"), [], "a mark after the last word is where the quotation was cut")
        XCTAssertEqual(kinds("We have found it, today", "“We have found it, today"), [], "nor is a quotation mark at the first word")
    }

    func testAParaphraseIsComparedByContent() throws {
        let base = AnchoredQuote(source: "a", span: TextSpan(start: 0, end: 1), text: "Officials counted 1,200 trucks crossing in January", before: "", after: "")
        let paraphrase = AnchoredQuote(source: "b", span: TextSpan(start: 0, end: 1), text: "in January about 1,200 trucks went over", before: "The paper says ", after: "")
        let claim = Claim(id: "x", statement: "S", kind: .figure, speaker: "A", attribution: .reported, verdict: nil, reference: nil, appearances: [],
                          notes: nil, sumOf: [], path: "c.yaml", position: SourcePosition(line: 1, column: 1))
        let compared = ClaimResolver.compare(paraphrase, with: base, claim: claim, attributedTo: nil, note: nil, sources: [:])
        XCTAssertFalse(compared.isQuotation)
        XCTAssertEqual(compared.differences.map(\.kind), [.qualifier], "only what it claims is compared: the added hedge")
        XCTAssertFalse(compared.isIdentical, "a paraphrase is never 'the same words'")
        XCTAssertEqual(ContentComparison.hedges(in: "lifted some of the restrictions on some 2,000 chips"), ["some"],
                       "a hedge counts only before a figure")
        XCTAssertEqual(ContentComparison.hedges(in: "lifted some of the restrictions"), [])
        var quoted = paraphrase
        quoted.before = "The paper says “"
        XCTAssertTrue(ClaimResolver.compare(quoted, with: base, claim: claim, attributedTo: nil, note: nil, sources: [:]).isQuotation)
        XCTAssertTrue(ClaimResolver.isQuotation("It is safe,", after: "She said: “We shipped it. "), "the second sentence of a quotation is still quoted")
        XCTAssertFalse(ClaimResolver.isQuotation("It is safe", after: "She said “We shipped it.” Later "))
        XCTAssertFalse(ClaimResolver.isQuotation("sicher", after: "Er sagte „Es ist“ und "), "„…“ closes with “")
    }

    func testUntitledSourcesGetAnHonestLabel() {
        var source = Source(id: "001_x", path: "a", format: .scrapedText, metadata: SourceMetadata(), headline: nil,
                            text: SourceText(blocks: [TextBlock(.paragraph, runs: [TextRun("Anthropic has accused three Chinese labs of distillation.")],
                                                                position: SourcePosition(line: 1, column: 1))]))
        source.metadata.date = "2026-02-24"
        XCTAssertEqual(source.label, "Unnamed outlet, 24 Feb 2026: “Anthropic has accused three Chinese labs of distillation.”")
        source.metadata.publisher = "Benzinga"
        XCTAssertEqual(source.label, "Benzinga, 24 Feb 2026")
        XCTAssertEqual(source.displayTitle, "Benzinga, 24 Feb 2026")
    }
}
