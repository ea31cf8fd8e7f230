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
    /// `sitemap.xml`, or beyond `sitemapLimit` addresses a sitemap index
    /// pointing to `sitemap-1.xml`, `sitemap-2.xml`, ….
    func sitemapFiles(pages: [RenderedFile]) -> [RenderedFile] {
        let paths = pages.map(\.path).filter { $0.hasSuffix(".html") && $0 != "404.html" }.sorted()
        // Made only when the sitemap is written.
        let locations = { paths.map { ["loc": self.canonicalURL($0)] } }
        guard paths.count > Self.sitemapLimit else {
            // Kept from the previous build when the same pages are published at the same address
            // with the same template: most rebuilds add or remove no page.
            var inputs = BinaryWriter(capacity: paths.count * 32)
            for part in ["sitemap", templates.fingerprint(of: "sitemap"), site.config.baseURL] { inputs.write(part) }
            inputs.write(paths)
            let key = "inputs:" + ContentDigest(inputs).hex
            if let cache, cache.canReuse("sitemap.xml", key: key) { return [RenderedFile(unchanged: "sitemap.xml", key: key)] }
            var file = RenderedFile(path: "sitemap.xml", data: Data(templates.render("sitemap", ["urls": locations()]).utf8))
            file.key = key
            return [file]
        }
        let urls = locations()
        let parts = stride(from: 0, to: urls.count, by: Self.sitemapLimit).enumerated().map { number, start in
            RenderedFile(path: "sitemap-\(number + 1).xml",
                         data: Data(templates.render("sitemap", ["urls": Array(urls[start..<min(urls.count, start + Self.sitemapLimit)])]).utf8))
        }
        let index = templates.render("sitemap", ["index": true, "sitemaps": parts.map { ["loc": site.config.baseURL + $0.path] }])
        return parts + [RenderedFile(path: "sitemap.xml", data: Data(index.utf8))]
    }

    /// An Atom timestamp for a calendar day: midnight UTC.
    static func atomTime(_ day: String) -> String { "\(day)T00:00:00Z" }
}
