import Markdown
import Foundation
import Yams

/// Reads `Content/claims/*.yaml` (SPEC §4). Each file holds a list of claims.
/// Every problem is a diagnostic at the line and column of the offending node.
struct ClaimLoader {
    private(set) var diagnostics: [Diagnostic] = []

    static let claimFields: Set<String> = ["id", "statement", "kind", "speaker", "attribution", "verdict", "reference", "appearances", "notes",
                                                  "sum_of", "tolerance", "not_in", "not_disputed", "summary", "reviewed", "updated",
                                                  "not_checked", "draft"]
    static let selectorFields: Set<String> = ["source", "quote", "prefix", "suffix"]
    static let appearanceFields: Set<String> = selectorFields.union(["attributed_to", "note"])

    /// Parses one claims file. `knownSources` are the ids the selectors may name.
    mutating func load(_ text: String, path: String) -> [Claim] {
        var reader = YAMLReader(path: path)
        defer { diagnostics += reader.diagnostics }
        guard let root = reader.compose(text) else { return [] }
        guard let items = reader.sequence(root, "a claims file") else { return [] }
        return items.compactMap { claim(from: $0, reader: &reader, path: path) }
    }

    private func claim(from node: Node, reader: inout YAMLReader, path: String) -> Claim? {
        guard let map = reader.mapping(node, "a claim") else { return nil }
        let before = reader.diagnostics.count
        reader.rejectUnknownKeys(map, allowed: Self.claimFields, retired: ["status"], in: "a claim")
        let id = reader.string(map, "id", required: true, in: "a claim")
        let what = id.map { "claim `\($0)`" } ?? "a claim"
        if let id, !Self.isClaimID(id) {
            reader.error(map["id"], "the claim id `\(id)` must use lower-case letters, digits and `-` only")
        }
        let statement = reader.string(map, "statement", required: true, in: what)
        let speaker = reader.string(map, "speaker", required: true, in: what)
        let kind: ClaimKind? = reader.string(map, "kind", required: true, in: what).flatMap { value in
            if let kind = ClaimKind(rawValue: value) { return kind }
            reader.error(map["kind"], "unknown kind `\(value)` in \(what); use one of \(ClaimKind.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        let attribution: Attribution? = map["status"] != nil ? migrate(map, reader: &reader, what: what)
            : reader.string(map, "attribution", required: true, in: what).flatMap { value in
                if let attribution = Attribution(rawValue: value) { return attribution }
                reader.error(map["attribution"], "unknown attribution `\(value)` in \(what); use one of \(Attribution.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
        let verdict: Verdict? = reader.string(map, "verdict", required: false, in: what).flatMap { value in
            if let verdict = Verdict(rawValue: value) { return verdict }
            reader.error(map["verdict"], "unknown verdict `\(value)` in \(what); use one of \(Verdict.allCases.map(\.rawValue).joined(separator: ", ")), or leave `verdict` out for no rating")
            return nil
        }
        let reference = map["reference"].flatMap { selector(from: $0, fields: Self.selectorFields, reader: &reader, what: "the reference of \(what)") }
        var appearances: [ClaimAppearance] = []
        if let list = map["appearances"], let nodes = reader.sequence(list, "`appearances` of \(what)") {
            for item in nodes {
                guard let selector = selector(from: item, fields: Self.appearanceFields, reader: &reader, what: "an appearance of \(what)"),
                      let itemMap = reader.mapping(item, "an appearance") else { continue }
                appearances.append(ClaimAppearance(
                    selector: selector,
                    attributedTo: reader.string(itemMap, "attributed_to", required: false, in: "an appearance of \(what)"),
                    note: reader.string(itemMap, "note", required: false, in: "an appearance of \(what)")))
            }
        }
        if reference == nil && appearances.isEmpty {
            reader.error(map.node, "\(what) has neither a `reference` nor any `appearances`; every claim must trace to a source's words")
        }
        var sumOf: [String] = []
        if let list = map["sum_of"], let nodes = reader.sequence(list, "`sum_of` of \(what)") {
            sumOf = nodes.compactMap { node in
                if let value = node.scalar?.string { return value }
                reader.error(node, "`sum_of` lists claim ids, one per line")
                return nil
            }
        }
        var tolerance: Double?
        if let text = reader.string(map, "tolerance", required: false, in: what) {
            if let value = Double(text), (0..<1).contains(value) { tolerance = value }
            else { reader.error(map["tolerance"], "`tolerance` of \(what) must be a fraction from 0 up to 1, such as 0.05") }
        }
        var notIn: [SourceReference] = []
        if let list = map["not_in"], let nodes = reader.sequence(list, "`not_in` of \(what)") {
            notIn = nodes.compactMap { node in
                if let value = node.scalar?.string { return SourceReference(id: value, position: reader.position(node)) }
                reader.error(node, "`not_in` lists source ids, one per item")
                return nil
            }
        }
        let notDisputed = reader.string(map, "not_disputed", required: false, in: what)
        let summary = reader.string(map, "summary", required: false, in: what)
        let notChecked = reader.string(map, "not_checked", required: false, in: what)
        let draft = reader.flag(map, "draft", in: what) ?? false
        let (reviewed, updated) = (date(map, "reviewed", reader: &reader, what: what), date(map, "updated", reader: &reader, what: what))
        guard reader.diagnostics.count == before, let id, let statement, let speaker, let kind, let attribution else { return nil }
        let notes = reader.string(map, "notes", required: false, in: what)
        return Claim(id: id, statement: statement, kind: kind, speaker: speaker, attribution: attribution, verdict: verdict,
                     reference: reference, appearances: appearances, notes: notes, notesHTML: notes.map { MarkdownDocument($0).html() },
                     sumOf: sumOf, tolerance: tolerance, notIn: notIn, notDisputed: notDisputed, summary: summary,
                     reviewed: reviewed, updated: updated, notChecked: notChecked, draft: draft, path: path, position: reader.position(node))
    }

    /// An optional calendar date, `YYYY-MM-DD`.
    private func date(_ map: YAMLMapping, _ key: String, reader: inout YAMLReader, what: String) -> String? {
        guard let text = reader.string(map, key, required: false, in: what) else { return nil }
        guard DateText.isValid(text) else {
            reader.error(map[key], "`\(key)` of \(what) must be a calendar date written YYYY-MM-DD, not `\(text)`")
            return nil
        }
        return text
    }

    /// A claims file from before the two axes: `status` mixed "did they say it" with "is it true".
    /// One error at `status` that says what to write instead, and no second one for the
    /// missing `attribution`.
    private func migrate(_ map: YAMLMapping, reader: inout YAMLReader, what: String) -> Attribution? {
        let old = map["status"]?.scalar?.string ?? ""
        let advice: String
        switch old {
        case "verified": advice = "`attribution: verified` (the words are in the speaker's own primary source)"
        case "attributed": advice = "`attribution: verified` if the words are in the speaker's own primary source, `attribution: attributed` if only reports credit them, and a `verdict` such as `unproven` if the desk rates what they assert"
        case "reported": advice = "`attribution: reported`"
        case "disputed", "unsupported": advice = "`verdict: \(old)`, with an `attribution` that says whether the speaker said it"
        default: advice = "an `attribution` and, if the desk rates the claim, a `verdict`"
        }
        reader.error(map["status"], "`status` is no longer a field of \(what): it was split into `attribution` (did the speaker say it? \(Attribution.allCases.map(\.rawValue).joined(separator: " | "))) and an optional `verdict` (is it true? \(Verdict.allCases.map(\.rawValue).joined(separator: " | "))); for `status: \(old)` write \(advice)")
        return nil
    }

    private func selector(from node: Node, fields: Set<String>, reader: inout YAMLReader, what: String) -> QuoteSelector? {
        guard let map = reader.mapping(node, what) else { return nil }
        reader.rejectUnknownKeys(map, allowed: fields, in: what)
        guard let source = reader.string(map, "source", required: true, in: what),
              let quote = reader.string(map, "quote", required: true, in: what) else { return nil }
        return QuoteSelector(source: source, quote: quote,
                             prefix: reader.string(map, "prefix", required: false, in: what),
                             suffix: reader.string(map, "suffix", required: false, in: what),
                             position: reader.position(map["quote"]))
    }

    static func isClaimID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 100 && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && !id.hasPrefix("-")
    }
}
