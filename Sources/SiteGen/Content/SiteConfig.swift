/// `Content/site.yaml`: what the whole site is and who publishes it.
public struct SiteConfig: Hashable, Sendable {
    public var title: String
    public var description: String?
    public var language: String = "en"
    /// Absolute URL ending in `/`, e.g. `https://example.org/explainer/`.
    /// Pages link to each other relatively, so the site also works at any other address.
    public var baseURL: String
    public var publisherName: String
    public var publisherURL: String?
    /// The slug of the explainer page that holds the corrections policy.
    public var correctionsPage: String?
    /// When the explainer was last reviewed (YYYY-MM-DD): the ClaimReviews' `datePublished`.
    public var updated: String?
    /// Where readers report an error: an email address or a web address.
    public var contact: String?
    /// Whether the review queue (the desk's to-do list of unmatched figures and quotations) is
    /// published as `review/`. It is always in `sitegen check` and `claims.json`.
    public var publishReview = false

    /// `contact` as a link: `mailto:` for an email address.
    public var contactLink: String? { contact.map { URLPolicy.isWebAddress($0) ? $0 : "mailto:" + $0 } }

    public init(title: String, baseURL: String, publisherName: String) {
        self.title = title
        self.baseURL = baseURL
        self.publisherName = publisherName
    }

    static let fields: Set<String> = ["title", "description", "language", "base_url", "publisher", "corrections", "updated", "contact", "publish_review"]

    /// Reads the configuration, or returns the diagnostics that say why it cannot.
    static func parse(_ text: String, path: String) -> (SiteConfig?, [Diagnostic]) {
        var reader = YAMLReader(path: path)
        guard let root = reader.compose(text) else {
            if reader.diagnostics.isEmpty { reader.error(nil, "site.yaml is empty; it needs at least `title`, `base_url` and `publisher`") }
            return (nil, reader.diagnostics)
        }
        guard let map = reader.mapping(root, "site.yaml") else { return (nil, reader.diagnostics) }
        reader.rejectUnknownKeys(map, allowed: fields, in: "site.yaml")
        let title = reader.string(map, "title", required: true, in: "site.yaml")
        let baseURL = reader.string(map, "base_url", required: true, in: "site.yaml")
        var publisherName: String?
        var publisherURL: String?
        if let publisherNode = map["publisher"] {
            if let publisher = reader.mapping(publisherNode, "`publisher`") {
                reader.rejectUnknownKeys(publisher, allowed: ["name", "url"], in: "`publisher`")
                publisherName = reader.string(publisher, "name", required: true, in: "`publisher`")
                publisherURL = reader.string(publisher, "url", required: false, in: "`publisher`")
                if let url = publisherURL, !URLPolicy.isWebAddress(url) {
                    reader.error(publisher["url"], "`publisher.url` must be an http or https address, not `\(url)`")
                }
            }
        } else {
            reader.error(root, "site.yaml is missing the required field `publisher` (with `name` and optional `url`)")
        }
        if let baseURL, !URLPolicy.isWebAddress(baseURL) {
            reader.error(map["base_url"], "`base_url` must be an absolute http or https address such as https://example.org/explainer/, not `\(baseURL)`")
        }
        guard reader.diagnostics.isEmpty, let title, let baseURL, let publisherName else { return (nil, reader.diagnostics) }
        var config = SiteConfig(title: title, baseURL: baseURL.hasSuffix("/") ? baseURL : baseURL + "/", publisherName: publisherName)
        config.publisherURL = publisherURL
        config.description = reader.string(map, "description", required: false, in: "site.yaml")
        config.language = reader.string(map, "language", required: false, in: "site.yaml") ?? "en"
        config.correctionsPage = reader.string(map, "corrections", required: false, in: "site.yaml")
        if let updated = reader.string(map, "updated", required: false, in: "site.yaml") {
            if DateText.isValid(updated) { config.updated = updated } else { reader.error(map["updated"], "`updated` must be a date written YYYY-MM-DD") }
        }
        if let contact = reader.string(map, "contact", required: false, in: "site.yaml") {
            if URLPolicy.isWebAddress(contact) || URLPolicy.isEmailAddress(contact) { config.contact = contact }
            else { reader.error(map["contact"], "`contact` must be an email address or an http or https address, not `\(contact)`") }
        }
        if let publish = reader.flag(map, "publish_review", in: "site.yaml") { config.publishReview = publish }
        return (reader.diagnostics.isEmpty ? config : nil, reader.diagnostics)
    }
}
