import XCTest
@testable import SiteGen

/// The spare site: with a cache, the site a build swaps out is kept and becomes the next
/// build's staging folder. The output must still be exactly a cold build's, with every
/// file sitegen did not write as it is in the output at that moment: none lost, none revived.
final class SpareSiteTests: XCTestCase {
    private func project() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.copy(Repo.fixtures.appendingPathComponent("small/Content"), to: "Content")
        try folder.copy(Repo.theme, to: "Templates")
        return folder
    }

    private func build(_ folder: TemporaryFolder, output: String, cache: String?) throws {
        var options = BuildOptions(content: folder.url.appendingPathComponent("Content"),
                                   templates: folder.url.appendingPathComponent("Templates"),
                                   output: folder.url.appendingPathComponent(output))
        options.cache = cache.map { folder.url.appendingPathComponent($0) }
        var pipeline = Pipeline(options: options)
        try pipeline.build()
    }

    /// Every folder under `relative`.
    private func folders(_ folder: TemporaryFolder, _ relative: String) -> Set<String> {
        let base = folder.url.appendingPathComponent(relative).path
        let paths = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String } ?? []
        return Set(paths.filter { FileSystemEntry.kind(atPath: base + "/" + $0) == .folder })
    }

    private func spareFolders(_ folder: TemporaryFolder) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("cache").path)) ?? []
        return names.filter { $0.hasPrefix("spare-") && !$0.hasSuffix(".bin") }
    }

    /// The output equals a cold build's plus exactly `foreign` (path → bytes), folders included.
    private func assertCold(_ folder: TemporaryFolder, plus foreign: [String: Data], foreignFolders: Set<String> = [],
                            _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try? FileManager.default.removeItem(at: folder.url.appendingPathComponent("cold"))
        try build(folder, output: "cold", cache: nil)
        XCTAssertEqual(folder.snapshot("public"), folder.snapshot("cold").merging(foreign) { _, new in new }, message, file: file, line: line)
        XCTAssertEqual(folders(folder, "public"), folders(folder, "cold").union(foreignFolders), message, file: file, line: line)
    }

    func testARecycledStagingFolderGivesAColdBuildsSiteAndTheOutputsOtherFilesAsTheyAreNow() throws {
        let folder = try project()
        try build(folder, output: "public", cache: "cache")
        XCTAssertEqual(spareFolders(folder), [], "the first build had no site to swap out")
        try folder.write("public/CNAME", "explainer.example.org\n")
        try folder.write("public/extra/notes.txt", "kept by hand\n")
        try build(folder, output: "public", cache: "cache")
        XCTAssertEqual(spareFolders(folder).count, 1, "the swapped-out site is kept")
        try assertCold(folder, plus: ["CNAME": Data("explainer.example.org\n".utf8), "extra/notes.txt": Data("kept by hand\n".utf8)],
                       foreignFolders: ["extra"], "after the second build")

        // The spare still has CNAME, and a removed file must not come back; a new one must be carried.
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("public/CNAME"))
        try folder.write("public/.well-known/security.txt", "Contact: desk@example.org\n")
        try folder.write("public/extra/notes.txt", "edited by hand\n")
        let articles = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("Content/articles").path)
        let edited = "Content/articles/" + (try XCTUnwrap(articles.sorted().first { $0.hasSuffix(".txt") }))
        try folder.write(edited, try folder.read(edited) + "\nOne sentence more.\n")
        try build(folder, output: "public", cache: "cache")
        let foreign = ["extra/notes.txt": Data("edited by hand\n".utf8), ".well-known/security.txt": Data("Contact: desk@example.org\n".utf8)]
        try assertCold(folder, plus: foreign, foreignFolders: ["extra", ".well-known"], "after an article was edited")

        // A page the content no longer has: its file and folder go, in the recycled folder too.
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("Content/pages").path)
        let page = try XCTUnwrap(pages.sorted().first { $0.hasSuffix(".md") && $0 != "index.md" })
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/pages/" + page))
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("public/extra"))
        try build(folder, output: "public", cache: "cache")
        try build(folder, output: "public", cache: "cache")
        XCTAssertNil(folder.snapshot("public")[page.replacingOccurrences(of: ".md", with: "") + "/index.html"])
        try assertCold(folder, plus: [".well-known/security.txt": foreign[".well-known/security.txt"]!], foreignFolders: [".well-known"],
                       "after a page was removed, twice")
    }

    func testASpareThatDoesNotMatchItsInventoryIsNotUsed() throws {
        let folder = try project()
        for _ in 0..<2 { try build(folder, output: "public", cache: "cache") }
        let spare = folder.url.appendingPathComponent("cache/" + (try XCTUnwrap(spareFolders(folder).first)))
        // Something put into the spare, and its manifest rewritten: it no longer is what the inventory says.
        try "stray".write(to: spare.appendingPathComponent("stray.html"), atomically: false, encoding: .utf8)
        let manifest = spare.appendingPathComponent(OutputManifest.fileName)
        try FileManager.default.removeItem(at: manifest)
        try OutputManifest(paths: ["index.html"]).data.write(to: manifest)
        try build(folder, output: "public", cache: "cache")
        try assertCold(folder, plus: [:], "a spare that changed is removed, and the build starts from a fresh folder")

        // A page deleted from the spare (a cleaner of old files in the cache folder), a stray file
        // put into one of its folders, a file replaced by another under the same name: the
        // manifest is the same, but a folder changed, so the spare is not used.
        let damages: [(URL) throws -> Void] = [
            { try FileManager.default.removeItem(at: $0.appendingPathComponent("intro/index.html")) },
            { try Data("stray".utf8).write(to: $0.appendingPathComponent("assets/stray.css")) },
            { spare in
                let page = spare.appendingPathComponent("index.html"), replacement = spare.appendingPathComponent("new.html")
                try Data("<p>replaced</p>".utf8).write(to: replacement)
                XCTAssertEqual(rename(replacement.path, page.path), 0)
            },
        ]
        for damage in damages {
            try build(folder, output: "public", cache: "cache")
            try damage(folder.url.appendingPathComponent("cache/" + (try XCTUnwrap(spareFolders(folder).first))))
            try build(folder, output: "public", cache: "cache")
            try assertCold(folder, plus: [:], "a spare whose folders changed is not used")
        }

        // An inventory that is gone or damaged: the same.
        for damage in [{ (url: URL) in try FileManager.default.removeItem(at: url) }, { url in try Data("not an inventory".utf8).write(to: url) }] {
            try build(folder, output: "public", cache: "cache")
            let inventory = folder.url.appendingPathComponent("cache/" + (try XCTUnwrap(spareFolders(folder).first)) + ".bin")
            try damage(inventory)
            try build(folder, output: "public", cache: "cache")
            try assertCold(folder, plus: [:], "with its inventory gone or damaged")
        }
    }

    func testAnInventoryIsReadAsItWasWritten() throws {
        let file = try XCTUnwrap(FileIdentity(atPath: Repo.content.appendingPathComponent("site.yaml").path))
        let folder = try XCTUnwrap(FileIdentity(atPath: Repo.content.path, kind: S_IFDIR))
        let inventory = SpareSite.Inventory(manifest: file, root: folder, entries: [
            .init(path: "claims", kind: .folder, inode: 7, folder: folder), .init(path: "claims/a/index.html", kind: .siteFile, inode: 12),
            .init(path: "CNAME", kind: .otherFile, inode: 99),
        ])
        XCTAssertEqual(try SpareSite.Inventory(bytes: inventory.bytes), inventory)
        XCTAssertEqual(inventory.siteFiles, ["claims/a/index.html": 12])
        var unsafe = inventory
        unsafe.entries.append(.init(path: "../outside", kind: .siteFile, inode: 1))
        XCTAssertThrowsError(try SpareSite.Inventory(bytes: unsafe.bytes), "a path that leaves the folder is refused")
    }
}
