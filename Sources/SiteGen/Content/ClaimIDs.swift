import Foundation


/// The claim ids pages, the home page's key claims and corrections may name: those the claims
/// files define, and those a claims file with errors may define (`unsure`), which are neither
/// known nor reported as unknown.
struct ClaimIDs {
    let known: [String]
    let unsure: Set<String>
    private let knownSet: Set<String>
    /// Drafts this build left out: named, they are an error that says so.
    let drafts: Drafts

    init(known: [String], unsure: Set<String> = [], drafts: Drafts = Drafts()) {
        self.known = known
        self.drafts = drafts
        self.knownSet = Set(known)
        self.unsure = unsure.subtracting(known)
    }

    func isKnown(_ id: String) -> Bool { knownSet.contains(id) }

    /// The message for an id that is neither known nor unsure: a draft left out, or else unknown, with the closest known id.
    /// `verb` says what the text does with a draft ("links to", "lists").
    func unknown(_ id: String, verb: String = "links to") -> String {
        drafts.leftOut(claim: id).map { "\(verb) \($0)" } ?? ContentLoader.unknownClaim(id, known: known)
    }

    /// The ids a claims file's text appears to give (`id: x` lines), read without YAML: for a
    /// file that could not be read as claims.
    static func mentioned(in text: String) -> Set<String> {
        var ids: Set<String> = []
        for line in text.split(whereSeparator: \.isNewline) {
            var rest = line.drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("-") { rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" } }
            guard rest.hasPrefix("id:") else { continue }
            let value = rest.dropFirst(3).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if !value.isEmpty { ids.insert(value) }
        }
        return ids
    }
}
