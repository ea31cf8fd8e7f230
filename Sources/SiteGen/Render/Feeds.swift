import Foundation

/// `feed.xml` (Atom: the explainer pages and the sources) and `sitemap.xml`.
/// Both are made from dates in the content only, never from the clock, so
/// the same input gives the same bytes.
extension SiteRenderer {
    static let feedEntryLimit = 50
    /// Sitemaps hold at most this many addresses each; more make a sitemap index.
    static let sitemapLimit = 5_000

    func feedFile() -> RenderedFile {
        struct Entry {
            var title: String, path: String, date: String, category: String, summary: String
            var fragment = ""
            /// Orders entries of one day and page: a correction's number.
            var order = 0
        }
        var entries: [Entry] = []
        for explainer in site.pages {
            guard let date = explainer.updated ?? site.config.updated else { continue }
            entries.append(Entry(title: explainer.isHome ? site.config.title : explainer.title,
                                 path: explainer.isHome ? "index.html" : "\(explainer.slug)/index.html", date: date, category: "explainer",
                                 summary: explainer.description ?? "Explainer page: \(explainer.title)."))
        }
        for source in site.sources {
            // A source without a date enters the feed when the site was last updated.
            guard let date = source.metadata.date ?? site.config.updated else { continue }
            let by = [source.metadata.publisher, source.metadata.date].compactMap { $0 }.joined(separator: ", ")
            entries.append(Entry(title: source.displayTitle, path: Routes.file(Routes.source(source.id)), date: date, category: "source",
                                 summary: "\(Self.kindLabel(source.metadata.kind))\(by.isEmpty ? "" : " (\(by))"), with the claims it reports marked."))
        }
        for correction in site.corrections {
            // Each correction is an entry of its own, linked to the log's entry.
            entries.append(Entry(title: "Correction, \(DateText.short(correction.date))", path: "corrections/index.html",
                                 date: correction.date, category: "correction", summary: correction.text,
                                 fragment: "#correction-\(correction.number)", order: correction.number))
        }
        entries.sort { ($0.date, $0.path, $0.order) > ($1.date, $1.path, $1.order) }
        // A feed carries the newest entries, as readers expect; the site has the rest.
        entries = Array(entries.prefix(Self.feedEntryLimit))
        let newest = entries.map(\.date).max() ?? site.config.updated ?? "1970-01-01"
        let context: [String: Any] = [
            "site": siteContext, "generator": Self.generator, "updated": Self.atomTime(newest),
            "entries": entries.map { ["title": $0.title, "url": canonicalURL($0.path) + $0.fragment, "updated": Self.atomTime($0.date),
                                      "category": $0.category, "summary": $0.summary] },
        ]
        return RenderedFile(path: "feed.xml", data: Data(templates.render("feed", context).utf8))
    }

    /// Every HTML page but the 404 page, at its canonical address: one
    /// `sitemap.xml`, or beyond `limit` addresses a sitemap index
    /// pointing to `sitemap-1.xml`, `sitemap-2.xml`, ….
    ///
    /// Each file is kept from the previous build when what it lists is the same, with the same
    /// template and base address: most rebuilds add or remove no page, and at 17,000 pages the
    /// four files were rendered again on every build.
    func sitemapFiles(pages: [RenderedFile], limit: Int = Self.sitemapLimit) -> [RenderedFile] {
        let paths = pages.map(\.path).filter { $0.hasSuffix(".html") && $0 != "404.html" }.sorted()
        let fingerprint = templates.fingerprint(of: "sitemap")
        func file(_ path: String, listing: [String], context: () -> [String: Any]) -> RenderedFile {
            var inputs = BinaryWriter(capacity: listing.count * 32)
            for part in ["sitemap", fingerprint, site.config.baseURL, path] { inputs.write(part) }
            inputs.write(listing)
            let key = "inputs:" + ContentDigest(inputs).hex
            if let cache, cache.canReuse(path, key: key) { return RenderedFile(unchanged: path, key: key) }
            var file = RenderedFile(path: path, data: Data(templates.render("sitemap", context()).utf8))
            file.key = key
            return file
        }
        func locations(_ paths: [String]) -> [[String: String]] { paths.map { ["loc": canonicalURL($0)] } }
        guard paths.count > limit else {
            return [file("sitemap.xml", listing: paths) { ["urls": locations(paths)] }]
        }
        let parts = stride(from: 0, to: paths.count, by: limit).enumerated().map { number, start in
            let listed = Array(paths[start..<min(paths.count, start + limit)])
            return file("sitemap-\(number + 1).xml", listing: listed) { ["urls": locations(listed)] }
        }
        let partPaths = parts.map(\.path)
        let index = file("sitemap.xml", listing: partPaths) {
            ["index": true, "sitemaps": partPaths.map { ["loc": site.config.baseURL + $0] }]
        }
        return parts + [index]
    }

    /// An Atom timestamp for a calendar day: midnight UTC.
    static func atomTime(_ day: String) -> String { "\(day)T00:00:00Z" }
}
