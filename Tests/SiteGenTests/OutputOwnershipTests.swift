import Synchronization
import XCTest
@testable import SiteGen

/// sitegen never deletes what it did not write (docs/reliability.md, "Where sitegen
/// writes"). Each case checks the exit status, the message, and that every file
/// that was there before is still there, byte for byte.
final class OutputOwnershipTests: XCTestCase {
    /// A project folder: the small fixture's content and the repository's templates.
    private func project() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.copy(Repo.fixtures.appendingPathComponent("small/Content"), to: "Content")
        try folder.copy(Repo.theme, to: "Templates")
        return folder
    }

    private func build(_ folder: TemporaryFolder, _ arguments: String...) throws -> (status: Int32, errors: [String], printed: String) {
        try SiteGenCommand.require()
        let result = try SiteGenCommand.run(in: folder.url, ["build", "--no-cache"] + arguments)
        return (result.status, result.errors, result.printed)
    }

    /// Bytes no text encoding would produce, to catch any rewriting.
    private let binary = Data((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 3) })

    /// The pre-existing files of `relative` are all still there, byte for byte.
    private func assertKept(_ before: [String: Data], in folder: TemporaryFolder, _ relative: String, file: StaticString = #filePath, line: UInt = #line) {
        let after = folder.snapshot(relative)
        for (path, data) in before { XCTAssertEqual(after[path], data, "\(relative)/\(path)", file: file, line: line) }
    }

    private func assertNoStagingLeft(in folder: URL, file: StaticString = #filePath, line: UInt = #line) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        XCTAssertEqual(names.filter { $0.contains(".sitegen-tmp-") }, [], file: file, line: line)
    }

    // MARK: - Ownership

    func testAFolderSitegenDidNotMakeIsRefused() throws {
        let folder = try project()
        try folder.write("notes/thesis.docx", binary)
        let before = folder.snapshot("notes")
        let result = try build(folder, "--output", "notes")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.errors, ["notes:1:1: error: this folder is not empty and was not made by sitegen; pass --force to replace it "
                                       + "(files at the site's paths are replaced, every other file is kept)"])
        XCTAssertTrue(result.printed.hasSuffix("sitegen: 1 error; notes was left as it was\n"), result.printed)
        XCTAssertEqual(folder.snapshot("notes"), before)
        assertNoStagingLeft(in: folder.url)
    }

    func testForceBuildsIntoAForeignFolderAndKeepsEveryOtherFile() throws {
        let folder = try project()
        try folder.write("notes/thesis.docx", binary)
        try folder.write("notes/drafts/chapter-1.md", "# One\n")
        try folder.write("notes/.git/HEAD", "ref: refs/heads/main\n")
        try folder.write("notes/index.html", "<p>an old home page</p>")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("notes/latest").path, withDestinationPath: "thesis.docx")
        let before = folder.snapshot("notes")
        let result = try build(folder, "--output", "notes", "--force")
        XCTAssertEqual(result.status, 0, result.printed)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder.url.appendingPathComponent("notes/latest").path),
                       "thesis.docx", "a link is kept as a link")
        assertKept(before.filter { $0.key != "index.html" }, in: folder, "notes")
        XCTAssertTrue(try folder.read("notes/index.html").contains("<!DOCTYPE html>"), "--force replaces a file at a page's path")
        let manifest = try XCTUnwrap(OutputManifest.read(in: folder.url.appendingPathComponent("notes")))
        XCTAssertTrue(manifest.paths.contains("index.html"))
        XCTAssertFalse(manifest.paths.contains("thesis.docx"))
        // Now sitegen's: the next build needs no --force, and still keeps the thesis.
        XCTAssertEqual(try build(folder, "--output", "notes").status, 0)
        assertKept(before.filter { $0.key != "index.html" }, in: folder, "notes")
    }

    func testAnEmptyFolderOrOneWithOnlyAPlaceholderIsBuiltInto() throws {
        let folder = try project()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try folder.write("placeholder/.gitkeep", "")
        XCTAssertEqual(try build(folder, "--output", "empty").status, 0)
        XCTAssertEqual(try build(folder, "--output", "placeholder").status, 0)
        XCTAssertEqual(folder.snapshot("placeholder")[".gitkeep"], Data())
        XCTAssertNotNil(folder.snapshot("empty")["index.html"])
    }

    func testOutputPathsWhereASiteDoesNotBelongAreRefused() throws {
        let folder = try project()
        try folder.write("notes.txt", "a file, not a folder\n")
        try folder.write("elsewhere/keep.txt", "kept\n")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("link").path, withDestinationPath: "elsewhere")
        let before = folder.snapshot("")
        let cases = [
            (".", ".:1:1: error: the output folder cannot be the project folder; sitegen needs a folder of its own"),
            ("..", "..:1:1: error: the output folder cannot be a folder above the content folder; sitegen needs a folder of its own"),
            ("/", "/:1:1: error: the output folder cannot be `/`; sitegen needs a folder of its own"),
            ("Content", "Content:1:1: error: the output folder cannot be the content folder; sitegen needs a folder of its own"),
            ("Templates", "Templates:1:1: error: the output folder cannot be the templates folder; sitegen needs a folder of its own"),
            ("Content/site", "Content/site:1:1: error: the output folder cannot be inside the content folder; sitegen needs a folder of its own"),
            (NSHomeDirectory(), "\(NSHomeDirectory()):1:1: error: the output folder cannot be the home folder; sitegen needs a folder of its own"),
            ("notes.txt", "notes.txt:1:1: error: this is a file, not a folder; the output must be a folder"),
            ("link", "link:1:1: error: this is a symbolic link to elsewhere; pass the folder itself as --output"),
        ]
        for (output, message) in cases {
            let result = try build(folder, "--output", output)
            XCTAssertEqual(result.status, 1, output)
            XCTAssertEqual(result.errors, [message])
        }
        XCTAssertEqual(folder.snapshot(""), before, "nothing in the project changed")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: folder.url.appendingPathComponent("link").path), "elsewhere")
    }

    func testAHandEditedManifestCannotReachOutsideTheOutput() throws {
        let folder = try project()
        XCTAssertEqual(try build(folder).status, 0)
        try folder.write("outside.txt", "not the site's\n")
        try folder.write("victim/data.bin", binary)
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("public/escape").path,
                                                   withDestinationPath: "../victim")
        let manifest = folder.url.appendingPathComponent("public/\(OutputManifest.fileName)")
        let listed = try String(contentsOf: manifest, encoding: .utf8)
        try (listed + "../outside.txt\n\(folder.url.path)/outside.txt\nassets/../../outside.txt\nescape/data.bin\nescape\n./index.html\n")
            .write(to: manifest, atomically: true, encoding: .utf8)
        let victim = folder.snapshot("victim")
        XCTAssertEqual(try build(folder).status, 0)
        XCTAssertEqual(try folder.read("outside.txt"), "not the site's\n")
        XCTAssertEqual(folder.snapshot("victim"), victim)
        // A link is a name in the folder: listed, it is sitegen's to drop; what it points to is never touched.
        XCTAssertEqual(FileSystemEntry.kind(atPath: folder.url.appendingPathComponent("public/escape").path), .missing)
        XCTAssertFalse(OutputManifest.isSafe("../outside.txt"))
        XCTAssertFalse(OutputManifest.isSafe("/etc/passwd"))
        XCTAssertFalse(OutputManifest.isSafe("a//b"))
        XCTAssertFalse(OutputManifest.isSafe("a\nb"))
    }

    /// The one-pass check agrees with the rule read part by part, on paths built from parts that
    /// take every branch: empty parts, `.` and `..` beside `...` and `.a`, leading and trailing
    /// slashes, control characters in ASCII and beyond it, printable text beyond ASCII, and a part
    /// that starts with a combining mark (a slash before it still separates parts, as the file
    /// system reads it).
    func testTheSafePathCheckAgreesWithTheRuleReadPartByPart() {
        func byParts(_ path: String) -> Bool {
            let parts = path.unicodeScalars.split(separator: "/", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
            return !path.isEmpty && !path.hasPrefix("/") && !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
                && !path.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        let pieces = ["", ".", "..", "...", ".a", "a.", "index.html", "a\nb", "tab\there", "\u{7F}", "\u{85}", "é", "中文", "a b", "~", "\u{301}x", "\u{338}"]
        var generator = SplitMix(seed: 3)
        var checked = 0, safe = 0
        for _ in 0..<4_000 {
            let count = Int(generator.next() % 4) + 1
            var path = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined(separator: "/")
            if generator.next() % 5 == 0 { path = "/" + path }
            if generator.next() % 7 == 0 { path += "/" }
            XCTAssertEqual(OutputManifest.isSafe(path), byParts(path), path.debugDescription)
            checked += 1
            if byParts(path) { safe += 1 }
        }
        XCTAssertGreaterThan(safe, 200)
        XCTAssertLessThan(safe, checked - 200)
    }

    // MARK: - Deploy checkouts

    private func deployCheckout(_ folder: TemporaryFolder) throws {
        try folder.write("gh-pages/.git/HEAD", "ref: refs/heads/gh-pages\n")
        try folder.write("gh-pages/.git/config", "[core]\n\tbare = false\n")
        try folder.write("gh-pages/.git/objects/ab/cdef0123", binary)
        try folder.write("gh-pages/README.md", "# The published site\n\nBuilt by sitegen from the main branch.\n")
    }

    func testADeployCheckoutIsRefusedWithoutForce() throws {
        let folder = try project()
        try deployCheckout(folder)
        let before = folder.snapshot("gh-pages")
        let result = try build(folder, "--output", "gh-pages")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.errors, ["gh-pages:1:1: error: this folder is a git checkout that sitegen did not make; pass --force to build into it "
                                       + "(.git and every file the site does not write are kept)"])
        XCTAssertEqual(folder.snapshot("gh-pages"), before)
        // A git worktree, whose `.git` is a file, is a checkout too, not an empty folder.
        try folder.write("worktree/.git", "gitdir: /srv/repo/.git/worktrees/site\n")
        let worktree = try build(folder, "--output", "worktree")
        XCTAssertEqual(worktree.status, 1)
        XCTAssertEqual(worktree.errors.first?.hasPrefix("worktree:1:1: error: this folder is a git checkout"), true, worktree.printed)
        XCTAssertEqual(try folder.read("worktree/.git"), "gitdir: /srv/repo/.git/worktrees/site\n")
    }

    func testADeployCheckoutKeepsEveryFileSitegenDidNotWrite() throws {
        let folder = try project()
        try deployCheckout(folder)
        XCTAssertEqual(try build(folder, "--output", "gh-pages", "--force").status, 0)
        try folder.write("gh-pages/CNAME", "explainer.example.org\n") // added by hand after the first build
        try folder.write("gh-pages/.git/index", binary)
        XCTAssertNotNil(folder.snapshot("gh-pages")["intro/index.html"])
        let before = folder.snapshot("gh-pages").filter { !$0.key.hasPrefix("intro/") }
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/pages/intro.md"))
        let result = try build(folder, "--output", "gh-pages")
        XCTAssertEqual(result.status, 0, result.printed)
        XCTAssertEqual(result.errors, [])
        let after = folder.snapshot("gh-pages")
        XCTAssertNil(after["intro/index.html"], "a page sitegen wrote and the content no longer has is gone")
        for path in ["README.md", "CNAME", ".git/HEAD", ".git/config", ".git/objects/ab/cdef0123", ".git/index"] {
            XCTAssertEqual(after[path], before[path], path)
        }
        let manifest = try XCTUnwrap(OutputManifest.read(in: folder.url.appendingPathComponent("gh-pages")))
        XCTAssertTrue(manifest.paths.isDisjoint(with: ["README.md", "CNAME", ".git/HEAD"]))
    }

    func testAFileSitegenDidNotWriteIsNotReplacedWithoutForce() throws {
        let folder = try project()
        XCTAssertEqual(try build(folder).status, 0)
        try folder.write("public/extra/index.html", "<p>put here by hand</p>")
        try folder.write("Content/pages/extra.md", "---\ntitle: Extra\n---\nNow a page of the site.\n")
        let before = folder.snapshot("public")
        let result = try build(folder)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.errors, ["public/extra/index.html:1:1: error: this file was not written by sitegen, and the site now has a file here; "
                                       + "move it away, or pass --force to replace it"])
        XCTAssertEqual(folder.snapshot("public"), before)
        assertNoStagingLeft(in: folder.url)
    }

    // MARK: - Content/static/

    func testStaticFilesAreCopiedVerbatim() throws {
        let folder = try project()
        try folder.write("Content/static/CNAME", "explainer.example.org\n")
        try folder.write("Content/static/robots.txt", "User-agent: *\nAllow: /\n")
        try folder.write("Content/static/images/chart.png", binary)
        try folder.write("Content/static/.well-known/security.txt", "Contact: mailto:desk@example.org\n")
        let statics = folder.snapshot("Content/static")
        XCTAssertEqual(try build(folder).status, 0)
        assertKept(statics, in: folder, "public")
        let manifest = try XCTUnwrap(OutputManifest.read(in: folder.url.appendingPathComponent("public")))
        XCTAssertTrue(Set(statics.keys).isSubset(of: manifest.paths), "static files are sitegen's")
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/static/robots.txt"))
        XCTAssertEqual(try build(folder).status, 0)
        XCTAssertNil(folder.snapshot("public")["robots.txt"], "removed from Content/static/, removed from the site")
    }

    func testAStaticFileWhereTheSiteHasAPageIsAnError() throws {
        let folder = try project()
        try folder.writePreviousSite()
        try folder.write("Content/static/index.html", "<p>a home page of my own</p>")
        try folder.write("Content/static/intro", "a file where the site has a folder")
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("Content/static/hostname").path,
                                                   withDestinationPath: "/etc/hostname")
        let before = folder.snapshot("public")
        let result = try build(folder)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.errors, [
            "Content/static/hostname:1:1: error: this is a link to /etc/hostname, outside the content folder; copy the file in instead",
        ])
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/static/hostname"))
        let collisions = try build(folder)
        XCTAssertEqual(collisions.status, 1)
        XCTAssertEqual(collisions.errors, [
            "Content/static/index.html:1:1: error: the site already has a page at index.html; rename or remove this file",
            "Content/static/intro:1:1: error: the site has a folder at intro; rename or remove this file",
        ])
        XCTAssertEqual(folder.snapshot("public"), before)
    }

    // MARK: - Faults

    func testASecondBuildWaitsForTheOneThatIsPublishing() throws {
        try SiteGenCommand.require()
        let folder = try project()
        try folder.writePreviousSite()
        let before = folder.snapshot("public")
        let waiting: SiteGenCommand
        do { // this test is the other build: it holds the lock until the end of this block
            let lock = try PublishLock(path: folder.url.appendingPathComponent(".public.sitegen-lock").path, onWait: {})
            waiting = try SiteGenCommand(in: folder.url, ["build", "--no-cache"])
            let deadline = Date().addingTimeInterval(60)
            while !waiting.printed.contains("waiting"), waiting.process.isRunning, Date() < deadline { usleep(20_000) }
            withExtendedLifetime(lock) {
                XCTAssertTrue(waiting.printed.contains("sitegen: waiting for another build into public to finish\n"), waiting.printed)
                XCTAssertTrue(waiting.process.isRunning)
                XCTAssertEqual(folder.snapshot("public"), before, "nothing is touched while the other build publishes")
            }
        }
        XCTAssertEqual(waiting.finish(), 0)
        XCTAssertNotNil(folder.snapshot("public")["intro/index.html"])
    }

    func testTwoBuildsAtOnceLeaveOneWholeSite() throws {
        try SiteGenCommand.require()
        let folder = try project()
        try folder.copy(folder.url.appendingPathComponent("Content"), to: "Other")
        try folder.write("Other/pages/intro.md", "---\ntitle: Intro, the other version\n---\nA different text.\n")
        for (content, output) in [("Content", "a"), ("Other", "b")] {
            XCTAssertEqual(try build(folder, "--content", content, "--output", output).status, 0)
        }
        let first = try SiteGenCommand(in: folder.url, ["build", "--no-cache", "--output", "public"])
        let second = try SiteGenCommand(in: folder.url, ["build", "--no-cache", "--content", "Other", "--output", "public"])
        XCTAssertEqual(first.finish(), 0)
        XCTAssertEqual(second.finish(), 0)
        let site = folder.snapshot("public")
        XCTAssertTrue(site == folder.snapshot("a") || site == folder.snapshot("b"), "one whole site, not a mix")
        assertNoStagingLeft(in: folder.url)
    }

    /// A project whose site is built onto a small tmpfs, at `disk/public`, with a CNAME put
    /// in by hand; `body` runs while the tmpfs is mounted.
    private func withSiteOnScratchDisk(size: String, _ body: (TemporaryFolder, ScratchDisk) throws -> Void) throws {
        try SiteGenCommand.require()
        let folder = try project()
        let disk = try ScratchDisk(at: folder.url.appendingPathComponent("disk"), size: size)
        defer { withExtendedLifetime(folder) { disk.unmount() } }
        XCTAssertEqual(try build(folder, "--output", "disk/public").status, 0)
        try folder.write("disk/public/CNAME", "explainer.example.org\n")
        try body(folder, disk)
    }

    func testAFullDiskKeepsThePreviousSite() throws {
        try withSiteOnScratchDisk(size: "1m") { folder, disk in
            let before = folder.snapshot("disk/public")
            try folder.write("Content/static/report.pdf", Data(repeating: 0x25, count: 2_000_000))
            let result = try build(folder, "--output", "disk/public")
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(result.errors, ["disk/public:1:1: error: could not write the site: No space left on device (writing report.pdf)"])
            XCTAssertEqual(folder.snapshot("disk/public"), before)
            assertNoStagingLeft(in: disk.url)
        }
    }

    /// A disk that fails with EIO on the fifth file it writes.
    private struct FailingDisk: SiteFileWriter {
        let counter = Counter()
        /// Pages are written from several cores at once.
        final class Counter: Sendable { let files = Mutex(0) }

        func write(_ data: Data, toPath path: String) throws {
            if counter.files.withLock({ $0 += 1; return $0 }) == 5 { throw POSIXError(.EIO) }
            try DiskFileWriter().write(data, toPath: path)
        }
    }

    func testAnIOErrorWhileWritingKeepsThePreviousSite() throws {
        let folder = try project()
        let content = folder.url.appendingPathComponent("Content"), output = folder.url.appendingPathComponent("public")
        _ = try Pipeline.run(content: content, output: output)
        try folder.write("public/CNAME", "explainer.example.org\n")
        try folder.write("Content/pages/extra.md", "---\ntitle: Extra\n---\nText\n")
        let before = folder.snapshot("public")
        var pipeline = Pipeline(options: BuildOptions(content: content, templates: Repo.templates, output: output))
        pipeline.writer = FailingDisk()
        // BuildFailed is what the command turns into exit status 1 (testAFolderSitegenDidNotMakeIsRefused).
        XCTAssertThrowsError(try pipeline.build()) { error in
            let errors = (error as? BuildFailed)?.diagnostics.map(\.description)
            XCTAssertEqual(errors?.count, 1)
            XCTAssertTrue(errors?.first?.hasPrefix("\(output.path):1:1: error: could not write the site: Input/output error (writing ") ?? false, "\(errors ?? [])")
        }
        XCTAssertEqual(folder.snapshot("public"), before)
        assertNoStagingLeft(in: folder.url)
    }

    func testAReadOnlyParentIsAClearError() throws {
        try withSiteOnScratchDisk(size: "4m") { folder, disk in
            let before = folder.snapshot("disk/public")
            try disk.makeReadOnly()
            let result = try build(folder, "--output", "disk/public")
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(result.errors, ["disk/public:1:1: error: cannot write into \(disk.url.path): Read-only file system"])
            XCTAssertEqual(folder.snapshot("disk/public"), before)
        }
    }

    /// A folder of many entries is walked on several cores: the same files are carried, the same
    /// inventory comes back in the same order, and of two conflicts the first in order is reported.
    func testAWalkOnSeveralCoresCarriesWhatASerialWalkDoes() throws {
        let folder = try TemporaryFolder()
        var sitegenFiles: Set<String> = []
        for page in 0..<100 {
            let path = String(format: "articles/%03d/index.html", page)
            try folder.write("current/" + path, "page \(page)")
            sitegenFiles.insert(path)
        }
        try folder.write("current/articles/010/notes.txt", "kept by hand")
        try folder.write("current/articles/070/deeper/more.txt", "also kept")
        try folder.write("current/CNAME", "example.org")
        func walk(jobs: Int, into staging: String) throws -> [SpareSite.Inventory.Entry] {
            for path in sitegenFiles { try folder.write(staging + "/" + path, "new") }
            return try ForeignFiles(current: folder.url.appendingPathComponent("current"), staging: folder.url.appendingPathComponent(staging),
                                    display: "current", sitegenFiles: sitegenFiles, force: false, parallel: Parallel(jobs: jobs)).carry()
        }
        let serial = try walk(jobs: 1, into: "serial"), parallel = try walk(jobs: 4, into: "parallel")
        XCTAssertEqual(parallel, serial)
        XCTAssertEqual(serial.filter { $0.kind == .otherFile }.map(\.path), ["CNAME", "articles/010/notes.txt", "articles/070/deeper/more.txt"])
        XCTAssertEqual(folder.snapshot("parallel"), folder.snapshot("serial"))
        XCTAssertEqual(try folder.read("parallel/articles/070/deeper/more.txt"), "also kept")

        // The site now has files where two hand-made files are.
        try folder.write("conflict/articles/010/notes.txt", "the site's")
        try folder.write("conflict/articles/070/deeper/more.txt", "the site's")
        XCTAssertThrowsError(try walk(jobs: 4, into: "conflict")) { error in
            XCTAssertEqual((error as? OutputRefused)?.diagnostic.path, "current/articles/010/notes.txt")
        }
    }

    /// The two system calls publishing uses for folders: `mkdir -p`, and a listing with each entry's kind.
    func testFoldersAreMadeAndListedWithTheKindOfEachEntry() throws {
        let folder = try TemporaryFolder()
        let root = folder.url.path
        try FileSystemEntry.makeFolder(atPath: root + "/a/b/c")
        try FileSystemEntry.makeFolder(atPath: root + "/a/b/c") // already there: fine
        XCTAssertEqual(FileSystemEntry.kind(atPath: root + "/a/b/c"), .folder)
        try folder.write("a/file.txt", "x")
        XCTAssertThrowsError(try FileSystemEntry.makeFolder(atPath: root + "/a/file.txt"), "a file is in the way")
        XCTAssertThrowsError(try FileSystemEntry.makeFolder(atPath: root + "/a/file.txt/d"), "a file is in the way above")
        XCTAssertEqual(symlink("file.txt", root + "/a/link"), 0)
        let listed = try FileSystemEntry.contents(ofFolder: root + "/a")
        XCTAssertEqual(listed.map(\.name), ["b", "file.txt", "link"])
        XCTAssertEqual(listed.map(\.kind), [.folder, .file, .link])
        XCTAssertThrowsError(try FileSystemEntry.contents(ofFolder: root + "/missing"))
    }

    /// The check before a build's work reads only the manifest's first line; it agrees with
    /// reading the whole manifest on what is sitegen's.
    func testTheManifestIsRecognisedByItsFirstLineAsByAWholeRead() throws {
        let folder = try TemporaryFolder()
        let header = OutputManifest.header
        let cases = [header + "\nindex.html\nassets/site.css\n", header, header + "\n", "\n\n" + header + "\nindex.html\n", "# not sitegen's\nindex.html\n",
                     String(header.dropLast()) + "\n", "", header + " and more\n"]
        for (index, text) in cases.enumerated() {
            try folder.write("out\(index)/\(OutputManifest.fileName)", text)
            let url = folder.url.appendingPathComponent("out\(index)")
            XCTAssertEqual(OutputManifest.isPresent(in: url), OutputManifest.read(in: url) != nil, text)
            let output = OutputFolder(url: url, display: "out")
            func isOwned(_ state: OutputFolder.State) -> Bool { if case .owned = state { true } else { false } }
            XCTAssertEqual(isOwned(output.state(readingPaths: false)), isOwned(output.state), text)
        }
        XCTAssertFalse(OutputManifest.isPresent(in: folder.url.appendingPathComponent("missing")))
    }
}
