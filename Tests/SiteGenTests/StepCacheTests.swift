import XCTest
@testable import SiteGen

/// The binary form of the caches and the per-step cache built on it.
final class StepCacheTests: XCTestCase {
    private struct Sample: BinaryCodable, Equatable {
        var number: Int
        var text: String
        var note: String?
        var spans: [TextSpan]
        var share: Double

        init(number: Int, text: String, note: String?, spans: [TextSpan], share: Double) {
            (self.number, self.text, self.note, self.spans, self.share) = (number, text, note, spans, share)
        }

        func encode(to writer: inout BinaryWriter) {
            writer.write(number)
            writer.write(text)
            writer.write(note)
            writer.write(spans)
            writer.write(share)
        }

        init(from reader: inout BinaryReader) throws {
            (number, text, note, spans, share) = (try reader.read(), try reader.read(), try reader.read(), try reader.read(), try reader.read())
        }
    }

    private func roundTrip(_ sample: Sample) throws -> Sample {
        var writer = BinaryWriter()
        sample.encode(to: &writer)
        var reader = BinaryReader(writer.bytes)
        let read = try Sample(from: &reader)
        XCTAssertTrue(reader.isAtEnd)
        return read
    }

    func testValuesComeBackAsWritten() throws {
        let samples = [
            Sample(number: 0, text: "", note: nil, spans: [], share: 0),
            Sample(number: -1, text: "Ünïcödé “quoted” 🙂", note: "a note", spans: [TextSpan(start: 3, end: 9)], share: -0.125),
            Sample(number: .min, text: "x", note: "", spans: [TextSpan(start: 0, end: .max)], share: .infinity),
            Sample(number: .max, text: String(repeating: "long ", count: 1000), note: nil, spans: [], share: 1e-300),
        ]
        for sample in samples { XCTAssertEqual(try roundTrip(sample), sample) }
    }

    /// What anchoring found in a source, as the resolve step's cache keeps it: every outcome.
    func testAnchoringOutcomesComeBackAsWritten() throws {
        let quote = AnchoredQuote(source: "s", span: TextSpan(start: 4, end: 9), text: "words", before: "the ", after: " here")
        let outcomes: [ClaimResolver.Located] = [
            .found(quote), .empty, .notFound(closest: "wards", similarity: 0.8), .notFound(closest: nil, similarity: 0),
            .ambiguous([(TextSpan(start: 0, end: 2), "", " a"), (TextSpan(start: 5, end: 7), "b ", "")]),
        ]
        var writer = BinaryWriter()
        writer.write(outcomes)
        var reader = BinaryReader(writer.bytes)
        let read: [ClaimResolver.Located] = try reader.read()
        XCTAssertTrue(reader.isAtEnd)
        XCTAssertEqual(read.map { String(describing: $0) }, outcomes.map { String(describing: $0) })
        for length in 0..<writer.bytes.count {
            var truncated = BinaryReader(Array(writer.bytes[..<length]))
            XCTAssertThrowsError(try truncated.read() as [ClaimResolver.Located], "truncated to \(length) bytes")
        }
    }

    func testDamagedBytesAreAnErrorNotACrash() throws {
        var writer = BinaryWriter()
        Sample(number: 300, text: "some text", note: "n", spans: [TextSpan(start: 1, end: 2)], share: 0.5).encode(to: &writer)
        let bytes = writer.bytes
        // Every truncation fails cleanly.
        for length in 0..<bytes.count {
            var reader = BinaryReader(Array(bytes[..<length]))
            XCTAssertThrowsError(try Sample(from: &reader), "truncated to \(length) bytes")
        }
        // A length far beyond the data is refused before anything is allocated.
        var huge = BinaryWriter()
        huge.write(unsigned: UInt64.max >> 1)
        var reader = BinaryReader(huge.bytes)
        XCTAssertThrowsError(try reader.read() as String)
    }

    func testTemporaryFilesOfEndedBuildsAreRemoved() throws {
        let folder = try TemporaryFolder()
        let target = folder.url.appendingPathComponent("step-test.bin").path
        // A process id that is not running (above the kernel's largest), and this process's.
        let abandoned = target + ".tmp-4194305-abc", live = ReplacedFile.temporaryPath(for: target)
        for path in [abandoned, live] { XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("x".utf8))) }
        let cache = StepCache(folder: folder.url, step: "test")
        _ = cache.value(for: ContentDigest(Data("k".utf8))) { 1 }
        cache.save()
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned))
        XCTAssertTrue(FileManager.default.fileExists(atPath: live), "a running build's file is left alone")
        XCTAssertTrue(FileManager.default.fileExists(atPath: target))
    }

    func testTheDigestIsXXH3OfTheBytes() {
        // XXH3-128 of no bytes, as xxHash's own test vectors give it.
        XCTAssertEqual(ContentDigest(Data()).hex, "99aa06d3014798d86001c324468d497f")
        XCTAssertNotEqual(ContentDigest(Data("a".utf8)), ContentDigest(Data("b".utf8)))
    }

    func testAValueIsMadeOnceAndReadBackByTheNextBuild() throws {
        let folder = try TemporaryFolder()
        let sample = Sample(number: 42, text: "cached", note: nil, spans: [TextSpan(start: 0, end: 6)], share: 0.25)
        let key = ContentDigest(Data("inputs".utf8))
        var made = 0
        let first = StepCache(folder: folder.url, step: "test")
        XCTAssertEqual(first.value(for: key) { made += 1; return sample }, sample)
        first.save()
        XCTAssertEqual(made, 1)

        let second = StepCache(folder: folder.url, step: "test")
        XCTAssertEqual(second.value(for: key) { made += 1; return sample }, sample)
        XCTAssertEqual(made, 1, "found in the cache, not made again")
        XCTAssertEqual(second.reusedCount, 1)
        // Other inputs are another key: made, not mistaken for the cached value.
        let other = Sample(number: 7, text: "other", note: "n", spans: [], share: 1)
        XCTAssertEqual(second.value(for: ContentDigest(Data("other inputs".utf8))) { made += 1; return other }, other)
        XCTAssertEqual(made, 2)
        second.save()

        // The file keeps what the last build used: both values.
        let third = StepCache(folder: folder.url, step: "test")
        XCTAssertEqual(third.value(for: key) { made += 1; return other }, sample)
        XCTAssertEqual(third.value(for: ContentDigest(Data("other inputs".utf8))) { made += 1; return sample }, other)
        XCTAssertEqual(made, 2)
        // No key: inputs not read from files are never cached.
        XCTAssertEqual(third.value(for: nil) { made += 1; return other }, other)
        XCTAssertEqual(made, 3)
    }

    func testADamagedCacheFileIsIgnored() throws {
        let folder = try TemporaryFolder()
        let key = ContentDigest(Data("inputs".utf8))
        let sample = Sample(number: 1, text: "t", note: nil, spans: [], share: 0)
        let cache = StepCache(folder: folder.url, step: "test")
        _ = cache.value(for: key) { sample }
        cache.save()
        let file = folder.url.appendingPathComponent("step-test.bin")
        let whole = try Data(contentsOf: file)
        // The last byte is inside the value (its double): it still decodes, to another number,
        // and only the record's digest tells.
        var flipped = whole
        flipped[flipped.count - 1] ^= 0x40
        for damaged in [Data("not a cache".utf8), whole.prefix(whole.count - 3), Data(), flipped] {
            try damaged.write(to: file)
            var made = 0
            XCTAssertEqual(StepCache(folder: folder.url, step: "test").value(for: key) { made += 1; return sample }, sample)
            XCTAssertEqual(made, 1)
        }
    }

    /// Records go to the file in batches of a megabyte: several megabytes of them, made on two
    /// threads and then half reused, come back whole, each under its own key.
    func testManyMegabytesOfRecordsComeBackWhole() throws {
        let folder = try TemporaryFolder()
        func sample(_ number: Int) -> Sample {
            Sample(number: number, text: String(repeating: "word \(number) ", count: 400), note: nil, spans: [], share: Double(number))
        }
        let key = { (number: Int) in ContentDigest(Data("record \(number)".utf8)) }
        let first = StepCache(folder: folder.url, step: "big")
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            for number in stride(from: half, to: 2_000, by: 2) { _ = first.value(for: key(number)) { sample(number) } }
        }
        first.save()
        let size = try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent("step-big.bin").path)[.size] as? Int ?? 0
        XCTAssertGreaterThan(size, 4 << 20)
        let second = StepCache(folder: folder.url, step: "big")
        for number in 0..<1_000 { XCTAssertEqual(second.value(for: key(number)) { sample(-1) }, sample(number)) }
        XCTAssertEqual(second.reusedCount, 1_000)
        _ = second.value(for: key(5_000)) { sample(5_000) }
        second.save()
        let third = StepCache(folder: folder.url, step: "big")
        var made = 0
        for number in Array(0..<1_000) + [5_000] { XCTAssertEqual(third.value(for: key(number)) { made += 1; return sample(-1) }, sample(number)) }
        XCTAssertEqual(made, 0, "the records reused and the one made are all in the new file")
    }

    /// A build that reuses most records adds its new ones to the end of the file, leaving the rest
    /// as it was; one that uses less than half of the file writes it anew with only what it used.
    /// A file whose end was cut off (a build killed while appending) is read up to there.
    func testFewNewRecordsAreAppendedAndAMostlyUnusedFileIsWrittenAnew() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("step-grow.bin")
        func sample(_ number: Int) -> Sample { Sample(number: number, text: "record \(number)", note: nil, spans: [], share: 0) }
        let key = { (number: Int) in ContentDigest(Data("grow \(number)".utf8)) }
        func build(_ numbers: [Int]) -> Int {
            let cache = StepCache(folder: folder.url, step: "grow")
            var made = 0
            for number in numbers { XCTAssertEqual(cache.value(for: key(number)) { made += 1; return sample(number) }, sample(number)) }
            cache.save()
            return made
        }
        XCTAssertEqual(build(Array(0..<100)), 100)
        let first = try Data(contentsOf: file)
        XCTAssertEqual(build(Array(1...100)), 1, "one record made, 99 reused")
        let second = try Data(contentsOf: file)
        XCTAssertTrue(second.starts(with: first), "the old records stay where they were")
        XCTAssertGreaterThan(second.count, first.count)
        XCTAssertEqual(build(Array(0...100)), 0, "the record no build used since is still there")

        XCTAssertEqual(build(Array(0..<10) + [200]), 1)
        let rewritten = try Data(contentsOf: file)
        XCTAssertLessThan(rewritten.count, first.count / 2, "written anew with what was used")

        // Replaced while a build ran (another sitegen with the same cache folder): not appended to,
        // though this build reused all it read.
        let reading = StepCache(folder: folder.url, step: "grow")
        for number in Array(0..<10) + [200] { _ = reading.value(for: key(number)) { sample(-1) } }
        XCTAssertEqual(reading.reusedCount, 11)
        _ = reading.value(for: key(300)) { sample(300) }
        let other = Data("another tool's cache".utf8)
        try other.write(to: file)
        reading.save()
        XCTAssertFalse(try Data(contentsOf: file).starts(with: other), "written anew, not appended to the other file")
        XCTAssertEqual(build(Array(0..<10) + [200, 300]), 0)
        XCTAssertEqual(build([50]), 1, "an unused record is gone")

        let whole = try Data(contentsOf: file)
        try whole.dropLast(3).write(to: file)
        XCTAssertEqual(build([50, 51]), 2, "the record cut off is made again")
        XCTAssertEqual(build([50, 51]), 0, "and the file is whole again")
    }
}
