/// What `draft: true` left out of a build (pages, sources and claims), or, with `--drafts`,
/// what it would have left out. A reference to a left-out draft is an error that says so,
/// not an "unknown" id.
public struct Drafts: Sendable, Equatable {
    /// True when drafts are built like everything else (`--drafts`).
    public var included = false
    public var pages: [String] = []
    public var sources: [String] = []
    public var claims: [String] = []

    public init(included: Bool = false) { self.included = included }

    public var count: Int { pages.count + sources.count + claims.count }

    /// Said in place of "unknown source/claim `id`" when `id` is a draft this build left out.
    func leftOut(source id: String) -> String? { !included && sources.contains(id) ? Self.reason("source", id) : nil }
    func leftOut(claim id: String) -> String? { !included && claims.contains(id) ? Self.reason("claim", id) : nil }

    private static func reason(_ what: String, _ id: String) -> String {
        "the \(what) `\(id)`, a draft (`draft: true`) left out of this build: remove `draft` to publish it, or build with --drafts"
    }

    /// "2 drafts left out (1 page, 1 claim)", or "2 drafts included (…)"; empty when there are none.
    public var summary: String {
        guard count > 0 else { return "" }
        let parts = [(pages.count, "page"), (sources.count, "source"), (claims.count, "claim")].filter { $0.0 > 0 }
            .map { Counted.text($0.0, $0.1) }
        return "\(Counted.text(count, "draft")) \(included ? "included" : "left out") (\(parts.joined(separator: ", ")))"
    }
}
