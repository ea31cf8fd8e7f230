/// What a source is, as the reader should weigh it.
public enum SourceKind: String, Sendable, CaseIterable {
    /// A news article reporting on the story.
    case news
    /// A document published by a party to the story (a company's blog post).
    case primary
    /// A post on a social network by a party to the story.
    case post
}

/// The facts about a source that are known from outside its text
/// (front matter or a sidecar file) or stated by the text itself.
public struct SourceMetadata: Hashable, Sendable {
    public var title: String?
    public var publisher: String?
    /// `YYYY-MM-DD`.
    public var date: String?
    public var url: String?
    public var kind: SourceKind = .news
    public var author: String?
    /// An editor's note on provenance (how the copy was obtained, what is unverified).
    public var note: String?
    /// `draft: true`: left out of the site unless the build asks for drafts.
    public var draft = false

    public init() {}
}

/// One source document: a scraped article or a primary source.
///
/// Its fields live in one immutable box shared by every copy: a source is copied into arrays,
/// closures and results on every step, and copying the box costs one reference count where the
/// fields cost fourteen. Setting a field makes a new box, so a source still behaves as a value.
public struct Source: Hashable, Sendable {
    public enum Format: String, Sendable { case scrapedText = "txt", markdown = "md" }

    private struct Fields: Hashable, Sendable {
        var id: String
        var path: String
        var format: Format
        var metadata: SourceMetadata
        var headline: String?
        var text: SourceText
        var inputDigest: ContentDigest?
        var openingWords: [String]
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private mutating func set<Value>(_ field: WritableKeyPath<Fields, Value>, to value: Value) {
        var fields = box.fields
        fields[keyPath: field] = value
        box = Box(fields)
    }

    /// The file stem; also the page's address `articles/<id>/`.
    public var id: String { get { box.fields.id } set { set(\.id, to: newValue) } }
    /// The path as diagnostics print it (relative to where sitegen was run).
    public var path: String { get { box.fields.path } set { set(\.path, to: newValue) } }
    public var format: Format { get { box.fields.format } set { set(\.format, to: newValue) } }
    public var metadata: SourceMetadata { get { box.fields.metadata } set { set(\.metadata, to: newValue) } }
    /// A headline found in the text, used when the metadata has no title.
    public var headline: String? { get { box.fields.headline } set { set(\.headline, to: newValue) } }
    /// The text; setting it does not change `openingWords`, which are read from the text the source was made with.
    public var text: SourceText { get { box.fields.text } set { set(\.text, to: newValue) } }
    /// The digest of everything the source was loaded from (its file, its sidecar, its
    /// name), when it was loaded from files: later steps key their caches by it.
    var inputDigest: ContentDigest? { get { box.fields.inputDigest } set { set(\.inputDigest, to: newValue) } }
    /// The text's first words, read once: the label of a source with no title quotes them,
    /// and labels are asked for on many pages.
    var openingWords: [String] { box.fields.openingWords }

    public static func == (lhs: Source, rhs: Source) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }

    /// A cache key for work on this source that also reads what `with` writes (the entities, the
    /// claims' words…): the digest of both. Nil for a source not loaded from files: its work is not cached.
    func cacheKey(with: (inout BinaryWriter) -> Void) -> ContentDigest? {
        inputDigest.map { digest in
            var key = BinaryWriter()
            with(&key)
            key.write(digest)
            return ContentDigest(key)
        }
    }
    public init(id: String, path: String, format: Format, metadata: SourceMetadata, headline: String?, text: SourceText) {
        // From the first paragraph only: a label must not run a heading into the text below it.
        let openingWords = Self.firstWords(of: text.blocks.first?.text ?? "", Self.labelWords + 1)
        box = Box(Fields(id: id, path: path, format: format, metadata: metadata, headline: headline, text: text,
                         inputDigest: nil, openingWords: openingWords))
    }

    static let labelWords = 8

    public var title: String? { metadata.title ?? headline }

    /// The date to order sources by: undated ones after every dated one.
    var sortDate: String { metadata.date ?? "9999" }

    /// What to call the source where no title is known: the outlet and date, never a made-up headline.
    public var displayTitle: String { title ?? label }

    /// The source's name in lists, columns and structured data when it has no title: the outlet
    /// ("Unnamed outlet" when the source does not say) and the date, then its opening words,
    /// quoted, which tell apart two unnamed outlets of the same day.
    public var label: String {
        let date = metadata.date.map(DateText.short) ?? "undated"
        let name = "\(metadata.publisher ?? "Unnamed outlet"), \(date)"
        return metadata.publisher == nil ? "\(name): \(opening(Self.labelWords))" : name
    }

    /// The first `count` words of the text (at most `labelWords`), in quotation marks, with "…"
    /// when there are more.
    func opening(_ count: Int) -> String {
        guard !openingWords.isEmpty else { return "(no text)" }
        return "“" + openingWords.prefix(count).joined(separator: " ") + (openingWords.count > count ? "…”" : "”")
    }

    /// Up to `count` words from the start of `text`, read scalar by scalar no further than needed,
    /// and from its first 400 scalars only (a text with no spaces is not quoted whole).
    static func firstWords(of text: String, _ count: Int) -> [String] {
        var words: [String] = [], current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.prefix(400) {
            if scalar.isSpace {
                if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
                if words.count == count { break }
                continue
            }
            current.append(scalar)
        }
        if !current.isEmpty, words.count < count { words.append(String(current)) }
        return words
    }

    /// How to name an article whose outlet is unknown: the number a scrape
    /// file starts with (`001` of `001_96e0cee32f80b94d`), else the whole id.
    public var serial: String {
        let digits = id.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && id.dropFirst(digits.count).first == "_" ? String(digits) : id
    }
}
