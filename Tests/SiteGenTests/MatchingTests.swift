import XCTest
@testable import SiteGen

final class CandidateExtractionTests: XCTestCase {
    private func candidates(_ prefix: String) -> [Candidate] {
        CandidateExtractor(mentions: MentionFinder(entities: RealSite.site.entities)).candidates(in: RealSite.source(prefix))
    }

    func testFiguresComeWithTheirHedgeScaleAndUnit() throws {
        let fake = try XCTUnwrap(candidates("003").first { $0.text == "around 24,000 fake accounts" })
        XCTAssertEqual(fake.figure?.value, 24_000)
        XCTAssertEqual(fake.qualifier, "around")
        XCTAssertEqual(fake.unit, "account")
        let exchanges = try XCTUnwrap(candidates("003").first { $0.figure?.value == 16_000_000 })
        XCTAssertEqual(exchanges.text, "more than 16 million exchanges")
        XCTAssertEqual(exchanges.qualifier, "more than")
        XCTAssertEqual(exchanges.unit, "exchange")
        let settlement = try XCTUnwrap(candidates("000").first { $0.figure?.value == 1.5e9 })
        XCTAssertEqual(settlement.text, "$1.5 billion settlement")
        XCTAssertEqual(settlement.figure?.currency, "$")
        XCTAssertFalse(candidates("003").contains { $0.text.contains("H200") }, "a chip's name is not a figure")
    }

    func testQuotationsComeWithTheirSpeakers() throws {
        let quotes = candidates("003").filter { $0.kind == .quotation }
        let green = try XCTUnwrap(quotes.first { $0.text.hasPrefix("You trained on the open internet") })
        XCTAssertEqual(green.speaker, "tory-green")
        let growing = try XCTUnwrap(quotes.first { $0.text.hasPrefix("These campaigns are growing") })
        XCTAssertEqual(growing.speaker, "anthropic")
        XCTAssertFalse(quotes.contains { $0.text == "industrial-scale campaigns" }, "a two-word phrase is not a quotation")
        let post = try XCTUnwrap(candidates("001").first { $0.kind == .quotation && $0.text.hasPrefix("Anthropic is guilty") })
        XCTAssertEqual(post.speaker, "Elon Musk")
        XCTAssertTrue(post.text.hasSuffix("https://t.co/EEtdsJQ1Op"), "the embedded post without its signature")
    }
}

final class ClaimMatchingTests: XCTestCase {
    private func source(_ text: String, id: String = "new") -> Source {
        var metadata = SourceMetadata()
        metadata.date = "2026-02-27"
        let blocks = text.components(separatedBy: "\n\n").enumerated().map {
            TextBlock(.paragraph, runs: [TextRun($1)], position: SourcePosition(line: $0 * 2 + 1, column: 1))
        }
        return Source(id: id, path: "\(id).txt", format: .scrapedText, metadata: metadata, headline: nil, text: SourceText(blocks: blocks))
    }

    private func matches(_ text: String) -> [AutoMatch] {
        let new = source(text)
        return ClaimMatcher(claims: RealSite.site.claims, entities: RealSite.site.entities, sources: RealSite.site.sources + [new]).match(new).matches
    }

    func testFiguresMatchAcrossHedgesAndUnitNames() throws {
        // "fake profiles" is no wording of the claim, so the figure, its hedge and its unit find it.
        let found = matches("The three labs used nearly 24,000 fake profiles, the company said.\n\nThey ran more than 16 million interactions with Claude.")
        let accounts = try XCTUnwrap(found.first { $0.claim == "fraudulent-accounts" })
        XCTAssertEqual(accounts.method, .figure)
        XCTAssertTrue(found.contains { $0.claim == "exchanges-total" }, "interactions count as exchanges")

        var site = RealSite.site
        site.sources.append(source("The three labs used nearly 24,000 fake accounts, the company said.", id: "new"))
        site.review = []
        AutoMatching(site: site).apply(to: &site)
        let appearance = try XCTUnwrap(site.claims.first { $0.id == "fraudulent-accounts" }?.appearances.first { $0.quote.source == "new" })
        XCTAssertEqual(appearance.match, .auto)
        XCTAssertTrue(appearance.differences.contains { $0.kind == .qualifier && $0.reference == "approximately" && $0.found == "nearly" })
    }

    func testAFigureWithAnotherUnitOrValueDoesNotMatch() {
        let found = matches("The company has about 24,000 employees.\n\nThe labs used about 25,000 fraudulent accounts.")
        XCTAssertFalse(found.contains { $0.claim == "fraudulent-accounts" && $0.method == .figure }, found.map(\.claim).joined(separator: ", "))
    }

    func testAMisquoteStillMatchesAndShowsItsDifferences() throws {
        let text = "Musk wrote: \"Anthropic is guilty of steeling training data at massive scale and had to pay multi-billion dollar settlements for their theft.\""
        let match = try XCTUnwrap(matches(text).first { $0.claim == "musk-post" })
        XCTAssertEqual(match.method, .wording)
        XCTAssertGreaterThanOrEqual(match.score, ClaimMatcher.Thresholds().wording)
        let claim = try XCTUnwrap(RealSite.site.claims.first { $0.id == "musk-post" })
        let scalars = Array(text.unicodeScalars)
        let found = String(String.UnicodeScalarView(scalars[match.span.start..<match.span.end]))
        let diff = WordDiff(reference: try XCTUnwrap(claim.reference?.text), found: found)
        XCTAssertTrue(diff.differences.contains { $0.kind == .spelling && $0.found == "steeling" }, "\(diff.differences)")
        // The settlements claim lies inside the post: where the post is quoted with those words, so is it.
        let nested = try XCTUnwrap(matches(text).first { $0.claim == "musk-multibillion-settlements" })
        XCTAssertTrue(String(String.UnicodeScalarView(scalars[nested.span.start..<nested.span.end])).hasSuffix("had to pay multi-billion dollar settlements"))
    }

    func testLeaveOneOutFloor() {
        let evaluation = MatchingEvaluation(site: RealSite.site)
        XCTAssertEqual(evaluation.rows.count, 4)
        // docs/matching.md reports 0.96 and 0.91; the floor leaves no room for a silent regression.
        XCTAssertGreaterThanOrEqual(evaluation.precision, 0.95, evaluation.report)
        XCTAssertGreaterThanOrEqual(evaluation.recall, 0.9, evaluation.report)
    }

    func testCuratedAppearancesWinOverAutomaticOnes() {
        // Every source is matched, but never for a claim a curator listed there, and never over a curated passage.
        for claim in RealSite.site.claims {
            let curated = Set([claim.reference?.source].compactMap { $0 } + claim.appearances.filter { $0.match == .curated }.map(\.quote.source))
            for appearance in claim.appearances where appearance.match == .auto {
                XCTAssertFalse(curated.contains(appearance.quote.source), "\(claim.id) is curated in \(appearance.quote.source)")
            }
        }
        let passages = AutoMatching.curatedPassages(RealSite.site.claims)
        for claim in RealSite.site.claims {
            for appearance in claim.appearances where appearance.match == .auto {
                let span = appearance.quote.span
                let taken = (passages[appearance.quote.source] ?? []).filter { passage in
                    let overlap = min(passage.span.end, span.end) - max(passage.span.start, span.start)
                    return overlap > 0 && overlap * 2 >= min(passage.span.end - passage.span.start, span.end - span.start)
                }
                XCTAssertTrue(taken.isEmpty, "\(claim.id) in \(appearance.quote.source) takes a passage curated for \(taken.map(\.claim))")
            }
        }
        XCTAssertTrue(RealSite.site.review.isEmpty, "every real source is cited, so nothing is queued")
    }

    func testARejectionKeepsAClaimOutOfASource() {
        // Content/claims/context.yaml rules 002's definition of distillation out of `distillation-legitimate`.
        let claim = RealSite.site.claims.first { $0.id == "distillation-legitimate" }
        XCTAssertEqual(claim?.claim.notIn.map(\.id), ["002_36c4c7a2c829c462"])
        XCTAssertFalse(claim?.appearances.contains { $0.quote.source == "002_36c4c7a2c829c462" } ?? true)
    }
}

/// A new article dropped into a copy of the real content, with nothing else changed.
final class NewArticleTests: XCTestCase {
    func testANewArticleIsMatchedShownAndQueued() throws {
        let folder = try TemporaryFolder()
        try folder.copy(Repo.content, to: "Content")
        let fixture = Repo.fixtures.appendingPathComponent("new-article/900_fixture_rereport.txt")
        try folder.copy(fixture, to: "Content/articles/900_fixture_rereport.txt")
        try folder.write("Content/site.yaml", try folder.read("Content/site.yaml") + "publish_review: true\n")
        let before = folder.snapshot("Content")
        let warnings = try Pipeline.run(content: folder.url.appendingPathComponent("Content"), output: folder.url.appendingPathComponent("public")).warnings
        XCTAssertEqual(folder.snapshot("Content"), before, "the build changes no content file")

        let json = try JSONSerialization.jsonObject(with: Data(try folder.read("public/claims.json").utf8)) as! [String: Any]
        let claims = json["claims"] as! [[String: Any]]
        let auto = claims.flatMap { claim in
            (claim["appearances"] as! [[String: Any]]).filter { $0["source"] as? String == "900_fixture_rereport" }.map { (claim["id"] as! String, $0) }
        }
        XCTAssertTrue(auto.allSatisfy { $0.1["match"] as? String == "auto" })
        let ids = Set(auto.map(\.0))
        XCTAssertTrue(ids.isSuperset(of: ["fraudulent-accounts", "exchanges-total", "minimax-exchanges", "musk-post"]), "\(ids)")
        let accounts = try XCTUnwrap(auto.first { $0.0 == "fraudulent-accounts" }?.1)
        let differences = accounts["differences"] as! [[String: Any]]
        XCTAssertTrue(differences.contains { $0["kind"] as? String == "qualifier" && $0["found"] as? String == "close to" }, "\(differences)")
        let musk = try XCTUnwrap(auto.first { $0.0 == "musk-post" }?.1)
        XCTAssertTrue((musk["differences"] as! [[String: Any]]).contains { $0["kind"] as? String == "wording" && $0["found"] as? String == "its" })

        let review = json["review"] as! [[String: Any]]
        XCTAssertEqual(review.map { $0["text"] as! String }.sorted(),
                       ["Every frontier lab now has to treat its API as an attack surface.", "more than 30 partners"])
        XCTAssertEqual(warnings.filter { $0.message.hasPrefix("review:") }.count, 2)
        XCTAssertTrue(warnings.contains { $0.description.contains("articles/900_fixture_rereport.txt:11:58: warning: review: unmatched figure") })

        XCTAssertTrue(try folder.read("public/articles/900_fixture_rereport/index.html").contains("id=\"q-fraudulent-accounts\""))
        XCTAssertTrue(try folder.read("public/coverage/index.html").contains("matched automatically"))
        XCTAssertTrue(try folder.read("public/review/index.html").contains("more than 30 partners"))
    }
}

/// The quick word tests that matching asks of every word agree with the slow ones they stand for.
final class WordClassTests: XCTestCase {
    func testIsNumberAgreesWithDoubleOnEveryWordOfTheRealArticles() {
        var keys = Set(["24", "1e5", "nan", "inf", "infinity", "snan", "e5", "0x1p3", "2.5", "in", "is", "s", "n", "i", "x", "é", "ñu"])
        for source in RealSite.site.sources { keys.formUnion(ClaimMatcher.keys(source.text.string)) }
        XCTAssertGreaterThan(keys.count, 1000)
        for key in keys { XCTAssertEqual(ClaimMatcher.isNumber(key), Double(key) != nil, key) }
    }

    /// Texts with scalars of one to four UTF-8 bytes, and every real article.
    private var texts: [String] {
        ["", "a", "é", "€uro", "𝄞 clef", "mixed ‘quotes’ — and 😀 emoji\n\tline", "e\u{301} combining", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
         "a \u{301}b", "\u{600} x", "tab\tand\r\nCRLF", "no\u{00A0}break \u{2003}em"]
            + RealSite.site.sources.map(\.text.string)
    }

    func testScalarArrayIsTheStringsScalars() {
        for text in texts { XCTAssertEqual(text.scalarArray, Array(text.unicodeScalars), text) }
    }

    func testSharingWordPairsCountsAsTheIntersectionOfPairSetsDoes() {
        var generator = SplitMix(seed: 7)
        let words = ["a", "b", "c", "d"]
        for _ in 0..<2000 {
            let keys = (0..<Int(generator.next() % 6)).map { _ in words[Int(generator.next() % 4)] }
            let pairs = ClaimMatcher.wordPairs((0..<Int(generator.next() % 6)).map { _ in words[Int(generator.next() % 4)] })
            for least in 0...3 {
                XCTAssertEqual(ClaimMatcher.sharesPairs(keys, with: pairs, atLeast: least),
                               ClaimMatcher.wordPairs(keys).intersection(pairs).count >= least, "\(keys) \(pairs) \(least)")
            }
        }
    }

    func testWordDiffSplitsAndKeysWordsAsCharactersWould() {
        var words = Set(["`", "--", "a`b", "''", "“quoted”", "don’t", "1,000", "H200", "é", "—", "x—y"])
        for text in texts {
            let byCharacter = text.split { $0.isWhitespace }.map(String.init)
            XCTAssertEqual(WordDiff.tokens(text), byCharacter, String(text.prefix(40)))
            words.formUnion(byCharacter)
        }
        XCTAssertGreaterThan(words.count, 1000)
        for word in words { XCTAssertEqual(WordDiff.key(word), WordDiff.foldedKey(word), word) }
    }
}

/// The match step's cache (`ClaimMatcher.match`): a source is searched again only when its text,
/// or a claim its sentences point to, changed, and what comes back is what a search from scratch finds.
final class MatchCacheTests: XCTestCase {
    /// The corpus's sources and claims, resolved and then matched, with `cache`.
    private func matched(_ content: URL, cache: StepCache) throws -> Site {
        var loader = ContentLoader(contentDirectory: content, displayRoot: "Content")
        var site = try XCTUnwrap(loader.load())
        var resolver = ClaimResolver(sources: site.sources)
        site.claims = resolver.resolve(site.claimModel)
        AutoMatching(site: site, cache: cache).apply(to: &site)
        return site
    }

    /// Every appearance and review item, in words, for comparing two runs.
    private func described(_ site: Site) -> [String] {
        site.claims.flatMap { claim in
            claim.appearances.map { "\(claim.id) \($0.quote.source) \($0.quote.span) \($0.match) \($0.score) \($0.differences)" }
        } + site.review.map { "\($0.source) \($0.span) \($0.reason)" }
    }

    func testACachedMatchIsWhatASearchFromScratchFinds() throws {
        let folder = try TemporaryFolder()
        let corpus = folder.url.appendingPathComponent("corpus")
        try Corpus.generate(into: corpus, articles: 120, claims: 30)
        let content = corpus.appendingPathComponent("Content"), caches = folder.url.appendingPathComponent("cache")
        let first = StepCache(folder: caches, step: "match")
        let cold = try matched(content, cache: first)
        first.save()
        XCTAssertGreaterThan(cold.claims.flatMap(\.appearances).filter { $0.match == .auto }.count, 20, "the corpus has automatic matches to keep")

        // One article gains a sentence: every term's weight moves a little, yet the other sources are not searched again.
        let article = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: content.appendingPathComponent("articles").path)
            .filter { $0.hasSuffix(".txt") }.sorted().first)
        let articlePath = content.appendingPathComponent("articles/\(article)")
        try (try String(contentsOf: articlePath, encoding: .utf8) + "\nA sentence added for the test.\n").write(to: articlePath, atomically: true, encoding: .utf8)
        let second = StepCache(folder: caches, step: "match")
        let afterArticle = try matched(content, cache: second)
        XCTAssertEqual(described(afterArticle), described(try matched(content, cache: .none)))
        // Three records a source: its sentences' claim terms, its candidates, and the search around its sentences.
        let records = 3 * cold.sources.count
        XCTAssertGreaterThanOrEqual(second.reusedCount, records * 9 / 10)
        XCTAssertLessThanOrEqual(second.reusedCount, records - 3, "the edited article is read and searched again")
        second.save()

        // One claim's statement reworded: every source's terms are read again (they are numbered from the
        // claims' words), no candidate is, and only the sources whose sentences point to the claim are searched again.
        let claimsFile = content.appendingPathComponent("claims/claims-000.yaml")
        let claims = try String(contentsOf: claimsFile, encoding: .utf8)
        let statement = try XCTUnwrap(claims.range(of: "statement: \""))
        try claims.replacingCharacters(in: statement, with: "statement: \"Reworded for the test: ").write(to: claimsFile, atomically: true, encoding: .utf8)
        let third = StepCache(folder: caches, step: "match")
        let afterClaim = try matched(content, cache: third)
        XCTAssertEqual(described(afterClaim), described(try matched(content, cache: .none)))
        XCTAssertGreaterThanOrEqual(third.reusedCount, cold.sources.count * 3 / 2)
        XCTAssertLessThan(third.reusedCount, 2 * cold.sources.count)
    }
}
