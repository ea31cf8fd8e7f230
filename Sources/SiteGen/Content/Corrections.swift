import Yams

/// One entry of the corrections log, `Content/corrections.yaml`: what was wrong on the site,
/// when it was put right, and the claims it touched.
public struct Correction: Hashable, Sendable {
    /// `YYYY-MM-DD`.
    public var date: String
    /// Plain text, in the desk's words.
    public var text: String
    public var claims: [String]
    /// Its place in the file, from 1: the number of its entry and feed item, which entries
    /// added later (of any date) do not change.
    public var number: Int = 0
    public var path: String
    public var position: SourcePosition
}

/// Reads the corrections log: a list of `date`, `text` and optional `claims` (ids). An unknown
/// claim id is an error at the id, with the closest id as a suggestion.
struct CorrectionsLoader {
    private(set) var diagnostics: [Diagnostic] = []
    static let fields: Set<String> = ["date", "text", "claims"]

    mutating func load(_ text: String, path: String, claimIDs: ClaimIDs) -> [Correction] {
        var reader = YAMLReader(path: path)
        defer { diagnostics += reader.diagnostics }
        guard let root = reader.compose(text), let items = reader.sequence(root, "the corrections log") else { return [] }
        var corrections: [Correction] = []
        for item in items {
            guard let map = reader.mapping(item, "a correction") else { continue }
            let before = reader.diagnostics.count
            reader.rejectUnknownKeys(map, allowed: Self.fields, in: "a correction")
            let date = reader.string(map, "date", required: true, in: "a correction")
            if let date, !DateText.isValid(date) {
                reader.error(map["date"], "`date` of a correction must be a calendar date written YYYY-MM-DD, not `\(date)`")
            }
            let text = reader.string(map, "text", required: true, in: "a correction")
            var claims: [String] = []
            if let list = map["claims"], let nodes = reader.sequence(list, "`claims` of a correction") {
                for node in nodes {
                    guard let id = node.scalar?.string else { reader.error(node, "`claims` lists claim ids, one per item"); continue }
                    guard claimIDs.isKnown(id) else {
                        if !claimIDs.unsure.contains(id) { reader.error(node, "a correction names " + (claimIDs.drafts.leftOut(claim: id) ?? claimIDs.unknown(id))) }
                        continue
                    }
                    claims.append(id)
                }
            }
            guard reader.diagnostics.count == before, let date, let text else { continue }
            corrections.append(Correction(date: date, text: text, claims: claims, number: corrections.count + 1, path: path,
                                          position: reader.position(item)))
        }
        // Newest first, as a log is read. A desk adds to the end of the file, so of two entries of
        // one day the later in the file is the newer.
        return corrections.sorted { ($0.date, $0.number) > ($1.date, $1.number) }
    }
}
