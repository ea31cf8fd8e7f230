import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
@testable import Preview
@testable import SiteGen

/// `sitegen watch` and `sitegen serve`: the folder watcher, the preview server's answers, the
/// live-reload script that only the server adds, and both commands rebuilding after an edit.
final class PreviewTests: XCTestCase {
    // MARK: - Parts

    func testTheWatcherSeesAnEditANewFileAndAFileInANewFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("Content/pages/a.md", "one")
        let watcher = try FolderWatcher(watching: [folder.url.appendingPathComponent("Content")])
        XCTAssertNil(watcher.nextChange(timeout: .milliseconds(200)), "nothing changed yet")

        try folder.write("Content/pages/a.md", "two")
        XCTAssertEqual(watcher.nextChange(timeout: .seconds(5)), [folder.url.appendingPathComponent("Content/pages/a.md").path])

        // A folder made after the watch began is watched too.
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("Content/claims"), withIntermediateDirectories: false)
        XCTAssertNotNil(watcher.nextChange(timeout: .seconds(5)))
        try folder.write("Content/claims/new.yaml", "[]")
        XCTAssertEqual(watcher.nextChange(timeout: .seconds(5)), [folder.url.appendingPathComponent("Content/claims/new.yaml").path])
    }

    func testTheServerFindsFilesAndNothingOutsideItsFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("site/index.html", "<p>home</p>")
        try folder.write("site/claims/x/index.html", "<p>x</p>")
        try folder.write("site/assets/style.css", "p{}")
        try folder.write("secret.txt", "not for the browser")
        let root = folder.url.appendingPathComponent("site")
        XCTAssertEqual(PreviewFiles.lookup("/", in: root), .file(root.appendingPathComponent("index.html")))
        XCTAssertEqual(PreviewFiles.lookup("/claims/x/", in: root), .file(root.appendingPathComponent("claims/x/index.html")))
        XCTAssertEqual(PreviewFiles.lookup("/claims/x?q=1", in: root), .folder("/claims/x/"), "a folder without its slash is redirected")
        XCTAssertEqual(PreviewFiles.lookup("/assets/style%2Ecss", in: root), .file(root.appendingPathComponent("assets/style.css")))
        XCTAssertNil(PreviewFiles.lookup("/claims/y/", in: root))
        XCTAssertNil(PreviewFiles.lookup("/../secret.txt", in: root))
        XCTAssertNil(PreviewFiles.lookup("/%2E%2E/secret.txt", in: root))
        XCTAssertNil(PreviewFiles.lookup("/claims/%2e%2e/%2e%2e/secret.txt", in: root))
        XCTAssertEqual(PreviewFiles.contentType(of: root.appendingPathComponent("assets/style.css")), "text/css; charset=utf-8")
        XCTAssertEqual(PreviewFiles.lookup("//claims/x", in: root), .folder("/claims/x/"), "never a redirect to another host")
        XCTAssertTrue(PreviewHandler.isLocal(host: "127.0.0.1:8000"))
        XCTAssertTrue(PreviewHandler.isLocal(host: "localhost:8000"))
        XCTAssertFalse(PreviewHandler.isLocal(host: "attacker.example:8000"), "a rebound name is not answered")
        XCTAssertFalse(PreviewHandler.isLocal(host: nil))
        let reordered = LiveReload.inject(into: "<head><meta content=\"default-src 'self'; script-src 'none'\" http-equiv=\"Content-Security-Policy\"></head>", build: 1)
        XCTAssertTrue(reordered.contains("script-src 'self'"), reordered)
    }

    func testOnlyServedPagesCarryTheReloadScriptAndThePolicyThatLetsItRun() throws {
        let folder = try TemporaryFolder()
        _ = try StarterProject.write(into: folder.url, withTemplates: false)
        var pipeline = Pipeline(options: BuildOptions(content: folder.url.appendingPathComponent("Content"), templates: nil,
                                                      output: folder.url.appendingPathComponent("public")))
        try pipeline.build()
        let published = try folder.read("public/index.html")
        XCTAssertTrue(published.contains("script-src 'none'"), "a published page runs no script")
        XCTAssertFalse(published.contains(LiveReload.scriptPath))

        let served = LiveReload.inject(into: published, build: 7)
        XCTAssertTrue(served.contains("content=\"default-src 'self'; script-src 'self'; style-src 'self';"), "the served page's policy lets the server's script run")
        XCTAssertTrue(served.contains("<script src=\"/_sitegen/live-reload.js\" data-build=\"7\" defer></script>\n</head>"))
        XCTAssertEqual(served.replacingOccurrences(of: "<script src=\"/_sitegen/live-reload.js\" data-build=\"7\" defer></script>\n", with: "")
                            .replacingOccurrences(of: "script-src 'self'", with: "script-src 'none'"), published, "nothing else changes")
    }

    // MARK: - The commands

    /// `sitegen init`'s project in a new folder.
    private func starter() throws -> TemporaryFolder {
        try SiteGenCommand.require()
        let folder = try TemporaryFolder()
        _ = try StarterProject.write(into: folder.url, withTemplates: false)
        return folder
    }

    /// Waits up to `seconds` for `condition`.
    private func eventually(_ seconds: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    private func editTitle(_ folder: TemporaryFolder) throws {
        let page = try folder.read("Content/pages/story.md")
        try folder.write("Content/pages/story.md", page.replacingOccurrences(of: "title: What the council said", with: "title: What the council said, edited"))
    }

    func testWatchRebuildsWithinSecondsOfAnEdit() throws {
        let folder = try starter()
        let watch = try SiteGenCommand(in: folder.url, ["watch"])
        defer { watch.process.terminate(); watch.finish() }
        XCTAssertTrue(eventually { watch.printed.contains("Watching Content for changes") }, watch.printed)
        XCTAssertTrue(try folder.read("public/story/index.html").contains("What the council said"))

        try editTitle(folder)
        XCTAssertTrue(try eventually { try folder.read("public/story/index.html").contains("What the council said, edited") }, watch.printed)
        XCTAssertTrue(watch.printed.contains("Changed: Content/pages/story.md"), watch.printed)

        // A mistake is reported and the site is left as it was; fixing it builds again.
        let claims = try folder.read("Content/claims/claims.yaml")
        try folder.write("Content/claims/claims.yaml", claims.replacingOccurrences(of: "kind: event", with: "kind: rumour"))
        XCTAssertTrue(eventually { watch.printed.contains("error: unknown kind `rumour`") }, watch.printed)
        XCTAssertTrue(try folder.read("public/story/index.html").contains("edited"))
        try folder.write("Content/claims/claims.yaml", claims)
        XCTAssertTrue(eventually { watch.printed.components(separatedBy: "Built ").count == 3 }, watch.printed)

        // A Templates folder made while it runs is taken up: its files override the theme from then on.
        try folder.write("Templates/footer.mustache", "<footer>Our own footer</footer>\n")
        XCTAssertTrue(try eventually { try folder.read("public/story/index.html").contains("<footer>Our own footer</footer>") }, watch.printed)
        try folder.write("Templates/footer.mustache", "<footer>Edited footer</footer>\n")
        XCTAssertTrue(try eventually { try folder.read("public/story/index.html").contains("<footer>Edited footer</footer>") }, watch.printed)
        // Removed, the built-in theme is used again; made again, it is taken up again.
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Templates"))
        XCTAssertTrue(try eventually { try !folder.read("public/story/index.html").contains("Edited footer") }, watch.printed)
        try folder.write("Templates/footer.mustache", "<footer>Third footer</footer>\n")
        XCTAssertTrue(try eventually { try folder.read("public/story/index.html").contains("<footer>Third footer</footer>") }, watch.printed)
    }

    /// sitegen's own writes (its cache inside the content folder) and an editor's swap files do
    /// not set off builds.
    func testWatchIsNotSetOffByItsOwnCacheOrAnEditorsSwapFile() throws {
        let folder = try starter()
        let content = folder.url.appendingPathComponent("Content")
        let watch = try SiteGenCommand(in: content, ["watch", "--content", ".", "--output", "../site", "--cache", ".sitegen-cache"])
        defer { watch.process.terminate(); watch.finish() }
        XCTAssertTrue(eventually { watch.printed.contains("Watching . for changes") }, watch.printed)
        try folder.write("Content/pages/.story.md.swp", "vim's swap file")
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertEqual(watch.printed.components(separatedBy: "Built ").count, 2, "one build only: \(watch.printed)")
        try folder.write("Content/pages/story.md", try folder.read("Content/pages/story.md") + "\nOne more line.\n")
        XCTAssertTrue(eventually { watch.printed.components(separatedBy: "Built ").count == 3 }, watch.printed)
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertEqual(watch.printed.components(separatedBy: "Built ").count, 3, "no build set off by the build's own cache: \(watch.printed)")
    }

    func testServeServesTheSiteAndTellsPagesToReload() async throws {
        let folder = try starter()
        let serve = try SiteGenCommand(in: folder.url, ["serve", "--port", "0"])
        defer { serve.process.terminate(); serve.finish() }
        XCTAssertTrue(eventually { serve.printed.contains("Watching Content") }, serve.printed + serve.standardOutput)
        let printed = serve.standardOutput
        let address = try XCTUnwrap(printed.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression), printed)
        let base = try XCTUnwrap(URL(string: String(printed[address])))

        func get(_ path: String) async throws -> (String, Int) {
            let (data, response) = try await URLSession.shared.data(from: try XCTUnwrap(URL(string: path, relativeTo: base)))
            return (String(decoding: data, as: UTF8.self), (response as? HTTPURLResponse)?.statusCode ?? 0)
        }
        let (story, status) = try await get("story/")
        XCTAssertEqual(status, 200)
        XCTAssertTrue(story.contains("<script src=\"/_sitegen/live-reload.js\" data-build=\"1\" defer></script>"))
        let script = try await get("_sitegen/live-reload.js").0
        XCTAssertTrue(script.contains("location.reload()"))
        let build = try await get("_sitegen/build").0
        XCTAssertEqual(build, "1")
        let (missing, missingStatus) = try await get("no-such-page/")
        XCTAssertEqual(missingStatus, 404)
        XCTAssertTrue(missing.contains("<h1>"), "the site's own 404 page")

        // Its files are a preview of their own: nothing goes into public/, and nothing on disk has the script.
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("public").path))
        XCTAssertFalse(try folder.read(".sitegen-cache/preview/story/index.html").contains("live-reload"))

        try editTitle(folder)
        var latest = ""
        for _ in 0..<200 where latest != "2" {
            latest = try await get("_sitegen/build").0
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTAssertEqual(latest, "2", serve.printed)
        let edited = try await get("story/").0
        XCTAssertTrue(edited.contains("What the council said, edited"))

        // A build that fails keeps the pages and tells them why, after the build's number.
        let claims = try folder.read("Content/claims/claims.yaml")
        try folder.write("Content/claims/claims.yaml", claims.replacingOccurrences(of: "kind: event", with: "kind: rumour"))
        var answer = ""
        for _ in 0..<200 where !answer.contains("rumour") {
            answer = try await get("_sitegen/build").0
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTAssertTrue(answer.hasPrefix("2\nContent/claims/claims.yaml:"), answer)
        XCTAssertTrue(answer.contains("error: unknown kind `rumour`"), answer)
        try folder.write("Content/claims/claims.yaml", claims)
        for _ in 0..<200 where answer != "3" {
            answer = try await get("_sitegen/build").0
            try await Task.sleep(for: .milliseconds(100))
        }
        XCTAssertEqual(answer, "3", "fixed: the next good build, and no errors")
    }

    func testServeOnAPortInUseSaysSoAndStops() throws {
        let folder = try starter()
        let first = try SiteGenCommand(in: folder.url, ["serve", "--port", "0", "--quiet"])
        defer { first.process.terminate(); first.finish() }
        XCTAssertTrue(eventually { first.standardOutput.contains("http://127.0.0.1:") }, first.printed)
        let printed = first.standardOutput
        let range = try XCTUnwrap(printed.range(of: #"(?<=127\.0\.0\.1:)[0-9]+"#, options: .regularExpression))
        let second = try SiteGenCommand.run(in: folder.url, ["serve", "--port", String(printed[range])])
        XCTAssertEqual(second.status, 1)
        XCTAssertEqual(second.printed, "sitegen: cannot serve on 127.0.0.1:\(printed[range]): the port is in use (Address already in use); choose another with --port\n")
    }
}
