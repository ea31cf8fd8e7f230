import Markdown
// libFuzzer targets for the three surfaces that read untrusted text. Built with
// `scripts/fuzz.sh` (`-sanitize=fuzzer,address -D FUZZING`),
// libFuzzer supplies `main` and calls `LLVMFuzzerTestOneInput`; built normally,
// this file is a small program that runs a target over files, to replay a crash.
// The target is chosen with SITEGEN_FUZZ_TARGET: cleaning, claims or extraction.
import Foundation
@testable import SiteGen

enum FuzzTarget: String {
    case cleaning, claims, extraction

    static var current: FuzzTarget {
        ProcessInfo.processInfo.environment["SITEGEN_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:)) ?? .cleaning
    }

    /// A fixed text for the claims target to anchor quotes in.
    static let source = Source(id: "source", path: "source.txt", format: .scrapedText, metadata: SourceMetadata(), headline: nil,
                               text: SourceText(blocks: ScrapeCleaner().clean(" date 2026-02-23 The labs used approximately 24,000 fraudulent accounts and generated over 16 million exchanges.\n\n“These campaigns are growing,” Anthropic wrote.\n").blocks))

    func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .cleaning:
            // Scrape cleaning, then front matter and its YAML, as the loader meets a file.
            _ = ScrapeCleaner().clean(text)
            if case .success(let frontMatter) = FrontMatter.split(text) {
                var reader = YAMLReader(path: "fuzz.md", lineOffset: 1)
                if let root = reader.compose(frontMatter.yaml), let map = reader.mapping(root, "front matter") {
                    _ = reader.string(map, "title", required: false, in: "front matter")
                }
                _ = MarkdownDocument(frontMatter.body).nestingDepth
            }
        case .claims:
            // The claims loader, then anchoring every quote it read.
            var loader = ClaimLoader()
            let claims = loader.load(text, path: "claims.yaml")
            var resolver = ClaimResolver(sources: [Self.source])
            _ = resolver.resolve(claims)
        case .extraction:
            // Figures and quotations from a cleaned text.
            let blocks = ScrapeCleaner().clean(text).blocks
            let source = Source(id: "s", path: "s.txt", format: .scrapedText, metadata: SourceMetadata(), headline: nil,
                                text: SourceText(blocks: blocks))
            _ = CandidateExtractor(mentions: MentionFinder(entities: [])).candidates(in: source)
            _ = DateFinder(source: source).mentions()
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    FuzzTarget.current.run(Data(bytes: bytes, count: count))
    return 0
}

#if FUZZING
// SwiftPM links an executable's entry point as `<target>_main`; under libFuzzer
// that entry point hands over to libFuzzer's own driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("SiteGenFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { bytes, size in fuzzOne(bytes, size) }
}
#else
/// Without libFuzzer: run the chosen target over the files named on the command line.
@main
enum Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            FuzzTarget.current.run(data)
            print("ran \(FuzzTarget.current.rawValue) on \(path)")
        }
    }
}
#endif
