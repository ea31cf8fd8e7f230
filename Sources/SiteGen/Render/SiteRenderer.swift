import Markdown
import Foundation

/// One file of the finished site, with its path relative to the output folder.
public struct RenderedFile: Sendable {
    public var path: String
    public var data: Data
    /// What the file was made from: a page's whole context, or the bytes themselves.
    public var key: String
    /// The previous build's file is still right: it is kept, not written again (`data` is empty).
    public var isUnchanged = false
    /// Already in the staging folder (`data` is empty): handed over as soon as it was rendered.
    var isWritten = false
    /// In the staging folder as the very file the previous build wrote (linked, or already there):
    /// its size, time and inode are the ones the build cache recorded.
    var isKept = false

    init(path: String, data: Data) {
        self.path = path
        self.data = data
        key = "bytes:" + ContentDigest(data).hex
    }

    init(unchanged path: String, key: String) {
        self.path = path
        data = Data()
        self.key = key
        isUnchanged = true
    }
}

/// Turns a `Site` into files. Pure: it reads nothing and writes nothing.
/// Every piece of user text reaches HTML through `HTMLText.escape`: Mustache's `{{…}}`,
/// `HighlightHTML`, which writes the word-diff marks and excerpts, or `WordingColumnsHTML`, which
/// writes a claim page's columns; the other unescaped values are HTML made by cmark's safe renderer.
public struct SiteRenderer {
    public static let generator = "sitegen 0.1.0"
    /// How many sources the home page lists before pointing to the Sources pages.
    static let homeSourceLimit = 12

    let site: Site
    let templates: TemplateSet
    /// The previous build's output, when a page made from the same context can be kept.
    let cache: BuildCache?
    /// Each source's marked passages, from the claims that quote it.
    let marks: [String: [SourceMark]]
    /// Sources by id, built once: every claim page looks its sources up here.
    let sources: [String: Source]
    let claimsByID: [String: ResolvedClaim]
    /// Each claim's digest, for the keys of the pages that show it (`PageInputs`).
    let claimDigests: [String: ContentDigest]
    /// The comparisons each source takes part in, in site order.
    let pairsBySource: [String: [SourcePair]]
    /// For each entity, the sources that name it (in site order) with their mentions of it:
    /// grouped once, where each entity's pages would otherwise scan every source's mentions.
    let mentionsByEntity: [String: [(source: Source, mentions: [EntityMention])]]
    let parallel: Parallel
    /// Where each page goes as soon as it is rendered (the build's staging folder), so the
    /// whole site is never in memory at once; without one, pages are returned with their bytes.
    let sink: (@Sendable (RenderedFile) -> RenderedFile)?
    /// The site's navigation: each item's label and the page it leads to.
    let navigation: [(title: String, target: String)]
    /// The header and footer partials, rendered once for each way back to the root (and, for the
    /// header, each navigation item that can be the current page) rather than once per page:
    /// they are the same on thousands of pages, and Mustache's look-ups are most of a page's cost.
    let chrome: [ChromeKey: Chrome]

    struct ChromeKey: Hashable {
        var root: String
        /// The navigation target that is the current page, or "" for none.
        var current: String
    }

    /// What every page at one depth (with one current navigation item) shares: the header and
    /// footer as HTML, the navigation and site settings they were made from, and the digest of
    /// all of it, which stands for it in each page's key (instead of kilobytes of HTML hashed page by page).
    struct Chrome {
        var header: String
        var footer: String
        var site: [String: Any]
        var navigation: [[String: Any]]
        var digest: ContentDigest
    }

    init(site: Site, templates: TemplateSet, cache: BuildCache? = nil, parallel: Parallel = Parallel(),
         sink: (@Sendable (RenderedFile) -> RenderedFile)? = nil) {
        self.parallel = parallel
        self.sink = sink
        self.site = site
        self.templates = templates
        self.cache = cache
        sources = Dictionary(site.sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        claimsByID = Dictionary(site.claims.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        claimDigests = PageInputs.claimDigests(site.claims, parallel: parallel)
        var pairsBySource: [String: [SourcePair]] = [:]
        for pair in site.analysis.pairs {
            pairsBySource[pair.first, default: []].append(pair)
            if pair.second != pair.first { pairsBySource[pair.second, default: []].append(pair) }
        }
        self.pairsBySource = pairsBySource
        var mentionsByEntity: [String: [(source: Source, mentions: [EntityMention])]] = [:]
        for source in site.sources {
            for (entity, mentions) in Dictionary(grouping: site.analysis.mentions[source.id] ?? [], by: \.entity) {
                mentionsByEntity[entity, default: []].append((source, mentions))
            }
        }
        self.mentionsByEntity = mentionsByEntity
        let navigation = Self.navigation(site)
        self.navigation = navigation
        var chrome: [ChromeKey: Chrome] = [:]
        for depth in 0...3 {
            for current in [""] + navigation.map(\.target) {
                let key = ChromeKey(root: String(repeating: "../", count: depth), current: current)
                chrome[key] = Self.renderChrome(key, site: site, navigation: navigation, templates: templates)
            }
        }
        self.chrome = chrome
        var marks: [String: [SourceMark]] = [:]
        for claim in site.claims {
            let quotes = (claim.reference.map { [$0] } ?? []) + claim.appearances.map(\.quote)
            for quote in quotes {
                marks[quote.source, default: []].append(SourceMark(
                    span: quote.span, anchor: Routes.quoteAnchor(claim.id), claimHref: "../../" + Routes.claim(claim.id),
                    number: claim.number, statement: claim.claim.statement))
            }
        }
        self.marks = marks.mapValues { $0.sorted { $0.span < $1.span } }
    }

    public func render() -> [RenderedFile] {
        var files: [RenderedFile] = []
        files.append(page("index.html", template: "index", title: nil, extra: indexContext(), ogType: "website"))
        files += paginated(site.sources, folder: "articles", template: "articles", title: "Sources", key: "sources") {
            sourceSummary($0, root: "../")
        }
        let entities = PageInputs.entities(site.entities)
        files += parallel.map(site.sources) { source in
            let body = sourceBody(source)
            return page(Routes.file(Routes.source(source.id)), template: "article", title: source.displayTitle,
                        inputs: sourcePageInputs(source, entities: entities), deferred: [body]) {
                ["source": sourceContext(source, root: "../../")]
            }
        }
        files += explainerFiles()
        // A 404 page is served at any depth, so its links start from the base URL's path.
        let basePath = URLComponents(string: site.config.baseURL)?.path ?? "/"
        files += claimFiles()
        files += exploreFiles()
        files.append(page("404.html", template: "404", title: "Page not found", extra: [:],
                          rootOverride: basePath.hasSuffix("/") ? basePath : basePath + "/"))
        files.append(feedFile())
        files += sitemapFiles(pages: files)
        files += templates.assets.map { RenderedFile(path: "assets/\($0.path)", data: $0.data) }
        return files.map(emit)
    }

    /// Hands a finished file to the sink, if there is one.
    func emit(_ file: RenderedFile) -> RenderedFile {
        sink?(file) ?? file
    }

    // MARK: - Pages

    /// A list page split by `Pagination`; `summary` makes each item's context.
    func paginated<Item>(_ items: [Item], folder: String, template: String, title: String, key: String,
                         extra: [String: Any] = [:], summary: (Item) -> [String: Any]) -> [RenderedFile] {
        parallel.map(Pagination.pages(count: items.count, folder: folder)) { part in
            var context = extra
            context[key] = items[part.range].map(summary)
            context["pager"] = part.pager
            return page(part.path, template: template, title: Pagination.title(title, part), extra: context)
        }
    }

    /// Renders one HTML page. `root` is the relative way back to the site root,
    /// so the site works at `/` and under any sub-path alike.
    /// `description` and `ogType` feed the description and Open Graph tags.
    /// `deferred`: HTML made only if the page is rendered, keyed in the page's key by what it is made from.
    func page(_ path: String, template: String, title: String?, extra: [String: Any], rootOverride: String? = nil,
              description: String? = nil, ogType: String = "article", deferred: [DeferredHTML] = []) -> RenderedFile {
        page(path, template: template, title: title, inputs: nil, rootOverride: rootOverride, description: description,
             ogType: ogType, deferred: deferred) { extra }
    }

    /// The same, for a page whose own names (`extra`) are made only if the page is rendered.
    /// `inputs`: the digest of everything `extra` and `deferred` are made from (see `PageInputs`);
    /// it stands for them in the page's key, so a page kept from the previous build is never
    /// made at all. Without it the key holds the whole context.
    func page(_ path: String, template: String, title: String?, inputs: ContentDigest?, rootOverride: String? = nil,
              description: String? = nil, ogType: String = "article", deferred: [DeferredHTML] = [],
              extra: () -> [String: Any]) -> RenderedFile {
        let depth = path.split(separator: "/").count - 1
        let root = rootOverride ?? String(repeating: "../", count: depth)
        let chromeKey = ChromeKey(root: root, current: navigation.contains { $0.target == path } ? path : "")
        let shared = chrome[chromeKey] ?? Self.renderChrome(chromeKey, site: site, navigation: navigation, templates: templates)
        // The key covers the page's templates too: a page made with other templates is another page.
        // (The header, footer and site settings stand in it as the digest of what they made.) Then
        // come the page's inputs, or else, once it is made, its whole context.
        var writer = BinaryWriter(capacity: 1024)
        writer.write(templates.fingerprint(of: template))
        writer.write(template)
        writer.write(shared.digest)
        for html in deferred { writer.write(html.section); writer.write(html.name); writer.write(html.key) }
        var inputKey: String?
        if let inputs {
            for part in [path, root, title ?? "", description ?? "", ogType] { writer.write(part) }
            writer.write(title != nil)
            writer.write(inputs)
            let key = "inputs:" + ContentDigest(writer).hex
            if let cache, cache.canReuse(path, key: key) { return emit(RenderedFile(unchanged: path, key: key)) }
            inputKey = key
        }
        var context = extra()
        context["root"] = root
        context["home"] = root.isEmpty ? "./" : root
        context["page_title"] = title.map { "\($0) · \(site.config.title)" } ?? site.config.title
        context["og_title"] = title ?? site.config.title
        context["og_type"] = ogType
        if let summary = description ?? site.config.description { context["description"] = summary }
        context["canonical"] = canonicalURL(path)
        let key: String
        if let inputKey {
            key = inputKey
        } else {
            writer.write(mustacheContext: context)
            key = "page:" + ContentDigest(writer).hex
            if let cache, cache.canReuse(path, key: key) { return emit(RenderedFile(unchanged: path, key: key)) }
        }
        context["site"] = shared.site
        context["header_html"] = shared.header
        context["footer_html"] = shared.footer
        // For a layout that still includes `{{> header}}` itself.
        context["nav"] = shared.navigation
        context["generator"] = Self.generator
        for html in deferred {
            var section = context[html.section] as? [String: Any] ?? [:]
            section[html.name] = html.make()
            context[html.section] = section
        }
        var file = RenderedFile(path: path, data: Data(templates.render(template, context).utf8))
        file.key = key
        return emit(file)
    }

    /// The page's address under the base URL, as a server shows it.
    func canonicalURL(_ path: String) -> String {
        site.config.baseURL + (path == "index.html" ? "" : Self.directoryLink(path))
    }

    var siteContext: [String: Any] { Self.siteContext(site.config) }

    static func siteContext(_ config: SiteConfig) -> [String: Any] {
        var publisher: [String: Any] = ["name": config.publisherName]
        if let url = config.publisherURL { publisher["url"] = url }
        var context: [String: Any] = ["title": config.title, "language": config.language,
                                      "publisher": publisher, "base_url": config.baseURL]
        if let description = config.description { context["description"] = description }
        if let contact = config.contact, let link = config.contactLink { context["contact"] = ["text": contact, "href": link] }
        if config.publishReview { context["publish_review"] = true }
        // The page that explains the ratings and how corrections are made (site.yaml's `corrections`).
        if let about = config.correctionsPage { context["about"] = about }
        return context
    }

    private static func navigation(_ site: Site) -> [(title: String, target: String)] {
        var items: [(String, String)] = [("Home", "index.html")]
        if let first = site.pages.first(where: { !$0.isHome && $0.slug != site.config.correctionsPage }) {
            items.append(("Explainer", "\(first.slug)/index.html"))
        }
        items.append(("Claims", "claims/index.html"))
        items.append(("Timeline", "timeline/index.html"))
        items.append(("Who’s who", "entities/index.html"))
        items.append(("Sources", "articles/index.html"))
        if let corrections = site.pages.first(where: { $0.slug == site.config.correctionsPage }) {
            items.append(("About", "\(corrections.slug)/index.html"))
        }
        return items
    }

    private static func navigationContext(_ navigation: [(title: String, target: String)], root: String, current: String) -> [[String: Any]] {
        navigation.map { ["title": $0.title, "href": root + directoryLink($0.target), "current": $0.target == current] }
    }

    /// The `header` and `footer` templates for pages at `key.root` (`key.current` marked in the navigation).
    private static func renderChrome(_ key: ChromeKey, site: Site, navigation: [(title: String, target: String)],
                                     templates: TemplateSet) -> Chrome {
        let (settings, navigation) = (siteContext(site.config), navigationContext(navigation, root: key.root, current: key.current))
        let context: [String: Any] = [
            "site": settings, "root": key.root, "home": key.root.isEmpty ? "./" : key.root, "generator": Self.generator,
            "nav": navigation,
        ]
        let (header, footer) = (templates.render("header", context), templates.render("footer", context))
        var digest = BinaryWriter(capacity: header.utf8.count + footer.utf8.count + 1024)
        digest.write(mustacheContext: context)
        digest.write(header)
        digest.write(footer)
        return Chrome(header: header, footer: footer, site: settings, navigation: navigation, digest: ContentDigest(digest))
    }

    /// A count for a Mustache section: nil (so the section is skipped) when it is zero,
    /// because Mustache treats the number 0 as true.
    static func nonZero(_ count: Int) -> Int? { count > 0 ? count : nil }

    /// `articles/x/index.html` is linked as `articles/x/`, the address a server shows.
    static func directoryLink(_ path: String) -> String {
        path == "index.html" ? "./" : path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path
    }

    private func indexContext() -> [String: Any] {
        var context: [String: Any] = [
            "chapters": chapterList(root: ""),
            "has_chapters": site.pages.contains { !$0.isHome },
            // The newest few; the Sources pages list them all.
            "sources": site.sources.sorted { ($0.metadata.date ?? "", $1.id) > ($1.metadata.date ?? "", $0.id) }
                .prefix(Self.homeSourceLimit).map { sourceSummary($0, root: "") },
            "source_count": site.sources.count,
            "more_sources": site.sources.count > Self.homeSourceLimit,
            "claim_count": site.claims.count,
        ]
        if let home = site.pages.first(where: \.isHome) {
            context["summary_html"] = annotatedHTML(home, root: "")
            context["key_claims"] = home.keyClaims.compactMap { claimsByID[$0] }.map { claimSummary($0, root: "") }
            context["has_key_claims"] = !home.keyClaims.isEmpty
        }
        if let description = site.config.description { context["lede"] = description }
        return context
    }

    // MARK: - Sources

    func sourceSummary(_ source: Source, root: String) -> [String: Any] { Self.sourceSummary(source, root: root) }

    static func sourceSummary(_ source: Source, root: String) -> [String: Any] {
        var summary: [String: Any] = ["id": source.id, "title": source.displayTitle, "href": root + Routes.source(source.id),
                                      "kind": source.metadata.kind.rawValue, "kind_label": kindLabel(source.metadata.kind)]
        if let publisher = source.metadata.publisher { summary["publisher"] = publisher }
        if let date = source.metadata.date { summary["date"] = date }
        return summary
    }

    static func kindLabel(_ kind: SourceKind) -> String {
        switch kind {
        case .news: return "News article"
        case .primary: return "Primary source"
        case .post: return "Post on X"
        }
    }

    /// A source's text as the article page shows it (`body_html`), made only if the page is rendered.
    private func sourceBody(_ source: Source) -> DeferredHTML {
        let marks = marks[source.id] ?? []
        var inputs = BinaryWriter()
        // A source loaded from files is pinned by its inputs' digest; only others are written out whole.
        if let digest = source.inputDigest { inputs.write(digest) } else { inputs.write(source.text) }
        inputs.write(marks)
        return DeferredHTML(section: "source", name: "body_html", key: ContentDigest(inputs)) { SourceHTML.render(source.text, marks: marks) }
    }

    private func sourceContext(_ source: Source, root: String) -> [String: Any] {
        var context = sourceSummary(source, root: root)
        context["has_title"] = source.title != nil
        context["format"] = source.format == .scrapedText ? "scraped text" : "Markdown"
        if let url = source.metadata.url { context["url"] = url }
        if let author = source.metadata.author { context["author"] = author }
        if let note = source.metadata.note { context["note"] = note }
        let comparisons = comparisons(of: source, root: root), entities = entitiesNamed(in: source, root: root)
        context["comparisons"] = comparisons
        context["has_comparisons"] = !comparisons.isEmpty
        context["entities"] = entities
        context["has_entities"] = !entities.isEmpty
        return context
    }
}

/// HTML that a page needs only when it is rendered: the digest of what it is made from
/// stands for it in the page's key, so a page kept from the previous build never makes it.
/// It goes into the context as `name` inside the dictionary `section`.
struct DeferredHTML {
    let section: String
    let name: String
    let key: ContentDigest
    let make: () -> String
}

/// A claim's passage in a source, to be marked on the source's page.
struct SourceMark: BinaryCodable {
    var span: TextSpan
    /// The element id the claim page links to: `q-<claim id>`.
    var anchor: String
    var claimHref: String
    var number: Int
    var statement: String

    func encode(to writer: inout BinaryWriter) {
        writer.write(span)
        writer.write(anchor)
        writer.write(claimHref)
        writer.write(number)
        writer.write(statement)
    }

    init(span: TextSpan, anchor: String, claimHref: String, number: Int, statement: String) {
        (self.span, self.anchor, self.claimHref, self.number, self.statement) = (span, anchor, claimHref, number, statement)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(span: try reader.read(), anchor: try reader.read(), claimHref: try reader.read(), number: try reader.read(), statement: try reader.read())
    }
}

/// A source's text as HTML: its blocks in SiteGen's own tags, each with its
/// anchor (`p1`, `p2`, …), the claims' passages marked, and the text itself
/// escaped by cmark's renderer (see `HTMLFragment`). Mustache would do the
/// same escaping, but a source page has hundreds of small pieces, and looking
/// each up through Mustache's context costs far more than the page around it.
enum SourceHTML {
    static func render(_ text: SourceText, marks: [SourceMark] = []) -> String {
        HTMLFragment.render(blocks(text, marks: marks))
    }

    static func blocks(_ text: SourceText, marks: [SourceMark]) -> [HTMLFragment.Node] {
        var nodes: [HTMLFragment.Node] = []
        var listItems: [HTMLFragment.Node] = []
        func closeList() {
            if !listItems.isEmpty { nodes.append(.block(open: "<ul>", close: "</ul>", children: listItems)); listItems = [] }
        }
        for (index, block) in text.blocks.enumerated() {
            let blockStart = text.blockStarts[index]
            let blockEnd = blockStart + block.scalarCount
            let inside = marks.filter { $0.span.start < blockEnd && $0.span.end > blockStart }
            let content = inlines(block.runs, from: blockStart, marks: inside)
            let id = Routes.paragraphAnchor(index)
            switch block.kind {
            case .listItem:
                listItems.append(.block(open: "<li id=\"\(id)\">", close: "</li>", children: content))
                continue
            case .paragraph: closeList(); nodes.append(.block(open: "<p id=\"\(id)\">", close: "</p>", children: content))
            case .heading(let level):
                let tag = "h\(min(level + 1, 6))"
                closeList(); nodes.append(.block(open: "<\(tag) id=\"\(id)\">", close: "</\(tag)>", children: content))
            case .quote:
                closeList(); nodes.append(.block(open: "<blockquote><p id=\"\(id)\">", close: "</p></blockquote>", children: content))
            case .embed:
                closeList(); nodes.append(.block(open: "<blockquote class=\"embed\"><p id=\"\(id)\">", close: "</p></blockquote>", children: content))
            case .code: closeList(); nodes.append(.block(open: "<pre id=\"\(id)\">", close: "</pre>", children: content))
            }
        }
        closeList()
        return nodes
    }

    /// Cuts the runs wherever a marked passage starts or ends, so each piece
    /// is either inside or outside every mark.
    static func inlines(_ runs: [TextRun], from blockStart: Int, marks: [SourceMark]) -> [HTMLFragment.Node] {
        var result: [HTMLFragment.Node] = []
        var offset = blockStart
        for run in runs {
            let scalars = run.text.unicodeScalars
            let runEnd = offset + run.text.scalarCount
            var cuts = Set([offset, runEnd])
            for mark in marks {
                for edge in [mark.span.start, mark.span.end] where edge > offset && edge < runEnd { cuts.insert(edge) }
            }
            let points = cuts.sorted()
            // The pieces are sliced from the run's own string as the cuts go by: no copy of its scalars.
            var pieceStart = scalars.startIndex
            for (start, end) in zip(points, points.dropFirst()) {
                let pieceEnd = scalars.index(pieceStart, offsetBy: end - start)
                defer { pieceStart = pieceEnd }
                // Claim ids are checked to be [a-z0-9-], so they can go into an id as they are.
                for mark in marks where mark.span.start == start {
                    result.append(.inline(open: "<span id=\"\(mark.anchor)\" class=\"anchor-target\">", close: "</span>", children: []))
                }
                var piece = styled(points.count == 2 ? run.text : String(scalars[pieceStart..<pieceEnd]), run)
                if marks.contains(where: { $0.span.start <= start && $0.span.end >= end }) {
                    piece = .inline(open: "<mark>", close: "</mark>", children: [piece])
                }
                result.append(piece)
                for mark in marks where mark.span.end == end {
                    result.append(.inline(open: "<sup class=\"claim-ref\">", close: "</sup>", children: [
                        .link(url: mark.claimHref, title: "Claim \(mark.number): \(mark.statement)", children: [.text("C\(mark.number)")]),
                    ]))
                }
            }
            offset = runEnd
        }
        return result
    }

    private static func styled(_ text: String, _ run: TextRun) -> HTMLFragment.Node {
        var node: HTMLFragment.Node = run.code ? .code(text) : .text(text)
        if run.emphasis { node = .emphasis([node]) }
        if run.strong { node = .strong([node]) }
        if let link = run.link { node = .link(url: link, title: nil, children: [node]) }
        return node
    }
}
