/// Long lists split into pages, so no index grows without bound: the first
/// page is the folder's `index.html`, the next ones `index-2.html`, `index-3.html`
/// beside it (same depth, so relative links stay the same on every page).
struct Pagination {
    static let pageSize = 200

    struct Page {
        /// `articles/index.html`, `articles/index-2.html`, …
        var path: String
        var range: Range<Int>
        /// For the `pager` partial: links to every page, the current one marked.
        var pager: [String: Any]
    }

    /// The pages for `count` items in `folder` (for example `articles`).
    static func pages(count: Int, folder: String, size: Int = pageSize) -> [Page] {
        let total = max(1, (count + size - 1) / size)
        func file(_ number: Int) -> String { number == 1 ? "index.html" : "index-\(number).html" }
        func href(_ number: Int) -> String { number == 1 ? "./" : file(number) }
        return (1...total).map { number in
            var pager: [String: Any] = ["has_pages": total > 1, "total": total, "number": number,
                                        "pages": (1...total).map { ["number": $0, "href": href($0), "current": $0 == number] as [String: Any] }]
            if number > 1 { pager["previous"] = href(number - 1) }
            if number < total { pager["next"] = href(number + 1) }
            let start = (number - 1) * size
            return Page(path: "\(folder)/\(file(number))", range: start..<min(count, start + size), pager: pager)
        }
    }

    /// "Sources (page 2 of 3)": the title of every page after the first says where it is.
    static func title(_ base: String, _ page: Page) -> String {
        guard let number = page.pager["number"] as? Int, let total = page.pager["total"] as? Int, total > 1 else { return base }
        return "\(base) (page \(number) of \(total))"
    }
}
