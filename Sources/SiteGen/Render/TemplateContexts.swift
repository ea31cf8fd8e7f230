/// One name a template may use, with what it holds. The renderer's contexts are held to these
/// declarations by `TemplateContextTests` (every value it gives is declared here, with this
/// kind), templates are checked against them when they load (`TemplateCheck`), and
/// `docs/templates.md` is made from them.
public struct TemplateVariable: Sendable {
    public indirect enum Kind: Sendable {
        /// Text, escaped by `{{name}}`.
        case text
        /// HTML made by sitegen (cmark's safe renderer, or escaped and marked up): `{{{name}}}`.
        case html
        /// True or absent: a section shows when it is true.
        case flag
        /// A whole number; a section on it shows when it is there (counts of 0 are left out).
        case number
        /// A list of texts: `{{#name}}{{.}}{{/name}}`.
        case texts
        /// A list: a section repeats for each item, whose names are these.
        case list([TemplateVariable])
        /// A group of names: `{{name.field}}`, or a section that opens it.
        case object([TemplateVariable])
    }

    public var name: String
    public var kind: Kind
    public var meaning: String
    /// Given on some pages only (or only when it has a value): test it with a section.
    public var optional = false

    static func text(_ name: String, _ meaning: String, optional: Bool = false) -> Self { Self(name: name, kind: .text, meaning: meaning, optional: optional) }
    static func html(_ name: String, _ meaning: String, optional: Bool = false) -> Self { Self(name: name, kind: .html, meaning: meaning, optional: optional) }
    static func flag(_ name: String, _ meaning: String) -> Self { Self(name: name, kind: .flag, meaning: meaning, optional: true) }
    static func number(_ name: String, _ meaning: String, optional: Bool = false) -> Self { Self(name: name, kind: .number, meaning: meaning, optional: optional) }
    static func texts(_ name: String, _ meaning: String) -> Self { Self(name: name, kind: .texts, meaning: meaning) }
    static func list(_ name: String, _ meaning: String, _ fields: [TemplateVariable]) -> Self { Self(name: name, kind: .list(fields), meaning: meaning) }
    static func object(_ name: String, _ meaning: String, _ fields: [TemplateVariable], optional: Bool = false) -> Self {
        Self(name: name, kind: .object(fields), meaning: meaning, optional: optional)
    }

    /// The same, given on some pages only.
    var asOptional: Self {
        var variable = self
        variable.optional = true
        return variable
    }

    /// The names inside a list or object.
    var fields: [TemplateVariable] {
        switch kind {
        case .list(let fields), .object(let fields): return fields
        default: return []
        }
    }
}

/// What each template is given: the typed declaration of every context the renderer makes.
public enum TemplateContexts {
    /// A page template's own names, and what it is: the pages add `layout` to every one.
    public struct Entry: Sendable {
        public var template: String
        public var purpose: String
        public var variables: [TemplateVariable]
        /// Rendered as a whole page through `layout` (which then sees these names and `page`'s).
        public var isPage: Bool
    }

    // MARK: Shared groups

    static let site: TemplateVariable = .object("site", "site.yaml, as every template sees it.", [
        .text("title", "The site's name."),
        .text("description", "The site's description.", optional: true),
        .text("language", "The `lang` of every page."),
        .text("base_url", "Where the site is published, ending in `/`."),
        .object("publisher", "Who publishes the explainer.", [
            .text("name", "The publisher's name."),
            .text("url", "The publisher's address.", optional: true),
        ]),
        .object("contact", "Where readers report an error.", [
            .text("text", "The address as written in site.yaml."),
            .text("href", "A link to it (`mailto:` for an email address)."),
        ], optional: true),
        .flag("publish_review", "The review queue is published (`publish_review: true`)."),
        .text("about", "The slug of the page that explains ratings and corrections (`corrections:`).", optional: true),
    ])

    static let navigation: TemplateVariable = .list("nav", "The site's navigation.", [
        .text("title", "The item's label."),
        .text("href", "Its link, relative to the page."),
        .flag("current", "It is the page being rendered."),
    ])

    /// What the header and footer see: rendered once per depth, not once per page.
    static let chrome: [TemplateVariable] = [
        site,
        .text("root", "The relative way back to the site's root (empty at the root, `../` one level down): put it before every site path. On `404.html`, which a server shows at any depth, the base URL's path instead."),
        .text("home", "The link to the home page (`./` at the root; the base URL's path on `404.html`)."),
        .text("generator", "sitegen's name and version."),
        navigation,
    ]

    /// What `layout` sees on every page, beside the page's own names.
    static let layout: [TemplateVariable] = chrome + [
        .text("page_title", "The `<title>`: the page's title and the site's."),
        .text("og_title", "The page's title alone, for Open Graph."),
        .text("og_type", "`website` for the home page, else `article`."),
        .text("description", "The page's description, else the site's.", optional: true),
        .text("canonical", "The page's absolute address under `base_url`."),
        .html("header_html", "The `header` template, rendered."),
        .html("footer_html", "The `footer` template, rendered."),
    ]

    static let pager: TemplateVariable = .object("pager", "The list's pages, for the `pager` partial.", [
        .flag("has_pages", "There is more than one page."),
        .number("number", "This page's number."),
        .number("total", "How many pages there are."),
        .list("pages", "Every page of the list.", [
            .number("number", "The page's number."),
            .text("href", "Its link."),
            .flag("current", "It is this page."),
        ]),
        .text("previous", "The link to the page before.", optional: true),
        .text("next", "The link to the page after.", optional: true),
    ])

    static let chapters: TemplateVariable = .list("chapters", "The explainer pages in reading order.", [
        .text("title", "The page's title."), .text("href", "Its link."), .flag("current", "It is this page."),
    ])

    static let differences: TemplateVariable = .list("differences", "How this wording differs from the one compared with.", [
        .text("kind", "One of " + Difference.Kind.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ") + "."),
        .text("text", "The difference, in words."),
    ])

    /// A claim in a list: the `claim-item` partial's names.
    static let claimSummary: [TemplateVariable] = [
        .number("number", "The claim's number on the site."),
        .text("id", "The claim's id."),
        .text("href", "The link to the claim's page."),
        .text("statement", "The claim in the site's words."),
        .text("kind", "`figure`, `quote`, `event`, `allegation`, `characterization` or `context`."),
        .text("speaker", "Who made the claim."),
        .text("attribution", "Did the speaker say it: `verified`, `attributed`, `reported` or `unverifiable`."),
        .text("attribution_label", "The attribution in words."),
        .text("verdict", "Is it true: the desk's rating, when it gives one.", optional: true),
        .text("verdict_label", "The verdict in words.", optional: true),
        .number("source_count", "How many sources carry the claim."),
        .text("sources_text", "The same, in words (\"3 sources\")."),
        .number("difference_count", "How many differences the wordings show (absent when none).", optional: true),
        .text("differences_text", "The same, in words."),
    ]

    /// A source in a list.
    static let sourceSummary: [TemplateVariable] = [
        .text("id", "The source's id (its file name)."),
        .text("href", "The link to the source's page."),
        .text("title", "Its title."),
        .text("publisher", "Its outlet or platform.", optional: true),
        .text("date", "When it was published (YYYY-MM-DD).", optional: true),
        .text("kind", "`news`, `primary` or `post`."),
        .text("kind_label", "The kind in words."),
    ]

    /// A wording of a claim, in the claim page's comparison.
    static let wordingFields: [TemplateVariable] = sourceSummary + [
        .text("short_title", "A short label for the column."),
        .text("quote", "The words as the source has them."),
        .html("pieces_html", "The words as HTML; in quoted wordings, the added and dropped words marked."),
        .text("before", "The text just before the words."),
        .text("after", "The text just after."),
        .text("anchor_href", "The link to the words in the source's page."),
        .flag("is_reference", "It is the primary reference."),
    ]

    static let dateMention: [TemplateVariable] = [
        .text("source", "The source's label."),
        .text("source_title", "The source's title."),
        .text("href", "The link to the paragraph of the source that has the sentence."),
        .html("excerpt_html", "The sentence, the date marked."),
        .text("explanation", "How the date was placed, or why it could not be."),
        .text("doubt", "What makes the date uncertain.", optional: true),
        .flag("relative", "A relative date (\"last week\") placed from the source's own date."),
    ]

    static let pairSummary: [TemplateVariable] = [
        .text("first", "The first source's title."),
        .text("second", "The second source's title."),
        .text("href", "The link to the comparison page."),
        .number("shared_count", "How many claims both carry."),
        .text("shared_text", "The same, in words."),
        .number("reused_count", "How many passages they share word for word.", optional: true),
        .text("reused_text", "The same, in words."),
    ]

    // MARK: Templates

    public static let entries: [Entry] = [
        Entry(template: "layout", purpose: "The frame of every page: `{{$main}}` is where a page's own template goes.", variables: layout, isPage: false),
        Entry(template: "header", purpose: "The site's header and navigation, rendered once per depth.", variables: chrome, isPage: false),
        Entry(template: "footer", purpose: "The site's footer, rendered once per depth.", variables: chrome, isPage: false),
        Entry(template: "index", purpose: "The home page.", variables: [
            .text("lede", "The site's description (site.yaml), when it has one.", optional: true),
            .html("summary_html", "The home page (`pages/index.md`) as HTML, with its claim links and margin notes.", optional: true),
            .list("key_claims", "The claims `key_claims` lists (absent without `pages/index.md`).", claimSummary).asOptional,
            .flag("has_key_claims", "There are key claims."),
            chapters,
            .flag("has_chapters", "There are explainer pages."),
            .list("sources", "The newest sources.", sourceSummary),
            .flag("more_sources", "There are more sources than the home page lists."),
            .number("source_count", "How many sources there are."),
            .number("claim_count", "How many claims there are."),
        ], isPage: true),
        Entry(template: "page", purpose: "An explainer page.", variables: [
            .object("page", "The page.", [
                .text("title", "Its title."),
                .html("html", "Its text, with the claim links and margin notes."),
                .number("note_count", "How many margin notes it has.", optional: true),
                .object("previous", "The page before, in reading order.", [.text("title", "Its title."), .text("href", "Its link.")], optional: true),
                .object("next", "The page after.", [.text("title", "Its title."), .text("href", "Its link.")], optional: true),
            ]),
            chapters,
        ], isPage: true),
        Entry(template: "claim-note", purpose: "A margin note beside a claim link in an explainer page (rendered on its own, into the page's HTML).",
              variables: claimSummary + [
                .text("note_id", "The note's element id."),
                .text("page", "The slug of the page the note is on."),
                .text("wording", "The wording shown in the note.", optional: true),
                .text("wording_source", "Whose wording it is.", optional: true),
                .number("differing_count", "How many of its wordings differ (0 when none)."),
                .flag("has_differing", "Some sources word it differently."),
                .text("difference_kinds", "The kinds of difference found, their `kind` names joined by \", \" (empty when none)."),
                .flag("all_agree", "Every source has the same words."),
                .flag("single_source", "Only one source carries the claim."),
              ], isPage: false),
        Entry(template: "claim-item", purpose: "A claim in a list (rendered on its own, into list pages' HTML; comparison pages also give it `site` and `root`).",
              variables: claimSummary + [
                site.asOptional,
                .text("root", "The relative way back to the site's root, on comparison pages.", optional: true),
              ], isPage: false),
        Entry(template: "claims", purpose: "The list of claims.", variables: [
            .list("claims", "The claims on this page of the list.", claimSummary), pager,
        ], isPage: true),
        Entry(template: "claim", purpose: "A claim's page: every source's wording side by side.", variables: [
            .object("claim", "The claim.", claimSummary + [
                .text("summary", "The reason for the verdict.", optional: true),
                .text("reviewed", "When the desk reviewed the claim.", optional: true),
                .text("updated", "When the claim's page last changed, when that is after the review.", optional: true),
                .html("notes_html", "The claim's notes.", optional: true),
                .text("not_disputed", "Why differing figures do not make it disputed.", optional: true),
                .texts("not_checked", "What the desk could not check."),
                .flag("has_not_checked", "There is something the desk could not check."),
                .texts("checked", "What the desk checked."),
                .flag("has_checked", "There is a list of what was checked."),
                .text("base_title", "The title of the wording the others are compared with.", optional: true),
                .object("reference", "The primary wording.", wordingFields, optional: true),
                .html("columns_html", "Every source's wording, side by side: the built-in theme's columns, ready as HTML."),
                .list("columns", "Each source's wording, for a theme that lays the columns out itself (made only when a template reads it).", wordingFields + [
                    .text("anchor_id", "`src-<id>`: the element id, on each source's first column only.", optional: true),
                    .text("match", "`curated` or `auto`; absent for the primary reference.", optional: true),
                    .text("score", "How closely an automatic match fits, for `auto` wordings.", optional: true),
                    .text("attributed_to", "Where this source says the words come from.", optional: true),
                    .text("note", "The curator's remark.", optional: true),
                    differences.asOptional,
                    .flag("has_differences", "The wording differs."),
                    .flag("identical", "The same words as the wording compared with."),
                    .flag("is_base", "The wording the others are compared with."),
                    .flag("paraphrase", "Not printed in quotation marks: compared on what it claims."),
                ]),
                .flag("has_comparison", "There is more than one wording to compare."),
                .object("sum_check", "Whether the parts add up to this claim's figure.", [
                    .list("parts", "The claims that add up.", [.text("id", "The part's id."), .text("href", "Its link."), .text("figure", "Its figure.")]),
                    .flag("consistent", "They add up."),
                    .text("explanation", "The arithmetic, in words."),
                ], optional: true),
                .list("corrections", "Corrections that name the claim.", [.text("date", "When."), .text("text", "What was changed.")]),
                .flag("has_corrections", "There are corrections."),
                .html("jsonld", "The ClaimReview JSON-LD, when the claim has a verdict.", optional: true),
            ]),
        ], isPage: true),
        Entry(template: "coverage", purpose: "Which source carries which claim: a claims × sources table up to 60 sources, beyond that (`summary`) a table of counts per claim.", variables: [
            .flag("summary", "The site has too many sources for the full table: `rows` hold counts instead of cells."),
            .number("limit", "Up to how many sources the full table is drawn (summary only).", optional: true),
            .number("source_count", "How many sources the site has (summary only).", optional: true),
            .list("columns", "The sources (full table only).", [
                .text("id", "The source's id."), .text("href", "Its link."), .text("title", "Its title."), .text("short_title", "The column's label."),
            ]).asOptional,
            .list("rows", "The claims.", claimSummary + [
                .number("same", "How many sources have the same words (summary only; 0 when none).", optional: true),
                .number("paraphrase", "How many paraphrase it with the same figures, hedges and negations (summary only; 0 when none).", optional: true),
                .number("differs", "How many word it differently (summary only; 0 when none).", optional: true),
                .number("auto", "How many of its wordings were matched automatically (summary only; 0 when none).", optional: true),
                .flag("has_reference", "It has a primary reference (summary only)."),
                .list("cells", "One cell per source (full table only).", [
                    .text("source", "The source's short label (as in the column heading)."),
                    .text("label", "What the cell's mark means, in words."),
                    .text("href", "The link to the wording.", optional: true),
                    .number("count", "How many differences its wordings show (0 on same, paraphrase and base cells).", optional: true),
                    .flag("reference", "The primary reference."),
                    .flag("base", "The wording compared with."),
                    .flag("same", "The same words."),
                    .flag("differs", "Different words."),
                    .flag("paraphrase", "A paraphrase."),
                    .flag("auto", "Found by automatic matching."),
                    .flag("none", "The source does not carry the claim."),
                ]).asOptional,
            ]),
            .list("legend", "What each mark means (full table only).", [.text("mark", "The mark."), .text("text", "Its meaning.")]).asOptional,
            .flag("has_auto", "Some wordings were found by automatic matching."),
        ], isPage: true),
        Entry(template: "articles", purpose: "The list of sources.", variables: [.list("sources", "The sources on this page of the list.", sourceSummary), pager], isPage: true),
        Entry(template: "article", purpose: "A source's page: its text, with every claim it carries marked.", variables: [
            .object("source", "The source.", sourceSummary + [
                .text("author", "Its author.", optional: true),
                .text("url", "Its original address.", optional: true),
                .text("note", "The editor's note on provenance.", optional: true),
                .text("format", "How it is stored, in words: `scraped text` or `Markdown`."),
                .flag("has_title", "The source has a title of its own."),
                .html("body_html", "The text, with the claims' passages marked."),
                .list("entities", "Who and what it names.", [
                    .text("id", "The entity's id."), .text("href", "Its link."), .text("name", "Its name."), .text("kind", "Its kind."),
                    .text("description", "Its description.", optional: true), .number("count", "How often the source names it."),
                    .text("mentions_text", "The same, in words."),
                ]),
                .flag("has_entities", "It names some."),
                .list("comparisons", "The other sources it can be compared with.", pairSummary + [.text("other", "The other source's label.")]),
                .flag("has_comparisons", "There are some."),
            ]),
        ], isPage: true),
        Entry(template: "timeline", purpose: "Every dated event, day by day.", variables: [
            .list("days", "The days, in order.", [
                .text("date", "The day, month or year, in words."),
                .text("iso", "The date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, for `<time datetime>`."),
                .list("events", "What happened that day.", [
                    .list("claims", "Claims about it.", claimSummary),
                    .list("publications", "Sources published that day (the first few).", sourceSummary),
                    .number("more_publications", "How many more were published that day.", optional: true),
                    .list("mentions", "Sentences that date it (the first few).", dateMention),
                    .number("more_mentions", "How many more sentences date it.", optional: true),
                    .flag("has_mentions", "There are such sentences."),
                    .flag("uncertain", "The date is uncertain."),
                ]),
            ]),
            .list("unplaced", "Dates that cannot be placed, the first 200 (last page only).", dateMention).asOptional,
            .flag("has_unplaced", "There are some."),
            pager,
        ], isPage: true),
        Entry(template: "entities", purpose: "Who's who: the people, organisations and products the sources name.", variables: [
            .list("groups", "The entities by kind.", [
                .text("heading", "The kind, as a heading."),
                .list("entities", "The entities of that kind.", [
                    .text("id", "The entity's id."), .text("href", "Its link."), .text("name", "Its name."), .text("kind", "Its kind."),
                    .text("description", "Its description.", optional: true),
                    .number("mention_count", "How often the sources name it (0 when never)."), .text("mentions_text", "The same, in words."),
                    .number("source_count", "How many sources name it (0 when none)."), .text("sources_text", "The same, in words."),
                ]),
            ]),
        ], isPage: true),
        Entry(template: "entity", purpose: "An entity's page: its spellings, the claims by and about it, and where the sources name it.", variables: [
            .object("entity", "The entity.", [
                .text("id", "Its id."), .text("href", "Its link."), .text("name", "Its name."), .text("kind", "Its kind."),
                .text("description", "Its description.", optional: true),
                .list("spellings", "How the sources spell it.", [
                    .text("spelling", "The spelling."), .number("count", "How often."), .flag("unknown", "Not in `aliases`."),
                ]),
                .list("claims_by", "Claims it made.", claimSummary),
                .flag("has_claims_by", "There are some."),
                .list("claims_about", "Claims about it.", claimSummary),
                .flag("has_claims_about", "There are some."),
                .list("sources", "Where the sources name it (the first 200; `more_sources` counts the rest).", [
                    .text("source", "The source's label."), .text("source_title", "Its title."), .text("href", "The link to the first mention."),
                    .text("page", "The source's page."), .number("count", "How often it names the entity."),
                    .text("mentions_text", "The same, in words."), .html("excerpt_html", "The first mention in context."),
                ]),
                .flag("has_sources", "There are some."),
                .number("more_sources", "How many more sources name it than the page lists.", optional: true),
            ]),
        ], isPage: true),
        Entry(template: "compare-index", purpose: "The pairs of sources that can be compared.", variables: [
            .list("pairs", "The pairs on this page of the list.", pairSummary),
            .number("per_source", "How many other sources each source is paired with, by its own best matches (a source page may list more)."),
            .text("other_sources_text", "The same, in words."),
            pager,
        ], isPage: true),
        Entry(template: "compare", purpose: "Two sources side by side: the claims both carry, each one's own, and shared passages.", variables: [
            .object("pair", "The two sources.", [
                .object("first", "The first source.", sourceSummary),
                .object("second", "The second source.", sourceSummary),
                .text("first_short", "The first source's short label."),
                .text("second_short", "The second's."),
                .list("shared", "The claims both carry.", claimSummary + [
                    .text("first_href", "The first source's wording."), .text("second_href", "The second's."),
                    .html("first_pieces_html", "The first source's words, differences marked."),
                    .html("second_pieces_html", "The second's."),
                    differences,
                    .flag("identical", "The same words."),
                ]),
                .flag("has_shared", "There are some."),
                .html("first_only_html", "The claims only the first carries, each through `claim-item`."),
                .flag("has_first_only", "There are some."),
                .html("second_only_html", "The claims only the second carries."),
                .flag("has_second_only", "There are some."),
                .list("reused", "Passages they share word for word.", [
                    .text("source", "The first source's label."), .text("source_title", "Its title."), .text("href", "The passage in it."),
                    .text("first_href", "The passage in the first source."), .text("second_href", "In the second."),
                    .html("excerpt_html", "The passage."), .number("words", "Its length in words."),
                ]),
                .flag("has_reused", "There are some."),
                .number("minimum_words", "The shortest passage counted."),
            ]),
        ], isPage: true),
        Entry(template: "review", purpose: "The review queue (published only with `publish_review: true`).", variables: [
            .flag("has_items", "The queue is not empty."),
            .number("count", "How many items the queue holds."),
            .text("items_text", "How many items, in words."),
            .list("groups", "The items by source.", [
                .text("id", "The source's id."), .text("title", "Its title."), .text("href", "Its link."),
                .list("items", "Its uncovered figures and quotations.", [
                    .text("text", "The words."), .text("kind", "`figure` or `quotation`."), .text("reason", "Why it is in the queue."),
                    .text("href", "The link to it in the source."),
                ]),
            ]),
            pager,
        ], isPage: true),
        Entry(template: "corrections", purpose: "The corrections log.", variables: [
            .list("corrections", "Newest first.", [
                .number("number", "The correction's number, in the order of the file."),
                .text("date", "When it was made."), .text("text", "What was changed."),
                .list("claims", "The claims it touches.", [.number("number", "The claim's number."), .text("href", "Its link."), .text("statement", "Its statement.")]),
                .flag("has_claims", "It names claims."),
            ]),
            .flag("has_corrections", "There are corrections."),
        ], isPage: true),
        Entry(template: "404", purpose: "The page a server shows for an address the site does not have.", variables: [], isPage: true),
        Entry(template: "feed", purpose: "The Atom feed, feed.xml.", variables: [
            site,
            .text("generator", "sitegen's name and version."),
            .text("updated", "When the feed last changed."),
            .list("entries", "The 50 newest explainer pages, sources and corrections, newest first.", [
                .text("title", "The entry's title."), .text("url", "Its address."), .text("updated", "When it changed."),
                .text("summary", "Its description, or a sentence made for it."), .text("category", "`explainer`, `source` or `correction`."),
            ]),
        ], isPage: false),
        Entry(template: "sitemap", purpose: "sitemap.xml; past 5,000 addresses, an index of several.", variables: [
            .list("urls", "The site's addresses.", [.text("loc", "An address.")]).asOptional,
            .flag("index", "This is the index of several sitemaps."),
            .list("sitemaps", "The sitemaps of the index.", [.text("loc", "A sitemap's address.")]).asOptional,
        ], isPage: false),
    ]

    /// The names `template` is given, page templates with `layout`'s; nil for a partial that is only included.
    public static func variables(for template: String) -> [TemplateVariable]? {
        guard let entry = entries.first(where: { $0.template == template }) else { return nil }
        return entry.isPage ? layout + entry.variables : entry.variables
    }
}
