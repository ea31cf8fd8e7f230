import Markdown
import Foundation

/// The explainer pages and the home page: Markdown through cmark, with each
/// `claim:<id>` link turned into an annotated reference and a margin note.
extension SiteRenderer {
    func explainerFiles() -> [RenderedFile] {
        let chapters = site.pages.filter { !$0.isHome }
        return chapters.enumerated().map { index, explainer in
            let root = "../"
            var context: [String: Any] = ["title": explainer.title, "html": annotatedHTML(explainer, root: root)]
            context["note_count"] = Self.nonZero(explainer.claimLinks.count)
            if index > 0 { context["previous"] = ["title": chapters[index - 1].title, "href": "\(root)\(chapters[index - 1].slug)/"] }
            if index + 1 < chapters.count { context["next"] = ["title": chapters[index + 1].title, "href": "\(root)\(chapters[index + 1].slug)/"] }
            return page("\(explainer.slug)/index.html", template: "page", title: explainer.title,
                        extra: ["page": context, "chapters": chapterList(root: root, current: explainer.slug)],
                        description: explainer.description)
        }
    }

    /// The explainer's pages in reading order, for the home page and each page's contents list.
    func chapterList(root: String, current: String? = nil) -> [[String: Any]] {
        site.pages.filter { !$0.isHome }.map {
            ["title": $0.title, "href": "\(root)\($0.slug)/", "current": $0.slug == current] as [String: Any]
        }
    }

    /// The page's HTML with every claim link annotated. A note carries its claim's
    /// number, the one on the claim's own page, so "note 17" is "Claim 17" everywhere;
    /// a claim linked twice on a page gets a second note with its own element id.
    func annotatedHTML(_ explainer: Page, root: String) -> String {
        var seen: [String: Int] = [:]
        return explainer.document.html { destination in
            guard let id = ClaimLink.claimID(in: destination), let claim = claimsByID[id] else { return nil }
            seen[id, default: 0] += 1
            var note = noteContext(claim, root: root)
            note["note_id"] = seen[id] == 1 ? "note-\(claim.number)" : "note-\(claim.number)-\(seen[id]!)"
            note["page"] = explainer.slug
            return LinkAnnotation(href: root + Routes.claim(id), before: "<span class=\"cited\">",
                                  after: templates.render("claim-note", note) + "</span>")
        }
    }

    /// What a margin note says about a claim: its status, the reference
    /// wording, how many sources report it and how their wordings differ.
    func noteContext(_ claim: ResolvedClaim, root: String) -> [String: Any] {
        var note = claimSummary(claim, root: root)
        // The reference wording, or where there is none the first report's.
        if let wording = claim.reference ?? claim.appearances.first?.quote {
            note["wording"] = Self.shortened(wording.text, words: 18)
            note["wording_source"] = sources[wording.source]?.shortTitle ?? wording.source
        }
        let differing = claim.appearances.filter { !$0.differences.isEmpty }
        let kinds = Difference.Kind.allCases.filter { kind in differing.contains { $0.differences.contains { $0.kind == kind } } }
        note["differing_count"] = differing.count
        note["has_differing"] = !differing.isEmpty
        note["difference_kinds"] = kinds.map(\.rawValue).joined(separator: ", ")
        note["all_agree"] = claim.appearances.allSatisfy { $0.isBase || $0.isIdentical } && claim.appearances.contains { !$0.isBase }
        note["single_source"] = Set(claim.sourceIDs).count == 1
        return note
    }

    /// The first `words` words of a wording, with an ellipsis where it was cut:
    /// a margin note quotes, the claim page gives the whole.
    static func shortened(_ text: String, words: Int) -> String {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        return parts.count <= words ? text : parts.prefix(words).joined(separator: " ") + " …"
    }
}
