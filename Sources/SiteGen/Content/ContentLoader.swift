import Markdown
import Foundation

/// An explainer page from `Content/pages/`.
public struct Page {
    public var slug: String
    public var path: String
    public var title: String
    public var order: Int
    public var description: String?
    /// When the page last changed in substance (YYYY-MM-DD), for the feed.
    public var updated: String?
    public var document: MarkdownDocument
    /// Added to cmark's body line numbers to get file line numbers.
    public var bodyLineOffset: Int
    /// The claims the page cites, in order, every one known to the claims model.
    public var claimLinks: [ClaimLink] = []
    /// `draft: true`: left out of the site unless the build asks for drafts.
    public var draft = false
    /// For the home page (`pages/index.md`): the claims listed as key claims.
    public var keyClaims: [String] = []

    /// `pages/index.md` is the home page's text rather than a page of its own.
    public var isHome: Bool { slug == Page.homeSlug }
    public static let homeSlug = "index"
}

/// Everything under `Content/`, read and parsed, before any analysis.
public struct Site {
    public var config: SiteConfig
    public var sources: [Source]
    public var pages: [Page]
    /// The claims model as written; `claims` holds them resolved against the sources.
    public var claimModel: [Claim] = []
    public var claims: [ResolvedClaim] = []
    /// The people, organisations and products of `entities.yaml`.
    public var entities: [Entity] = []
    /// Figures and quotations of new sources that no claim covers.
    public var review: [ReviewItem] = []
    /// Mentions, dates, the timeline and overlapping sources, derived after resolving.
    public var analysis = Analysis()
    /// `static/`, copied into the output as it is.
    public var staticFiles: [StaticFile] = []
    /// The corrections log, newest first.
    public var corrections: [Correction] = []
    /// The drafts this build left out (or, with `--drafts`, took in).
    public var drafts = Drafts()
}

/// Reads `Content/`. Problems are collected, never thrown one by one, so a
/// desk sees every mistake in one run.
public struct ContentLoader {
    /// Limits that keep hostile input from turning into a slow crawl.
    public enum Limits {
        public static let maxFileBytes = 4 * 1024 * 1024
        public static let maxFiles = 100_000
        public static let maxMarkdownNesting = 100
    }

    public let contentDirectory: URL
    /// How paths are printed in diagnostics: as given on the command line.
    let displayRoot: String
    public private(set) var diagnostics = Diagnostics()
    let parallel: Parallel
    /// Each source as loaded by an earlier build, keyed by its file's and sidecar's bytes.
    private(set) var cache: StepCache
    /// What `draft: true` left out, or with `--drafts` (`drafts.included`) took in.
    public private(set) var drafts: Drafts

    public init(contentDirectory: URL, displayRoot: String? = nil, parallel: Parallel = Parallel(), includeDrafts: Bool = false) {
        self.init(contentDirectory: contentDirectory, displayRoot: displayRoot, parallel: parallel, cache: .none, includeDrafts: includeDrafts)
    }

    init(contentDirectory: URL, displayRoot: String? = nil, parallel: Parallel, cache: StepCache, includeDrafts: Bool = false) {
        drafts = Drafts(included: includeDrafts)
        self.contentDirectory = contentDirectory.standardizedFileURL
        self.displayRoot = displayRoot ?? contentDirectory.path
        self.parallel = parallel
        self.cache = cache
    }

    public mutating func load() -> Site? {
        let config = loadConfig()
        let sources = loadSources()
        let (claims, unsure) = loadClaims()
        let claimIDs = ClaimIDs(known: claims.map(\.id), unsure: unsure, drafts: drafts)
        let pages = loadPages(claimIDs: claimIDs)
        let entities = loadEntities()
        let corrections = loadCorrections(claimIDs: claimIDs)
        let statics = StaticFiles.load(from: contentDirectory, displayRoot: display(StaticFiles.folder + "/"))
        diagnostics.add(contentsOf: statics.diagnostics)
        if let config, let about = config.correctionsPage, !pages.contains(where: { $0.slug == about }),
           !diagnostics.all.contains(where: { $0.path.hasSuffix("pages/\(about).md") }) {
            // Pages link to it to explain the ratings and corrections; a missing one would be a broken link on every claim page.
            let problem = drafts.pages.contains(about) && !drafts.included
                ? "names pages/\(about).md, a draft (`draft: true`) left out of this build: claim pages link to it, so publish it, or build with --drafts"
                : "names no explainer page: add pages/\(about).md, or leave `corrections` out"
            diagnostics.add(.error(display("site.yaml"), nil, "`corrections: \(about)` \(problem)"))
        }
        guard let config, !diagnostics.hasErrors else { return nil }
        var site = Site(config: config, sources: sources, pages: pages, claimModel: claims, entities: entities)
        site.staticFiles = statics.files
        site.corrections = corrections
        site.drafts = drafts
        return site
    }

    /// Records what this load read for the next build, and lets go of the cache's memory.
    public mutating func saveCache() {
        cache.save()
        cache = .none
    }

    // MARK: - site.yaml

    mutating func loadConfig() -> SiteConfig? {
        let path = display("site.yaml")
        guard let text = readText(contentDirectory.appendingPathComponent("site.yaml"), path: path) else { return nil }
        let (config, problems) = SiteConfig.parse(text, path: path)
        diagnostics.add(contentsOf: problems)
        return config
    }

    // MARK: - Sources

    mutating func loadSources() -> [Source] {
        let folder = "articles"
        var jobs: [(id: String, path: String, file: URL, isText: Bool)] = []
        var seen: [String: String] = [:]
        var sidecars: [URL] = []
        var folders: [String] = []
        for file in listFiles(folder, folders: &folders) {
            let ext = file.pathExtension
            if ext == "yaml" || ext == "yml" { sidecars.append(file) }
            guard ext == "txt" || ext == "md" else { continue }
            let id = file.deletingPathExtension().lastPathComponent
            let path = display("\(folder)/\(file.lastPathComponent)")
            guard Identifier.isValid(id) else {
                diagnostics.add(.error(path, nil, "the file name `\(id)` cannot be a source id: use \(Identifier.rule)"))
                continue
            }
            // `articles/index-2.html` and so on are the Sources list's own pages.
            guard !(id.hasPrefix("index") && id.hasSuffix(".html")) else {
                diagnostics.add(.error(path, nil, "the source id `\(id)` is reserved for the pages of the Sources list"))
                continue
            }
            if let other = seen[id] {
                diagnostics.add(.error(path, nil, "duplicate source id `\(id)`: \(other) has the same name"))
                continue
            }
            seen[id] = path
            jobs.append((id, path, file, ext == "txt"))
        }
        diagnostics.add(contentsOf: Self.strayMetadata(sidecars, articles: jobs.map { ($0.id, $0.isText) }, display: { display("\(folder)/\($0)") }))
        // Reading, cleaning and parsing each file is independent of the others:
        // every core takes files, each with a loader copy of its own for diagnostics.
        // What a file gives depends on its bytes, its sidecar's and its name alone, so
        // a file an earlier build loaded is taken from the cache.
        let template = self
        // Whether an article has a sidecar is read from the folder's listing, not asked of the disk
        // article by article. A folder named like a sidecar is one that cannot be read.
        let sidecarNames = Set(sidecars.lazy.filter { $0.pathExtension == "yaml" }.map(\.lastPathComponent) + folders.filter { $0.hasSuffix(".yaml") })
        let results = parallel.map(jobs) { job -> Diagnosed<Source?> in
            let data = FileBytes.read(atPath: job.file.path).map { Data($0) }
            let sidecar = job.isText && sidecarNames.contains(job.id + ".yaml") ? job.file.deletingPathExtension().appendingPathExtension("yaml") : nil
            let sidecarData = sidecar.flatMap { FileBytes.read(atPath: $0.path).map { Data($0) } }
            // A sidecar that is there but cannot be read is an error, not a missing sidecar.
            let hasSidecar = sidecar != nil
            let digest = template.fileKey(path: job.path, contents: [data, sidecarData], hasSidecar)
            var loaded = template.cache.value(for: digest) {
                var worker = template
                worker.diagnostics = Diagnostics()
                guard let text = worker.decodeText(data, path: job.path) else { return Diagnosed<Source?>(nil, diagnostics: worker.diagnostics.all) }
                let source = job.isText ? worker.loadScraped(id: job.id, path: job.path, text: text, sidecar: hasSidecar ? sidecar : nil, sidecarData: sidecarData)
                                        : worker.loadMarkdownSource(id: job.id, path: job.path, text: text)
                return Diagnosed(source, diagnostics: worker.diagnostics.all)
            }
            loaded.value?.inputDigest = digest
            return loaded
        }
        for result in results { diagnostics.add(contentsOf: result.diagnostics) }
        let sources = leaveOutDrafts(results.compactMap(\.value), isDraft: \.metadata.draft, id: \.id, into: \.sources)
        // Sorted by key and position, then gathered: a `Source` is large, and sorting the sources
        // themselves moves each many times.
        let order = sources.indices.map { (date: sources[$0].sortDate, id: sources[$0].id, index: $0) }
            .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        return order.map { sources[$0.index] }
    }

    /// Metadata files that no article reads: a sidecar whose name matches no `.txt` article (a
    /// typo would otherwise drop its metadata without a word), one beside a Markdown source (which
    /// keeps its metadata in front matter), and one named `.yml`.
    static func strayMetadata(_ files: [URL], articles: [(id: String, isText: Bool)], display: (String) -> String) -> [Diagnostic] {
        let scraped = articles.filter(\.isText).map(\.id).sorted()
        let scrapedSet = Set(scraped), markdown = Set(articles.filter { !$0.isText }.map(\.id))
        return files.compactMap { file in
            let stem = file.deletingPathExtension().lastPathComponent
            let path = display(file.lastPathComponent)
            if file.pathExtension == "yml" {
                return scrapedSet.contains(stem) ? .error(path, nil, "a sidecar is named `\(stem).yaml`, not `.yml`") : nil
            }
            if scrapedSet.contains(stem) { return nil }
            if markdown.contains(stem) {
                return .error(path, nil, "`\(stem).md` keeps its metadata in its front matter; a sidecar is for a scraped `.txt` article only")
            }
            let hint = ClaimLink.suggestion(for: stem, among: scraped).map { "; did you mean `\($0).yaml`, the sidecar of `\($0).txt`?" } ?? ""
            return .error(path, nil, "this sidecar belongs to no article: there is no `\(stem).txt`\(hint)")
        }
    }

    /// What loading a file reads, as one digest: where it is (as diagnostics print it), the
    /// bytes of each file read (nil for one that could not be read), and any further facts.
    private func fileKey(path: String, contents: [Data?], _ facts: Bool...) -> ContentDigest {
        var key = BinaryWriter()
        key.write(displayRoot)
        key.write(path)
        key.write(contents.map { $0.map(ContentDigest.init) })
        key.write(facts)
        return ContentDigest(key)
    }

    static let metadataFields: Set<String> = ["title", "publisher", "date", "url", "kind", "author", "note", "draft"]

    /// `sidecar`: the article's sidecar file, nil when it has none; `sidecarData`: its bytes, nil when they could not be read.
    private mutating func loadScraped(id: String, path: String, text: String, sidecar: URL?, sidecarData: Data?) -> Source? {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        if let problem = LinePatterns.datePrefixProblem(String(firstLine).scalarArray) {
            diagnostics.add(.error(path, SourcePosition(line: 1, column: 7), problem))
            return nil
        }
        let cleaned = ScrapeCleaner().clean(text)
        var metadata = SourceMetadata()
        metadata.date = cleaned.date
        if let sidecar {
            let sidecarPath = display("articles/\(sidecar.lastPathComponent)")
            guard let yaml = decodeText(sidecarData, path: sidecarPath) else { return nil }
            guard let fromSidecar = parseMetadata(yaml, path: sidecarPath, lineOffset: 0) else { return nil }
            // The sidecar may add to what the text states; a contradiction is an error.
            if let date = cleaned.date, let sidecarDate = fromSidecar.date, date != sidecarDate {
                diagnostics.add(.error(sidecarPath, nil, "`date: \(sidecarDate)` contradicts the article's own date prefix \(date)"))
            }
            metadata = fromSidecar
            metadata.date = cleaned.date ?? fromSidecar.date
        }
        if cleaned.blocks.isEmpty {
            diagnostics.add(.error(path, nil, "no article text is left after removing scrape debris"))
            return nil
        }
        return Source(id: id, path: path, format: .scrapedText, metadata: metadata,
                      headline: cleaned.title, text: SourceText(blocks: cleaned.blocks))
    }

    private mutating func loadMarkdownSource(id: String, path: String, text: String) -> Source? {
        guard let (frontMatter, yaml) = splitFrontMatter(text, path: path),
              let metadata = parseMetadata(yaml, path: path, lineOffset: 1) else { return nil }
        let document = MarkdownDocument(frontMatter.body)
        guard checkNesting(document, path: path, lineOffset: frontMatter.bodyLineOffset) else { return nil }
        let blocks = MarkdownBlocks.blocks(of: document.tree, lineOffset: frontMatter.bodyLineOffset)
        if blocks.isEmpty {
            diagnostics.add(.error(path, SourcePosition(line: frontMatter.bodyLineOffset + 1, column: 1), "the source has no text below its front matter"))
            return nil
        }
        return Source(id: id, path: path, format: .markdown, metadata: metadata, headline: nil, text: SourceText(blocks: blocks))
    }

    private mutating func parseMetadata(_ yaml: String, path: String, lineOffset: Int) -> SourceMetadata? {
        var reader = YAMLReader(path: path, lineOffset: lineOffset)
        defer { diagnostics.add(contentsOf: reader.diagnostics) }
        guard let root = reader.compose(yaml) else {
            if reader.diagnostics.isEmpty { reader.error(nil, "the metadata is empty; give at least `kind`") }
            return nil
        }
        guard let map = reader.mapping(root, "the source metadata") else { return nil }
        reader.rejectUnknownKeys(map, allowed: Self.metadataFields, in: "the source metadata")
        var metadata = SourceMetadata()
        metadata.title = reader.string(map, "title", required: false, in: "the source metadata")
        metadata.publisher = reader.string(map, "publisher", required: false, in: "the source metadata")
        metadata.author = reader.string(map, "author", required: false, in: "the source metadata")
        metadata.note = reader.string(map, "note", required: false, in: "the source metadata")
        metadata.draft = reader.flag(map, "draft", in: "the source metadata") ?? false
        if let date = reader.string(map, "date", required: false, in: "the source metadata") {
            if DateText.isValid(date) { metadata.date = date } else { reader.error(map["date"], "`date` must be a calendar date written YYYY-MM-DD, not `\(date)`") }
        }
        if let url = reader.string(map, "url", required: false, in: "the source metadata") {
            if URLPolicy.isWebAddress(url) { metadata.url = url } else { reader.error(map["url"], "`url` must be an http or https address, not `\(url)`") }
        }
        if let kind = reader.string(map, "kind", required: false, in: "the source metadata") {
            if let parsed = SourceKind(rawValue: kind) { metadata.kind = parsed } else {
                reader.error(map["kind"], "unknown `kind: \(kind)`; use one of \(SourceKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        return reader.diagnostics.isEmpty ? metadata : nil
    }

    // MARK: - Claims

    /// Each file is read on its own (duplicate ids across files are found when resolving), so a
    /// file an earlier build read is taken from the cache, keyed by its bytes and path.
    /// Also returns the ids that claims files with errors may define: a link to one of those is
    /// not reported again as an unknown claim, since the file's own error is the cause.
    mutating func loadClaims() -> (claims: [Claim], unsure: Set<String>) {
        var claims: [Claim] = []
        var unsure: Set<String> = []
        for file in listFiles("claims") where file.pathExtension == "yaml" || file.pathExtension == "yml" {
            let path = display("claims/\(file.lastPathComponent)")
            let data = FileManager.default.contents(atPath: file.path)
            let loaded = cache.value(for: fileKey(path: path, contents: [data])) { () -> Diagnosed<[Claim]> in
                var worker = self
                worker.diagnostics = Diagnostics()
                guard let text = worker.decodeText(data, path: path) else { return Diagnosed([], diagnostics: worker.diagnostics.all) }
                var loader = ClaimLoader()
                let claims = loader.load(text, path: path)
                return Diagnosed(claims, diagnostics: loader.diagnostics)
            }
            claims += loaded.value
            diagnostics.add(contentsOf: loaded.diagnostics)
            if loaded.diagnostics.contains(where: { $0.severity == .error }), let data {
                unsure.formUnion(ClaimIDs.mentioned(in: String(decoding: data, as: UTF8.self)))
            }
        }
        return (leaveOutDrafts(claims, isDraft: \.draft, id: \.id, into: \.claims), unsure)
    }

    /// `items` without their drafts (unless the build takes drafts in), each draft's id
    /// recorded in `drafts` either way.
    private mutating func leaveOutDrafts<Item>(_ items: [Item], isDraft: (Item) -> Bool, id: (Item) -> String,
                                               into list: WritableKeyPath<Drafts, [String]>) -> [Item] {
        drafts[keyPath: list] += items.filter(isDraft).map(id)
        return drafts.included ? items : items.filter { !isDraft($0) }
    }

    // MARK: - Entities

    /// `entities.yaml` is optional: a site without it has no entity pages.
    mutating func loadEntities() -> [Entity] {
        let file = contentDirectory.appendingPathComponent("entities.yaml")
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let path = display("entities.yaml")
        guard let text = readText(file, path: path) else { return [] }
        var loader = EntityLoader()
        let entities = loader.load(text, path: path)
        diagnostics.add(contentsOf: loader.diagnostics)
        return entities
    }

    /// `corrections.yaml` is optional: without it the corrections page says there are none.
    mutating func loadCorrections(claimIDs: ClaimIDs) -> [Correction] {
        let file = contentDirectory.appendingPathComponent("corrections.yaml")
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let path = display("corrections.yaml")
        guard let text = readText(file, path: path) else { return [] }
        var loader = CorrectionsLoader()
        let corrections = loader.load(text, path: path, claimIDs: claimIDs)
        diagnostics.add(contentsOf: loader.diagnostics)
        return corrections
    }

    // MARK: - Pages

    static let pageFields: Set<String> = ["title", "order", "description", "updated", "draft"]
    static let homePageFields: Set<String> = ["title", "description", "updated", "key_claims"]
    static let reservedSlugs: Set<String> = ["articles", "claims", "coverage", "timeline", "entities", "compare", "review", "corrections",
                                             "assets", "404", "feed.xml", "sitemap.xml", "claims.json", "index.html"]

    /// Reads `pages/*.md`. `claimIDs` are the claims the pages may cite.
    mutating func loadPages(claimIDs: ClaimIDs) -> [Page] {
        var pages: [Page] = []
        for file in listFiles("pages") where file.pathExtension == "md" {
            let slug = file.deletingPathExtension().lastPathComponent
            let path = display("pages/\(file.lastPathComponent)")
            guard Identifier.isValid(slug), !Self.reservedSlugs.contains(slug) else {
                let why = Identifier.isValid(slug) ? "is reserved for a section the site generates" : "must use \(Identifier.rule)"
                diagnostics.add(.error(path, nil, "the page name `\(slug)` \(why)"))
                continue
            }
            guard let text = readText(file, path: path), let (frontMatter, yaml) = splitFrontMatter(text, path: path) else { continue }
            var reader = YAMLReader(path: path, lineOffset: 1)
            defer { diagnostics.add(contentsOf: reader.diagnostics) }
            guard let root = reader.compose(yaml) else {
                if reader.diagnostics.isEmpty { reader.error(nil, "the front matter is empty; a page needs a `title`") }
                continue
            }
            guard let map = reader.mapping(root, "the page's front matter") else { continue }
            let isHome = slug == Page.homeSlug
            reader.rejectUnknownKeys(map, allowed: isHome ? Self.homePageFields : Self.pageFields,
                                     in: "the page's front matter")
            let title = reader.string(map, "title", required: true, in: "the page's front matter")
            let description = reader.string(map, "description", required: false, in: "the page's front matter")
            let updated = reader.string(map, "updated", required: false, in: "the page's front matter")
            if let updated, !DateText.isValid(updated) { reader.error(map["updated"], "`updated` must be a date written YYYY-MM-DD") }
            var keyClaims: [String] = []
            if let list = map["key_claims"], let items = reader.sequence(list, "`key_claims`") {
                for item in items {
                    guard let id = item.scalar?.string else { reader.error(item, "each key claim must be a claim id"); continue }
                    if claimIDs.isKnown(id) { keyClaims.append(id) } else if !claimIDs.unsure.contains(id) { reader.error(item, claimIDs.unknown(id, verb: "lists")) }
                }
            }
            var order = 100
            if let orderText = reader.string(map, "order", required: false, in: "the page's front matter") {
                if let value = Int(orderText) { order = value } else { reader.error(map["order"], "`order` must be a whole number, not `\(orderText)`") }
            }
            let draft = reader.flag(map, "draft", in: "the page's front matter") ?? false
            // A page left out is not checked further: its claim links may name drafts too.
            if draft && !drafts.included && reader.diagnostics.isEmpty { drafts.pages.append(slug); continue }
            let document = MarkdownDocument(frontMatter.body)
            guard let title, reader.diagnostics.isEmpty,
                  checkNesting(document, path: path, lineOffset: frontMatter.bodyLineOffset) else { continue }
            let links = ClaimLink.all(in: document.tree, body: frontMatter.body, lineOffset: frontMatter.bodyLineOffset)
            for link in links where !claimIDs.isKnown(link.claimID) && !claimIDs.unsure.contains(link.claimID) {
                diagnostics.add(.error(path, link.position, claimIDs.unknown(link.claimID)))
            }
            pages.append(Page(slug: slug, path: path, title: title, order: order, description: description, updated: updated,
                              document: document, bodyLineOffset: frontMatter.bodyLineOffset,
                              claimLinks: links, draft: draft, keyClaims: keyClaims))
            if draft { drafts.pages.append(slug) }
        }
        return pages.sorted { ($0.order, $0.slug) < ($1.order, $1.slug) }
    }

    static func unknownClaim(_ id: String, known: [String]) -> String {
        let hint = ClaimLink.suggestion(for: id, among: known).map { "; did you mean `\($0)`?" } ?? ""
        return id.isEmpty ? "a claim link must name a claim: `claim:<id>`" : "unknown claim `\(id)`\(hint)"
    }


    // MARK: - Files

    private func display(_ relative: String) -> String {
        displayRoot.hasSuffix("/") ? displayRoot + relative : displayRoot + "/" + relative
    }

    /// The regular files of a content folder, sorted by name. A link that
    /// leads out of `Content/` is refused rather than followed.
    private mutating func listFiles(_ folder: String) -> [URL] {
        var folders: [String] = []
        return listFiles(folder, folders: &folders)
    }

    /// The same, with the names of the folders inside it in `folders`.
    private mutating func listFiles(_ folder: String, folders: inout [String]) -> [URL] {
        let directory = contentDirectory.appendingPathComponent(folder)
        // Each name with its kind from the folder itself: no lstat for each of 10,000 articles.
        guard let entries = try? FileSystemEntry.contents(ofFolder: directory.path) else { return [] }
        if entries.count > Limits.maxFiles {
            diagnostics.add(.error(display(folder), nil, "\(entries.count) files is more than the limit of \(Limits.maxFiles)"))
            return []
        }
        let root = contentDirectory.resolvingSymlinksInPath().path
        // In a folder that is itself inside `Content/`, a regular file needs no resolving: only
        // links do (resolving every one of 10,000 articles was a third of a cached load).
        let folderIsInside = directory.resolvingSymlinksInPath().path.hasPrefix(root + "/")
        var files: [URL] = []
        for (name, listedKind, _) in entries where !name.hasPrefix(".") {
            let file = directory.appendingPathComponent(name)
            var kind = listedKind
            if kind == .link || !folderIsInside {
                let resolved = file.resolvingSymlinksInPath().path
                guard resolved.hasPrefix(root + "/") else {
                    diagnostics.add(.error(display("\(folder)/\(name)"), nil, "this is a link to \(resolved), outside the content folder; copy the file in instead"))
                    continue
                }
                kind = FileSystemEntry.kind(atPath: resolved)
            }
            switch kind {
            case .file:
                files.append(file)
            case .other:
                // A pipe would never end: reading it would hang the build.
                diagnostics.add(.error(display("\(folder)/\(name)"), nil, "this is not a regular file"))
            case .folder:
                folders.append(name)
            case .missing, .link:
                continue
            }
        }
        return files
    }

    /// Reads a file as UTF-8 text, refusing empty, oversized and non-UTF-8 files.
    private mutating func readText(_ file: URL, path: String) -> String? {
        decodeText(FileManager.default.contents(atPath: file.path), path: path)
    }

    /// A file's bytes as UTF-8 text, refusing a missing file and empty, oversized and non-UTF-8 ones.
    private mutating func decodeText(_ data: Data?, path: String) -> String? {
        guard let data else {
            diagnostics.add(.error(path, nil, "cannot read this file (is it missing?)"))
            return nil
        }
        if data.count > Limits.maxFileBytes {
            diagnostics.add(.error(path, nil, "the file is \(data.count / 1_048_576) MB; the limit is \(Limits.maxFileBytes / 1_048_576) MB"))
            return nil
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) } // a byte-order mark carries no text
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let position = Self.firstInvalidUTF8(bytes)
            diagnostics.add(.error(path, position, "the file is not valid UTF-8 text; save it as UTF-8"))
            return nil
        }
        // A file whose first scalar past white space is ASCII has text. Only other files
        // are trimmed through Foundation, which converts the whole file to UTF-16 first (a quarter
        // of loading, when every file went through it) and whose set of white space is its own.
        let firstVisible = text.unicodeScalars.first { !$0.isSpace }
        if firstVisible.map({ $0.value >= 0x80 }) ?? true, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            diagnostics.add(.error(path, nil, "the file is empty"))
            return nil
        }
        if text.utf8.contains(0) {
            diagnostics.add(.error(path, nil, "the file contains NUL bytes; it is not a text file"))
            return nil
        }
        return text
    }

    /// The line and column of the first byte that breaks UTF-8.
    static func firstInvalidUTF8(_ bytes: Data.SubSequence) -> SourcePosition {
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput, .error:
                return SourcePosition(line: line, column: column)
            }
        }
    }

    private mutating func splitFrontMatter(_ text: String, path: String) -> (FrontMatter, String)? {
        switch FrontMatter.split(text) {
        case .success(let frontMatter): return (frontMatter, frontMatter.yaml)
        case .failure(.missing):
            diagnostics.add(.error(path, SourcePosition(line: 1, column: 1), "the file must start with front matter: a line `---`, YAML fields, and a closing `---`"))
        case .failure(.unclosed):
            diagnostics.add(.error(path, SourcePosition(line: 1, column: 1), "the front matter opened here is never closed with a `---` line"))
        }
        return nil
    }

    private mutating func checkNesting(_ document: MarkdownDocument, path: String, lineOffset: Int) -> Bool {
        let depth = document.nestingDepth
        guard depth <= Limits.maxMarkdownNesting else {
            diagnostics.add(.error(path, SourcePosition(line: lineOffset + 1, column: 1),
                                   "Markdown nested \(depth) levels deep; the limit is \(Limits.maxMarkdownNesting)"))
            return false
        }
        return true
    }
}

enum DateText {
    /// `YYYY-MM-DD` naming a real calendar day.
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    /// "24 Feb 2026" for `2026-02-24`; the text itself when it is not a valid date.
    static func short(_ text: String) -> String {
        guard isValid(text) else { return text }
        let parts = text.split(separator: "-")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(Int(parts[2])!) \(months[Int(parts[1])! - 1]) \(parts[0])"
    }
}
