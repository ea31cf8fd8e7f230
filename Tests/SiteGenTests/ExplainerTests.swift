import Synchronization
import XCTest
@testable import SiteGen

/// The real content, loaded and analysed once for the tests that read it.
enum RealSite {
    static let checked: (site: Site, warnings: [Diagnostic]) = {
        var pipeline = Pipeline(options: BuildOptions(content: Repo.content, templates: Repo.templates,
                                                      output: URL(fileURLWithPath: "/nonexistent")))
        let (site, _, warnings) = try! pipeline.check()
        return (site, warnings)
    }()
    static var site: Site { checked.site }

    static func source(_ prefix: String) -> Source {
        site.sources.first { $0.id.hasPrefix(prefix) }!
    }
}

final class ClaimLinkTests: XCTestCase {
    private func site(page: String, claims: String = "") throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("Content/site.yaml", minimalSiteYAML)
        try folder.write("Content/articles/post.md", """
        ---
        title: A post
        kind: primary
        date: 2025-01-02
        ---

        The council approved 12 new buses on Monday.
        """)
        try folder.write("Content/claims/c.yaml", claims.isEmpty ? """
        - id: new-buses
          statement: The council approved twelve new buses.
          kind: figure
          speaker: The council
          attribution: verified
          reference: {source: post, quote: "approved 12 new buses"}
        """ : claims)
        try folder.write("Content/pages/story.md", page)
        return folder
    }

    func testClaimLinksBecomeNumberedMarginNotes() throws {
        let folder = try site(page: "---\ntitle: Story\n---\n\nThe council [bought buses](claim:new-buses), and [more](claim:new-buses).\n")
        _ = try Pipeline.run(content: folder.url.appendingPathComponent("Content"), output: folder.url.appendingPathComponent("out"))
        let html = try folder.read("out/story/index.html")
        XCTAssertTrue(html.contains("<span class=\"cited\"><a href=\"../claims/new-buses/\">bought buses</a>"), html)
        XCTAssertTrue(html.contains("id=\"note-1\""))
        XCTAssertTrue(html.contains("id=\"note-1-2\""), "a second citation of the claim gets its own element, with the claim's number")
        XCTAssertTrue(html.contains("<span class=\"margin-note\" role=\"note\">"))
        XCTAssertTrue(html.contains("“approved 12 new buses”"), "the note quotes the reference wording")
        XCTAssertTrue(html.contains("Verified in the primary source"))
        XCTAssertFalse(html.contains("claim:"), "no claim: destination reaches the HTML")
    }

    func testUnknownClaimIsAnErrorAtTheLinkPosition() throws {
        let page = "---\ntitle: Story\n---\n\nFirst [one](claim:new-bus) and\n  a continued line with [two](claim:nothing-like-it).\n"
        let folder = try site(page: page)
        let output = folder.url.appendingPathComponent("out")
        let failures = Pipeline.failures(content: folder.url.appendingPathComponent("Content"), output: output)
        XCTAssertEqual(failures.count, 2, failures.joined(separator: "\n"))
        XCTAssertTrue(failures[0].hasSuffix("pages/story.md:5:7: error: unknown claim `new-bus`; did you mean `new-buses`?"), failures[0])
        // cmark counts a continuation line's columns without its indentation; the report does not.
        XCTAssertTrue(failures[1].hasSuffix("pages/story.md:6:25: error: unknown claim `nothing-like-it`"), failures[1])
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "a failed build writes nothing")
    }

    func testKeyClaimsOnTheHomePageMustExist() throws {
        let folder = try site(page: "---\ntitle: Story\n---\n\nText.\n")
        try folder.write("Content/pages/index.md", "---\ntitle: Home\nkey_claims:\n  - new-buses\n  - old-buses\n---\n\nSummary.\n")
        let failures = Pipeline.failures(content: folder.url.appendingPathComponent("Content"), output: folder.url.appendingPathComponent("out"))
        XCTAssertEqual(failures.count, 1)
        XCTAssertTrue(failures[0].hasSuffix("pages/index.md:5:5: error: unknown claim `old-buses`"), failures[0])
    }

    func testEveryExplainerClaimLinkResolves() throws {
        let site = RealSite.site
        XCTAssertGreaterThanOrEqual(site.pages.filter { !$0.isHome }.count, 6)
        let known = Set(site.claims.map(\.id))
        for page in site.pages where page.slug != site.config.correctionsPage {
            XCTAssertFalse(page.claimLinks.isEmpty, "\(page.slug) cites no claim")
            for link in page.claimLinks { XCTAssertTrue(known.contains(link.claimID), "\(page.path): \(link.claimID)") }
        }
    }
}

final class DateResolutionTests: XCTestCase {
    private func mentions(_ prefix: String) -> [DateMention] {
        RealSite.site.analysis.dateMentions[RealSite.source(prefix).id] ?? []
    }

    private func mention(_ expression: String, in prefix: String) throws -> DateMention {
        try XCTUnwrap(mentions(prefix).first { $0.expression == expression }, "no “\(expression)” in \(prefix)")
    }

    func testRelativeDatesInTheRealArticles() throws {
        // 003 is dated 24 February 2026, a Tuesday.
        let lastMonth = try mention("Last month", in: "003")
        XCTAssertEqual(lastMonth.date?.iso, "2026-01")
        XCTAssertNil(lastMonth.doubt)
        let june = try mention("June", in: "003")
        XCTAssertEqual(june.date?.iso, "2025-06")
        XCTAssertNotNil(june.doubt, "a month without a year is marked uncertain")
        let monday = try mention("Monday", in: "003")
        XCTAssertEqual(monday.date?.iso, "2026-02-23")
        XCTAssertNil(monday.doubt, "the day before a Tuesday article is not in doubt")
        XCTAssertEqual(try mention("July 2024", in: "003").date?.iso, "2024-07")

        // Benzinga is dated 23 February 2026, itself a Monday.
        XCTAssertEqual(try mention("Last year", in: "000").date?.iso, "2025")
        XCTAssertEqual(try mention("Earlier this month", in: "000").date?.iso, "2026-02")
        let onMonday = try mention("Monday", in: "000")
        XCTAssertEqual(onMonday.date?.iso, "2026-02-23")
        XCTAssertNotNil(onMonday.doubt, "“Monday” in an article dated a Monday could mean a week earlier")

        XCTAssertEqual(try mention("February 23, 2026", in: "001").date?.iso, "2026-02-23")
    }

    /// Dates written by hand in `<time datetime>` form agree with `String(format:)` on years of
    /// every width and sign, months and days.
    func testISODatesArePaddedAsFormatPadsThem() {
        for year in [-12_345, -999, -5, 0, 7, 42, 999, 2026, 12_345] {
            XCTAssertEqual(EventDate.padded(year, width: 4), String(format: "%04d", year))
            for month in [1, 9, 10, 12] {
                XCTAssertEqual(EventDate(year: year, month: month, day: nil).iso, String(format: "%04d-%02d", year, month))
                for day in [1, 9, 10, 31] {
                    XCTAssertEqual(EventDate(year: year, month: month, day: day).iso, String(format: "%04d-%02d-%02d", year, month, day))
                }
            }
            XCTAssertEqual(EventDate(year: year, month: nil, day: nil).iso, String(format: "%04d", year))
        }
    }

    /// The date finder's quick test of a word's first scalar agrees with `Character.isNumber`.
    func testAWordStartsWithANumberAsCharacterIsNumberSays() {
        for word in ["", "2026", "9am", "a1", "February", "½", "٣", "Ⅻ", "①", "é", "5\u{301}", "\u{301}5", "-3", "０", "x", "〇"] {
            XCTAssertEqual(DateFinder.startsWithNumber(word), word.first?.isNumber == true, word)
        }
    }

    func testTheBlogDatelineIsNotAnEvent() throws {
        let dateline = try mention("Feb 23, 2026", in: "anthropic-blog")
        XCTAssertTrue(dateline.isDateline)
        XCTAssertFalse(RealSite.site.analysis.timeline.contains { $0.mentions.contains(dateline) })
    }

    func testTimelineIsInOrderAndLinksClaims() {
        let timeline = RealSite.site.analysis.timeline
        XCTAssertEqual(timeline.map(\.date), timeline.map(\.date).sorted())
        let h200 = timeline.first { $0.claims.contains("h200-exports-allowed") }
        XCTAssertEqual(h200?.date.iso, "2026-01")
        XCTAssertTrue(timeline.contains { $0.publications.contains("anthropic-blog-2026-02-23") && $0.date.iso == "2026-02-23" })
    }

    func testRulesOnASyntheticArticle() {
        var metadata = SourceMetadata()
        metadata.date = "2025-03-05" // a Wednesday
        let text = "Yesterday the board met. Last week it voted. It may march on. In May, it sold. Last Wednesday it rested. In December it bought."
        let source = Source(id: "s", path: "s.txt", format: .scrapedText, metadata: metadata, headline: nil,
                            text: SourceText(blocks: [TextBlock(.paragraph, runs: [TextRun(text)], position: SourcePosition(line: 1, column: 1))]))
        let found = Dictionary(DateFinder(source: source).mentions().map { ($0.expression, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(found["Yesterday"]?.date?.iso, "2025-03-04")
        XCTAssertEqual(found["Last week"]?.date?.iso, "2025-02-24", "the Monday that starts the week before")
        XCTAssertNil(found["may"], "lower-case “may” and “march” are verbs")
        XCTAssertNil(found["march"])
        XCTAssertEqual(found["May"]?.date?.iso, "2024-05", "a later month without a year is last year's")
        XCTAssertEqual(found["Wednesday"]?.date?.iso, "2025-02-26", "“last Wednesday” in a Wednesday article is a week back")
        XCTAssertEqual(found["December"]?.date?.iso, "2024-12")

        var undated = source
        undated.metadata.date = nil
        let unresolved = DateFinder(source: undated).mentions().first { $0.expression == "Yesterday" }
        XCTAssertNil(unresolved?.date)
        XCTAssertNotNil(unresolved?.doubt)
    }

    /// A day named without a year is the nearest such day, before or after the article (found in a
    /// new-user trial: "on June 12" was left off the timeline).
    func testADayWithoutAYearIsTheNearestOne() {
        var metadata = SourceMetadata()
        metadata.date = "2026-04-08"
        let text = "The board will hear the appeal on June 12. It met on 30 March. A vote is expected on May 28, 2026. Fees rose from December 1. May 12 people attend?"
        let source = Source(id: "s", path: "s.txt", format: .scrapedText, metadata: metadata, headline: nil,
                            text: SourceText(blocks: [TextBlock(.paragraph, runs: [TextRun(text)], position: SourcePosition(line: 1, column: 1))]))
        let found = Dictionary(DateFinder(source: source).mentions().map { ($0.expression, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(found["June 12"]?.date?.iso, "2026-06-12", "ahead of the article, as a hearing to come")
        XCTAssertNil(found["June 12"]?.doubt, "two months away: no doubt about the year")
        XCTAssertEqual(found["30 March"]?.date?.iso, "2026-03-30")
        XCTAssertEqual(found["May 28, 2026"]?.date?.iso, "2026-05-28")
        XCTAssertEqual(found["December 1"]?.date?.iso, "2025-12-01")
        XCTAssertNotNil(found["December 1"]?.doubt, "four months away: the year is in doubt")
        XCTAssertNil(found["May 12"], "without a preposition before it, “May 12” is not read as a date")
        var short = source
        short.text = SourceText(blocks: [TextBlock(.paragraph, runs: [TextRun("The hearing is on June 31.")], position: SourcePosition(line: 1, column: 1))])
        let impossible = DateFinder(source: short).mentions().first { $0.expression == "June 31" }
        XCTAssertNil(impossible?.date, "June has no 31st: the day is not placed")
        XCTAssertNotNil(impossible?.doubt)
    }
}

final class EntityTests: XCTestCase {
    private func entity(_ id: String, _ aliases: [String]) -> Entity {
        Entity(id: id, name: aliases[0], kind: .organisation, description: nil, aliases: aliases, path: "e.yaml",
               position: SourcePosition(line: 1, column: 1))
    }

    func testAliasesMapSpellingsToOneEntityLongestFirst() {
        let finder = MentionFinder(entities: [entity("moonshot-ai", ["Moonshot AI", "Moonshot", "MoonShot AI"]), entity("x", ["X"])])
        let found = finder.mentions(in: "Moonshot AI, Moonshot, and MoonShot AI posted on X; x marks nothing.", source: "s")
        XCTAssertEqual(found.map(\.spelling), ["Moonshot AI", "Moonshot", "MoonShot AI", "X"])
        XCTAssertEqual(Set(found.map(\.entity)), ["moonshot-ai", "x"])
        XCTAssertTrue(found.allSatisfy(\.isKnownAlias))
    }

    func testASpellingOffOnlyInCapitalsIsFoundAndFlagged() {
        let finder = MentionFinder(entities: [entity("moonshot-ai", ["Moonshot AI", "Moonshot"])])
        let found = finder.mentions(in: "by DeepSeek, MoonShot AI and MiniMax", source: "s")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.spelling, "MoonShot AI")
        XCTAssertEqual(found.first?.isKnownAlias, false)
    }

    func testRealSourcesNameTheLabsIncludingMoonShot() {
        let site = RealSite.site
        let article = RealSite.source("002")
        let moonshot = (site.analysis.mentions[article.id] ?? []).filter { $0.entity == "moonshot-ai" }
        XCTAssertTrue(moonshot.contains { $0.spelling == "MoonShot AI" && $0.isKnownAlias })
        for lab in ["deepseek", "moonshot-ai", "minimax"] {
            XCTAssertTrue((site.analysis.mentions["anthropic-blog-2026-02-23"] ?? []).contains { $0.entity == lab }, lab)
        }
        XCTAssertTrue(RealSite.checked.warnings.isEmpty, RealSite.checked.warnings.map(\.description).joined(separator: "\n"))
    }

    func testAnUnknownAliasIsReportedWithItsPosition() throws {
        let folder = try TemporaryFolder()
        try folder.write("Content/site.yaml", minimalSiteYAML)
        try folder.write("Content/articles/a.txt", " date 2025-01-01 DeepSeek and MoonShot AI were named.\n")
        try folder.write("Content/entities.yaml", "- id: moonshot-ai\n  name: Moonshot AI\n  kind: organisation\n  aliases: [Moonshot]\n")
        let warnings = try Pipeline.run(content: folder.url.appendingPathComponent("Content"), output: folder.url.appendingPathComponent("out")).warnings
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].description.contains("articles/a.txt:1:31: warning: “MoonShot AI” looks like Moonshot AI"), warnings[0].description)
        XCTAssertTrue(try folder.read("out/entities/moonshot-ai/index.html").contains("MoonShot AI"))
    }

    func testAnAliasClaimedByTwoEntitiesIsAnError() throws {
        var loader = EntityLoader()
        _ = loader.load("- id: a\n  name: A\n  kind: person\n  aliases: [Al]\n- id: b\n  name: B\n  kind: person\n  aliases: [Al]\n", path: "entities.yaml")
        XCTAssertEqual(loader.diagnostics.map(\.description), ["entities.yaml:8:12: error: the spelling “Al” belongs to both `a` and `b`"])
    }
}

final class TextReuseTests: XCTestCase {
    func testAQuoteTwoFixturesShareIsFound() throws {
        let wire = try Repo.text("Tests/Fixtures/reuse/wire.txt"), paper = try Repo.text("Tests/Fixtures/reuse/paper.txt")
        let finder = TextReuseFinder(texts: [wire, paper])
        let passages = finder.passages(0, 1)
        XCTAssertEqual(passages.count, 1, "“the harbour authority said” and “in the spring” are too short to count")
        let passage = try XCTUnwrap(passages.first)
        XCTAssertEqual(passage.wordCount, 15)
        let scalars = Array(wire.unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(scalars[passage.first.start..<passage.first.end])),
                       "We expect the first crossings to carry passengers before the summer timetable begins in May")
        XCTAssertEqual(finder.allPairs().keys.map { [$0.first, $0.second] }, [[0, 1]])
    }

    /// Reuse and the cleaner compare words by hash without making their keys: the hashes must be
    /// those of the keys `WordToken.all` makes, capitals, digits and accents included.
    func testHashedWordsAreTheHashesOfTheirKeys() {
        let text = "Ünïcode ÉCOLE straße 24,000 Accounts; DeepSeek’s \"industrial-scale\" Σίσυφος x"
        let scalars = text.scalarArray
        let words = WordToken.all(in: scalars), hashed = WordToken.hashed(in: text)
        XCTAssertEqual(hashed.map(\.start), words.map(\.start))
        XCTAssertEqual(hashed.map(\.end), words.map(\.end))
        XCTAssertEqual(hashed.map(\.hash), words.map { WordToken.fnv($0.key) })
        XCTAssertEqual(WordToken.hashed(in: "Accounts")[0].hash, WordToken.hashed(in: "accounts")[0].hash)
        XCTAssertNotEqual(WordToken.hashed(in: "accounts")[0].hash, WordToken.hashed(in: "account")[0].hash)
    }

    /// Words hashed from a text's UTF-8 bytes are the words `WordToken.all` reads from its scalars:
    /// the same spans (in scalars), and the hashes of their keys, whatever the scripts, digits, marks
    /// and emoji around and inside them.
    func testWordsReadFromBytesAreTheWordsReadFromScalars() {
        let pieces = ["Ünïcode", "ÉCOLE", "straße", "24,000", "Accounts;", "DeepSeek’s", "\"industrial-scale\"", "Σίσυφος", "x", "٣٤٥",
                      "e\u{301}tude", "日本語の文", "👩‍💻", "🙂x", "İstanbul", "ﬁne", "Z", "9", "\u{00A0}", "\t", "—", "a_b", "\n\n", "ǅemal", "ⅫⅠ", "abc\u{0308}d"]
        var generator = SystemRandomNumberGenerator()
        var texts = ["", " ", "word", "Ünïcode ÉCOLE straße 24,000 Accounts; DeepSeek’s \"industrial-scale\" Σίσυφος x"]
        for _ in 0..<300 {
            let count = Int.random(in: 1...12, using: &generator)
            texts.append((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: ["", " ", "  ", "-"].randomElement(using: &generator)!))
        }
        for text in texts {
            let fromScalars = WordToken.all(in: text.scalarArray), fromBytes = WordToken.hashed(in: text)
            XCTAssertEqual(fromBytes.map(\.start), fromScalars.map(\.start), text)
            XCTAssertEqual(fromBytes.map(\.end), fromScalars.map(\.end), text)
            XCTAssertEqual(fromBytes.map(\.hash), fromScalars.map { WordToken.fnv($0.key) }, text)
        }
    }

    func testUnrelatedTextsShareNothing() {
        let finder = TextReuseFinder(texts: ["one two three four five six seven eight nine", "nine eight seven six five four three two one"])
        XCTAssertTrue(finder.allPairs().isEmpty)
    }

    /// The hashes are counted bucket by bucket on several cores; the counts must be those of one
    /// pass. Texts of common words (a Zipf-like draw from 40) share many runs, some in many texts.
    func testCountingOnSeveralCoresGivesTheSerialCounts() {
        var generator = SystemRandomNumberGenerator()
        let words = (0..<40).map { "w\($0)" }
        let phrase = (0..<12).map { _ in words[Int.random(in: 0..<5, using: &generator)] }.joined(separator: " ")
        let texts = (0..<60).map { index -> String in
            var text = (0..<300).map { _ in words[min(Int(1 / Double.random(in: 0.025...1, using: &generator)) - 1, 39)] }
            if index % 3 == 0 { text.insert(phrase, at: 150) }
            return text.joined(separator: " ")
        }
        let serial = TextReuseFinder(texts: texts, parallel: Parallel(jobs: 1)).sharedRuns()
        XCTAssertFalse(serial.isEmpty)
        XCTAssertEqual(TextReuseFinder(texts: texts, parallel: Parallel(jobs: 4)).sharedRuns(), serial)
        // The pairs alone: the same pairs, in order.
        let pairs = TextReuseFinder(texts: texts, parallel: Parallel(jobs: 4)).sharingPairs()
        XCTAssertEqual(pairs, serial.keys.sorted { ($0.first, $0.second) < ($1.first, $1.second) })
        // A corpus indexed in several passes (four here, the most), each keeping a share of
        // the buckets, finds the same counts and pairs.
        let inPasses = TextReuseFinder(texts: texts, parallel: Parallel(jobs: 2), entriesPerPass: 1_000)
        XCTAssertEqual(inPasses.sharedRuns(), serial)
        var streamed: [TextReuseFinder.Pair] = []
        inPasses.forEachSharingPairCode { streamed.append(TextReuseFinder.pair($0)) }
        XCTAssertEqual(streamed, pairs)

        // Runs kept from an earlier build (through their cache form) are the runs made now, and the
        // finder uses them: a text whose kept runs are empty shares nothing.
        let kept = Mutex([Int: [UInt64]]())
        let keeping = TextReuseFinder(texts: texts, parallel: Parallel(jobs: 2), entriesPerPass: 1_000, keptRuns: { index, make in
            var coded = BinaryWriter()
            RunHashes(make()).encode(to: &coded)
            var reader = BinaryReader(coded.bytes)
            let runs = (try? RunHashes(from: &reader))?.hashes ?? []
            kept.withLock { $0[index] = runs }
            return runs
        })
        XCTAssertEqual(keeping.sharedRuns(), serial)
        XCTAssertEqual(kept.withLock { $0.count }, texts.count)
        let forgetting = TextReuseFinder(texts: texts, parallel: Parallel(jobs: 2), keptRuns: { index, make in index == 0 ? [] : make() })
        XCTAssertTrue(serial.keys.contains { $0.first == 0 })
        XCTAssertFalse(forgetting.sharedRuns().keys.contains { $0.first == 0 })
    }

    /// The index's radix sort puts a bucket's runs in the order a comparison of (run, text) would:
    /// runs that differ only in their low bits, in one 11-bit digit, or not at all, in one bucket
    /// (same top bits), with each run's texts coming in increasing order as the index adds them.
    func testTheIndexSortOrdersRunsAsAComparisonSortWould() {
        typealias Entry = TextReuseFinder.RunEntry
        var generator = SplitMix(seed: 11)
        for size in [0, 1, 2, 7, 300, 5_000] {
            let top: UInt64 = 0b101101 << 58
            let pool = (0..<max(1, size / 4)).map { _ -> UInt64 in
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: return top | UInt64.random(in: 0...0xFF, using: &generator)
                case 1: return top | UInt64.random(in: 0...3, using: &generator) << 33
                case 2: return top | 1 << 44 | UInt64.random(in: 0..<(1 << 11), using: &generator) << 22
                default: return top | UInt64.random(in: 0..<(1 << 58), using: &generator)
                }
            }
            var entries: [Entry] = []
            for text in 0..<max(1, size / 3) {
                for _ in 0..<Int.random(in: 0...6, using: &generator) where entries.count < size {
                    entries.append(Entry(hash: pool.randomElement(using: &generator)!, text: text))
                }
            }
            let expected = entries.sorted { ($0.high, $0.low, $0.text) < ($1.high, $1.low, $1.text) }
            TextReuseFinder.sortByRun(&entries)
            XCTAssertEqual(entries.map(\.hash), expected.map(\.hash), "size \(size)")
            XCTAssertEqual(entries.map(\.text), expected.map(\.text), "size \(size)")
        }
    }

    /// The buckets' pair lists (each sorted, without repeats) merge into one sorted list without repeats.
    func testMergingSortedListsKeepsEachValueOnce() {
        XCTAssertEqual(TextReuseFinder.mergeUnique([]), [])
        XCTAssertEqual(TextReuseFinder.mergeUnique([[], []]), [])
        XCTAssertEqual(TextReuseFinder.mergeUnique([[3, 9]]), [3, 9])
        XCTAssertEqual(TextReuseFinder.mergeUnique([[1, 4, 9], [], [4, 5], [0, 9, UInt64.max], [1]]), [0, 1, 4, 5, 9, UInt64.max])
        var generator = SplitMix(seed: 3)
        let lists = (0..<17).map { _ in Array(Set((0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt64.random(in: 0...60, using: &generator) })).sorted() }
        XCTAssertEqual(TextReuseFinder.mergeUnique(lists), Array(Set(lists.flatMap { $0 })).sorted())
    }

    func testTheMuskPostIsFoundInTheArticlesThatCopiedIt() throws {
        let site = RealSite.site
        let pair = try XCTUnwrap(site.analysis.pairs.first { $0.first == "000_5999f76328f70683" && $0.second == "001_96e0cee32f80b94d" })
        XCTAssertTrue(pair.reused.contains { $0.wordCount >= 25 })
        XCTAssertTrue(pair.sharedClaims.contains("musk-post"))
    }
}
