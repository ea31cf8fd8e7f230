/// Every address of the site, made in one place. A folder page is linked as its folder
/// (`claims/x/`, the address a server shows) and written as the folder's `index.html`. Links
/// are relative: a page puts its own way back to the root (`root`, such as `../../`) before them.
enum Routes {
    static func claim(_ id: String) -> String { "claims/\(id)/" }
    static func source(_ id: String) -> String { "articles/\(id)/" }
    static func entity(_ id: String) -> String { "entities/\(id)/" }
    static func comparison(_ first: String, _ second: String) -> String { "compare/\(first)/\(second)/" }

    /// The file a folder address is written to.
    static func file(_ folder: String) -> String { folder + "index.html" }

    /// A claim's words in a source's page (the mark's anchor).
    static func quote(of claim: String, in source: String) -> String { Self.source(source) + "#" + quoteAnchor(claim) }
    static func quoteAnchor(_ claim: String) -> String { "q-\(claim)" }
    /// A paragraph of a source's page, counted from 0.
    static func paragraph(_ block: Int, of source: String) -> String { Self.source(source) + "#" + paragraphAnchor(block) }
    static func paragraphAnchor(_ block: Int) -> String { "p\(block + 1)" }
    /// A source's column on a claim's page.
    static func column(of source: String, on claim: String) -> String { Self.claim(claim) + "#" + columnAnchor(source) }
    static func columnAnchor(_ source: String) -> String { "src-\(source)" }
}
