import XCTest
@testable import SiteGen

final class ScrapeCleanerTests: XCTestCase {
    private func clean(_ id: String) throws -> ScrapeCleaner.Result {
        ScrapeCleaner().clean(try Repo.text("Content/articles/\(id).txt"))
    }

    private let debris = ["Advertisement", "info_icon", "Published At:", "×", "Summary of this article",
                          "Get the latest issue", "Start-up Outperformers", "amazon"]

    func testSeedsAreCopiedByteForByte() throws {
        let seeds = Repo.root.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: seeds.path) else {
            throw XCTSkip("../shared/seeds is not beside this checkout")
        }
        XCTAssertEqual(names.count, 4)
        for name in names {
            XCTAssertEqual(FileManager.default.contents(atPath: seeds.appendingPathComponent(name).path),
                           FileManager.default.contents(atPath: Repo.content.appendingPathComponent("articles/\(name)").path), name)
        }
    }

    /// The scalar readers agree with the Character and Foundation ones they replaced, on every real
    /// article and on texts with CRLF, lone CRs, other newlines, wide spaces and closing quotes.
    func testLinesTrimmingAndSentencesReadAsCharactersWould() throws {
        var texts = ["", "\n", "a\r\nb\rc\u{2028}d\u{85}e\u{0B}f\u{0C}g\n\n", "\u{3000} \tindented\u{00A0} \t",
                     "He said “Stop.” Then left! Why? Because. “Quoted?” ok", "x. ", ". . .", "   ", "\u{200B}", "Advertisement\u{200B}",
                     "\u{200B}text\u{2009}", "Hi. \u{301}Next", "\t a b \t", " \u{00A0}x\t", "x \u{200B} ", "\t \t", " é ", "\ta\u{3000}", "x\u{600}. y", "Ends. \u{200D}joined",
                     "One two three four five six seven eight. Nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen.",
                     "Él dijo: «uno dos tres cuatro cinco seis siete ocho». Después nueve diez once doce trece catorce quince dieciséis."]
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.content.appendingPathComponent("articles").path)
        where name.hasSuffix(".txt") {
            texts.append(try Repo.text("Content/articles/\(name)"))
        }
        XCTAssertGreaterThan(texts.count, 10)
        for text in texts {
            let byCharacter = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
            XCTAssertEqual(ScrapeCleaner.lines(text), byCharacter, String(text.prefix(40)))
            for line in byCharacter {
                XCTAssertEqual(ScrapeCleaner.trimmed(line), line.trimmingCharacters(in: .whitespaces), line)
                XCTAssertEqual(ScrapeCleaner.sentences(line), ScrapeCleaner.sentencesByCharacter(line), line)
                // The repeated-summary check splits a line into sentences only when the line's own
                // eight-word runs meet later ones: every run of a sentence must be a run of its line.
                let runs = ScrapeCleaner.shingles(line)
                for sentence in ScrapeCleaner.sentences(line) + ScrapeCleaner.sentencesByCharacter(line) {
                    XCTAssertTrue(ScrapeCleaner.shingles(sentence).isSubset(of: runs), sentence)
                }
            }
        }
    }

    /// The scanners of `LinePatterns` against the regular expressions they replaced, kept here only
    /// as the reference: on every line of the real articles and on lines made to sit at each edge.
    func testLineScannersAgreeWithTheRegularExpressionsTheyReplaced() throws {
        let date = try NSRegularExpression(pattern: #"^ date (\d{4}-\d{2}-\d{2}) ?"#)
        let bullet = try NSRegularExpression(pattern: #"^[•·▪●◦‣]\s*"#)
        let promo = try NSRegularExpression(
            pattern: #"^(get the latest issue of|subscribe (to|now)|sign up (for|to|now)|click here|download (the|our) .*app|follow us on|join our|read the latest issue)"#,
            options: [.caseInsensitive])
        let embed = try NSRegularExpression(pattern: #"\s[—–]\s[^—–]+\(@\w{1,30}\)\s+[A-Z][a-z]+ \d{1,2}, \d{4}$"#)
        var lines = [" date 2026-02-23 On Monday", " date 2026-02-23", " date 2026-02-23  two", " date 2026-2-23 x", "date 2026-02-23",
                     " date ٢٠٢٦-٠٢-٢٣ x", " date 2026-02-2", "• item", "•\t item", "· x", "‣", "•\u{00A0}\u{2003}x", "- item", " • item",
                     "Get the latest issue of Outlook", "SUBSCRIBE NOW", "Sign up to our newsletter", "Sign Up For", "click here",
                     "clic\u{212A} here", "\u{017F}ubscribe to", "Download the Outlook app", "Download our free APP today",
                     "Download the magazine", "Download the", "follow us on X", "Join our channel", "Read the latest issue", "subscribe",
                     "the subscribe to", "Text — Elon Musk (@elonmusk) February 23, 2026", "Text – Name (@a_b) Feb 3, 2026",
                     "— Name (@x) Feb 3, 2026", "Text —Name (@x) Feb 3, 2026", "Text — Name (@x)  Feb 23, 2026",
                     "Text — Name (@x) feb 23, 2026", "Text — Na—me (@x) Feb 23, 2026", "Text — (@x) Feb 23, 2026",
                     "Text — Name (@abcdefghijklmnopqrstuvwxyz1234) Feb 23, 2026", "Text — Name (@abcdefghijklmnopqrstuvwxyz12345) Feb 23, 2026",
                     "Text — Name (@x) Feb 123, 2026", "Text — Name (@x) Feb 23, 20260", "Text — Name (@x) Feb 23, 2026 ",
                     "Text — Name (@x)\u{2003}Feb 23, 2026", "Text\u{00A0}—\u{00A0}Name (@x) FEb 23, 2026", "Text — Name (@x) Feb 23, ٢٠٢٦",
                     "Text\u{00A0}—\t Name (@x) Feb 23, 2026", "Text — Name (@e\u{301}x) Feb 23, 2026", "Text — Name (@a\u{200D}b) Feb 23, 2026",
                     "Text — Name (@x_1) Feb 23, 2026", "Text — Name (@٣) Feb 23, 2026", "Text — Name (@a.b) Feb 23, 2026",
                     "Text — Name (@a-b) Feb 23, 2026", "Text — Name (@x) Feb ٢٣, 2026", "Text — Name (@x) Éb 3, 2026",
                     "Text — A (@b) c (@x) Feb 23, 2026", "Text — A – B (@x) Feb 23, 2026", "Text — Name (@x)\u{0B}Feb 23, 2026",
                     " date 𝟐𝟎𝟐𝟔-𝟎𝟐-𝟐𝟑", " date 2026-02-23\u{A0}x", " date 2026-02-23\u{301}", "Download the app", "Download theapp",
                     "download the\u{A0}app", "Subscribe  to", "•\u{200B}x", "• \u{85}x", "Sign up", "sign up fo", "DOWNLOAD OUR new APP", "Download our ap"]
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.content.appendingPathComponent("articles").path)
        where name.hasSuffix(".txt") {
            lines += ScrapeCleaner.lines(try Repo.text("Content/articles/\(name)")).map(ScrapeCleaner.trimmed)
        }
        func match(_ regex: NSRegularExpression, _ line: String) -> NSTextCheckingResult? {
            regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line))
        }
        var embeds = 0
        for line in lines {
            let scalars = Array(line.unicodeScalars)
            // Cut by UTF-16 ranges, which may end inside a Character ("3" and a combining accent).
            let text = line as NSString
            let expectedDate = match(date, line).map { found in
                (text.substring(with: found.range(at: 1)), text.substring(with: found.range).unicodeScalars.count)
            }
            let foundDate = LinePatterns.datePrefix(scalars)
            XCTAssertEqual(foundDate?.date, expectedDate?.0, line)
            XCTAssertEqual(foundDate?.length, expectedDate?.1, line)
            XCTAssertEqual(LinePatterns.bulletPrefix(scalars), match(bullet, line).map { text.substring(with: $0.range).unicodeScalars.count }, line)
            XCTAssertEqual(LinePatterns.isPromotion(scalars), match(promo, line) != nil, line)
            XCTAssertEqual(LinePatterns.isPromotion(line.unicodeScalars), match(promo, line) != nil, "read from the string: \(line)")
            XCTAssertEqual(LinePatterns.hasEmbedSignature(scalars), match(embed, line) != nil, line)
            if match(embed, line) != nil { embeds += 1 }
        }
        XCTAssertGreaterThan(embeds, 3, "the edge cases include signatures that match")
    }

    func testALongLineThatOpensWithAFixedWordIsKept() {
        let result = ScrapeCleaner().clean("Advertisement spending by the labs rose sharply in the second half of the year, the filing shows.\nAdvertisement\n")
        XCTAssertEqual(result.blocks.map(\.text), ["Advertisement spending by the labs rose sharply in the second half of the year, the filing shows."])
        XCTAssertEqual(result.dropped.map(\.reason), ["page furniture"])
    }

    func testDatePrefixGivesTheDateAndIsNotText() throws {
        let result = try clean("000_5999f76328f70683")
        XCTAssertEqual(result.date, "2026-02-23")
        XCTAssertNil(result.title, "this article starts with its first sentence; it has no headline")
        XCTAssertEqual(result.blocks.first?.text.hasPrefix("On Monday, xAI CEO Elon Musk escalated"), true)
        XCTAssertEqual(result.blocks.first?.position, SourcePosition(line: 1, column: 18))
    }

    /// A headline on the date line is the title when text follows it (found in a new-user trial:
    /// it became a heading, and the label ran it into the first paragraph).
    func testAHeadlineAfterTheDatePrefixIsTheTitle() {
        let result = ScrapeCleaner().clean(" date 2026-04-08 Hawthorne parents file appeal\n\nParents at Hawthorne Elementary filed a formal appeal on Monday.\n")
        XCTAssertEqual(result.date, "2026-04-08")
        XCTAssertEqual(result.title, "Hawthorne parents file appeal")
        XCTAssertEqual(result.blocks.map(\.text), ["Parents at Hawthorne Elementary filed a formal appeal on Monday."])
        let alone = ScrapeCleaner().clean(" date 2026-04-08 Parents file appeal\n")
        XCTAssertNil(alone.title, "a date line with nothing after it is the text, not a headline over nothing")
        let source = Source(id: "x", path: "x.txt", format: .scrapedText, metadata: SourceMetadata(), headline: nil,
                            text: SourceText(blocks: [TextBlock(.heading(level: 3), runs: [TextRun("A heading")], position: SourcePosition(line: 1, column: 1)),
                                                      TextBlock(.paragraph, runs: [TextRun("The first paragraph.")], position: SourcePosition(line: 3, column: 1))]))
        XCTAssertEqual(source.label, "Unnamed outlet, undated: “A heading”", "a label quotes the first paragraph only")
    }

    func testSubheadingsBecomeHeadings() throws {
        let result = try clean("000_5999f76328f70683")
        let headings = result.blocks.filter { if case .heading = $0.kind { return true } else { return false } }.map(\.text)
        XCTAssertEqual(headings, ["Anthropic Alleges ‘Industrial-Scale' AI Distillation",
                                  "Musk Fires Back Over Copyright And Training Data",
                                  "Pentagon Turns To xAI As Claude Faces Scrutiny: Report"])
        XCTAssertEqual(result.blocks.count, 16)
    }

    func testOutlookArticleLosesEveryKindOfDebrisButKeepsItsText() throws {
        let result = try clean("002_36c4c7a2c829c462")
        XCTAssertNil(result.date)
        XCTAssertEqual(result.title, "Anthropic Vs Musk: AI Rivalry Escalates over Data Ethics and Model Theft")
        let text = result.blocks.map(\.text).joined(separator: "\n")
        for line in debris { XCTAssertFalse(text.contains(line), "debris left in the text: \(line)") }
        XCTAssertFalse(text.contains("SpaceX CEO Elon Musk and Anthropic CEO Dario Amodei"), "image caption")
        XCTAssertFalse(text.contains("• "), "summary bullets")
        // The standfirst is repeated by the body, so only the body's copy stays.
        XCTAssertEqual(text.components(separatedBy: "In a post on X that referenced community-sourced notes").count - 1, 1)
        XCTAssertTrue(result.blocks.first!.text.hasPrefix("Fresh tensions have erupted"))
        XCTAssertTrue(result.blocks.last!.text.hasPrefix("The company also cautioned"))
        XCTAssertTrue(result.blocks.contains { $0.text == "What Is Distillation?" && $0.kind == .heading(level: 2) })
        XCTAssertTrue(text.contains("industrial-sclae distoillation"), "the article's own typos are text, not debris")
        let reasons = Set(result.dropped.map(\.reason))
        XCTAssertEqual(reasons, ["page furniture", "summary box", "promotion", "image caption", "repeated summary"])
    }

    func testEmbeddedPostsAreRecognised() throws {
        let result = try clean("001_96e0cee32f80b94d")
        let embeds = result.blocks.filter { $0.kind == .embed }.map(\.text)
        XCTAssertEqual(embeds.count, 2)
        XCTAssertTrue(embeds[0].hasSuffix("— Anthropic (@AnthropicAI) February 23, 2026"))
        XCTAssertTrue(embeds[1].hasPrefix("Anthropic is guilty of stealing training data"))
    }

    func testEveryParagraphOfALongArticleIsKept() throws {
        let raw = try Repo.text("Content/articles/003_9980aa1c859c75b5.txt")
        let result = ScrapeCleaner().clean(raw)
        XCTAssertEqual(result.date, "2026-02-24")
        XCTAssertTrue(result.dropped.isEmpty, "003 has no debris: \(result.dropped)")
        let nonEmptyLines = raw.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        XCTAssertEqual(result.blocks.count, nonEmptyLines.count)
    }

    func testCleaningHandlesCRLFAndStrayWhitespace() {
        let result = ScrapeCleaner().clean(" date 2026-01-02 First sentence here.\r\n\r\n   Second sentence, indented.\r\n")
        XCTAssertEqual(result.date, "2026-01-02")
        XCTAssertEqual(result.blocks.map(\.text), ["First sentence here.", "Second sentence, indented."])
        XCTAssertEqual(result.blocks[1].position, SourcePosition(line: 3, column: 4))
    }
}
