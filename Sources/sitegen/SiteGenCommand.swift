import ArgumentParser
import Foundation
import Preview
import SiteGen

@main
struct SiteGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Publishes annotated explainers: sources, claims and explainer pages into a static site.",
        version: SiteRenderer.generator,
        subcommands: [Init.self, Build.self, Check.self, Watch.self, Serve.self, Templates.self, EvaluateMatching.self]
    )

    static func main() {
        // How the process's allocator hands memory back: set once, before any work.
        SystemMemory.returnLargeBlocksWhenFreed()
        ProcessSignals.unblockAll()
        main(nil)
    }
}

/// How diagnostics are printed: compiler-style lines, or one JSON object per line.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct Locations: ParsableArguments {
    @Option(help: "The content folder.") var content = "Content"
    @Option(help: "Templates that override the built-in theme, file by file (default: Templates, if there is one).") var templates: String?
    @Flag(help: "Print nothing but problems.") var quiet = false
    @Flag(help: "Print how long each step took.") var timings = false
    @Option(help: "How to print problems: text (path:line:col: error: message) or json (one object per line, on standard output).")
    var format: DiagnosticFormat = .text
    @Flag(name: .customLong("warnings-as-errors"), help: "Fail on any warning; the output is left as it was.") var warningsAsErrors = false
    @Flag(help: "Take in pages, sources and claims marked `draft: true` (left out by default).") var drafts = false

    func options(output: String = "public", baseURL: String? = nil) -> BuildOptions {
        // Without --templates, a Templates folder is used if the project has one; with it, the folder must exist.
        let overrides = templates ?? (FileManager.default.fileExists(atPath: "Templates") ? "Templates" : nil)
        var options = BuildOptions(content: URL(fileURLWithPath: content), templates: overrides.map { URL(fileURLWithPath: $0) },
                                   output: URL(fileURLWithPath: output), baseURL: baseURL)
        options.warningsAsErrors = warningsAsErrors
        options.includeDrafts = drafts
        return options
    }


    /// Each diagnostic as text on standard error, or as JSON on standard output; under GitHub
    /// Actions also as a workflow command, which the runner reads from standard output (not
    /// with JSON, which must stay one object per line for whatever reads it).
    func report(_ diagnostics: [Diagnostic]) {
        let annotate = ProcessInfo.processInfo.environment["GITHUB_ACTIONS"] == "true" && format == .text
        guard annotate else {
            // One write for all of them: a large corpus can have thousands of warnings.
            let lines = diagnostics.map { (format == .text ? $0.description : $0.json) + "\n" }.joined()
            if !lines.isEmpty { (format == .text ? FileHandle.standardError : FileHandle.standardOutput).write(Data(lines.utf8)) }
            return
        }
        for diagnostic in diagnostics {
            // Each annotation right after its line, so the two streams stay in step in a CI log.
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
            FileHandle.standardOutput.write(Data((diagnostic.githubAnnotation + "\n").utf8))
        }
    }

    /// The one line a build or check ends with, unless `--quiet`: on a terminal and in CI logs alike.
    func summarize(_ line: String, drafts: Drafts = Drafts()) {
        guard !quiet else { return }
        let draftNote = drafts.summary.isEmpty ? "" : "; " + drafts.summary
        FileHandle.standardError.write(Data((line + draftNote + "\n").utf8))
    }


    func report(_ timings: StepTimings) {
        guard self.timings else { return }
        for step in timings.steps {
            let line = String(format: "%-10@ %8.1f ms wall %8.1f ms cpu  %4.2f×  peak %6.0f MiB\n", step.name as NSString, step.seconds * 1000,
                              step.cpu * 1000, step.seconds > 0 ? step.cpu / step.seconds : 0, step.peakMiB)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}

/// Where a build writes and what it may reuse: shared by `build`, `watch` and `serve`.
struct Destination: ParsableArguments {
    @Option(help: "The output folder (default: public; for serve, .sitegen-cache/preview). Its files from the previous build are replaced, all at once and only when the build succeeds. Other files in it are kept.")
    var output: String?
    @Flag(help: "Build into a folder sitegen did not make: files at the site's paths are replaced, every other file is kept.") var force = false
    @Option(name: .customLong("base-url"), help: "The address the site is published at (overrides site.yaml).") var baseURL: String?
    @Option(help: "The build cache folder: pages whose inputs did not change are kept, not rendered again, and each source's and claims file's work is reused.") var cache = ".sitegen-cache"
    @Flag(name: .customLong("no-cache"), help: "Build everything from scratch, without reading or writing the cache.") var noCache = false
    @Option(help: "How many cores to use (default: all).") var jobs: Int?

    func options(_ locations: Locations, defaultOutput: String = "public") -> BuildOptions {
        var options = locations.options(output: output ?? defaultOutput, baseURL: baseURL)
        options.jobs = jobs
        options.cache = noCache ? nil : URL(fileURLWithPath: cache)
        options.force = force
        return options
    }
}

/// One build, its problems and its summary line printed; nil when it succeeded, else the lines
/// that say why it failed.
@discardableResult
func buildOnce(_ options: BuildOptions, _ locations: Locations) -> [String]? {
    var pipeline = Pipeline(options: options)
    let quiet = locations.quiet, output = options.output.relativePath
    pipeline.onWaitForOtherBuild = {
        if !quiet { FileHandle.standardError.write(Data("sitegen: waiting for another build into \(output) to finish\n".utf8)) }
    }
    let start = Date()
    do {
        let result = try pipeline.build()
        locations.report(result.warnings)
        locations.report(pipeline.timings)
        let elapsed = String(format: "%.2f", Date().timeIntervalSince(start))
        locations.summarize("Built \(Counted.text(result.pages, "page")) (\(Counted.text(result.claims, "claim")), \(Counted.text(result.sources, "source"))) into \(output) in \(elapsed) s, \(Counted.text(result.warnings.count, "warning"))", drafts: result.drafts)
        return nil
    } catch let failure as BuildFailed {
        locations.report(failure.diagnostics)
        locations.report(pipeline.timings)
        let errors = failure.diagnostics.filter { $0.severity == .error }
        FileHandle.standardError.write(Data("sitegen: \(Counted.text(errors.count, "error")); \(output) was left as it was\n".utf8))
        return errors.map(\.description)
    } catch {
        FileHandle.standardError.write(Data("sitegen: \(error)\n".utf8))
        return ["sitegen: \(error)"]
    }
}

/// Builds once, then again each time a file under the content or templates folder changes,
/// until the process is stopped. `built` is told of each build: nil when it succeeded, else its errors.
func rebuildOnChange(_ options: BuildOptions, _ locations: Locations, built: ([String]?) -> Void) throws -> Never {
    var options = options
    let folders = [options.content] + (options.templates.map { [$0] } ?? [])
    // Without --templates, a Templates folder is used while there is one: made later, it is taken
    // up as it appears; removed, the built-in theme is used again.
    let laterTemplates = locations.templates == nil ? URL(fileURLWithPath: "Templates") : nil
    // Built first: a project that cannot be built at all gets the build's own errors.
    built(buildOnce(options, locations))
    let watcher: FolderWatcher
    do {
        watcher = try FolderWatcher(watching: folders, later: laterTemplates.map { [$0] } ?? [],
                                    ignoring: [options.output] + (options.cache.map { [$0] } ?? []))
    } catch let failure as FolderWatcher.Failure {
        let shown = folders.first { $0.path == failure.path }?.relativePath ?? failure.path
        FileHandle.standardError.write(Data("sitegen: cannot watch \(shown): \(failure.reason)\n".utf8))
        throw ExitCode(1)
    }
    let shown = folders.map(\.relativePath).joined(separator: " and ")
    locations.summarize("Watching \(shown) for changes (Ctrl-C to stop)")
    let project = FileManager.default.currentDirectoryPath + "/"
    while true {
        guard let changed = watcher.nextChange(), !changed.isEmpty else { continue }
        // Named: a file that is there (an editor's save may also make and remove a temporary file).
        let named = changed.first { FileManager.default.fileExists(atPath: $0) } ?? changed[0]
        let first = named.hasPrefix(project) ? String(named.dropFirst(project.count)) : named
        locations.summarize("Changed: \(first)\(changed.count > 1 ? " and \(Counted.text(changed.count - 1, "other path"))" : "")")
        if let later = laterTemplates {
            options.templates = FileManager.default.fileExists(atPath: later.path) ? later : nil
        }
        built(buildOnce(options, locations))
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the whole site into the output folder.")

    @OptionGroup var locations: Locations
    @OptionGroup var destination: Destination

    func run() throws {
        var options = destination.options(locations)
        options.processEndsAfterBuild = true
        guard buildOnce(options, locations) == nil else { throw ExitCode(1) }
    }
}

struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build, then build again (reusing the cache) whenever a file in the content or templates folder changes.")

    @OptionGroup var locations: Locations
    @OptionGroup var destination: Destination

    func run() throws {
        try rebuildOnChange(destination.options(locations), locations, built: { _ in })
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site on this computer: build it, serve it on localhost, and rebuild and reload the open pages whenever a file changes.")

    @OptionGroup var locations: Locations
    @OptionGroup var destination: Destination
    @Option(help: "The port to serve on (0: any free port).") var port: UInt16 = 8000

    func run() throws {
        // Its own output folder by default, so that a preview (perhaps with --drafts) is never what gets published.
        let options = destination.options(locations, defaultOutput: ".sitegen-cache/preview")
        let counter = BuildCounter()
        let listening: UInt16
        do {
            listening = try PreviewServer(root: options.output, port: port, counter: counter).start()
        } catch {
            FileHandle.standardError.write(Data("sitegen: cannot serve on 127.0.0.1:\(port): \(error)\n".utf8))
            throw ExitCode(1)
        }
        // Printed whatever --quiet says: it is the address to open. On standard output, unless that
        // carries JSON, which stays one diagnostic per line.
        let serving = "Serving \(options.output.relativePath) at http://127.0.0.1:\(listening)/ (pages reload after each rebuild)\n"
        (locations.format == .json ? FileHandle.standardError : FileHandle.standardOutput).write(Data(serving.utf8))
        try rebuildOnChange(options, locations, built: counter.record)
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new explainer: a small working site (content, claims, pages) to build on.")

    @Argument(help: "The project folder (made if it does not exist).") var folder = "."
    @Flag(help: "Also copy the built-in theme into Templates/, to change it.") var templates = false

    func run() throws {
        let target = URL(fileURLWithPath: folder)
        do {
            let written = try StarterProject.write(into: target, withTemplates: templates)
            let project = folder == "." ? "" : " in \(folder)"
            print("Wrote \(Counted.text(written.count, "file"))\(project). Next:")
            if folder != "." { print("  cd \(folder)") }
            // The program as it was run, so the lines work as they are (sitegen may not be on PATH).
            var program = CommandLine.arguments.first ?? "sitegen"
            if program.contains("/"), !program.hasPrefix("/") {
                program = URL(fileURLWithPath: program).standardizedFileURL.path
            }
            print("  \(program) serve   # a preview at http://127.0.0.1:8000/ that follows your edits")
            print("  \(program) build   # writes the site into public/")
            print("  python3 -m http.server -d public 8000   # the published files, as any server shows them")
            print("Edit Content/site.yaml first; docs/content.md in sitegen's repository lists every field.")
        } catch let failure as BuildFailed {
            for diagnostic in failure.diagnostics { FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8)) }
            throw ExitCode(1)
        }
    }
}

struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy built-in templates into the project to change them: the named ones (footer, claim.mustache, assets/style.css…), or all.")

    @Argument(help: "The theme files to copy (default: all of them).") var names: [String] = []
    @Option(help: "The project's templates folder.") var into = "Templates"

    func run() throws {
        do {
            let copied = try StarterProject.copyTheme(names, into: URL(fileURLWithPath: into))
            print("Copied \(Counted.text(copied.count, "file")) into \(into)/: \(copied.joined(separator: ", ")).")
            print("Each replaces the built-in file of the same name; delete one to go back to the built-in file.")
        } catch let failure as BuildFailed {
            for diagnostic in failure.diagnostics { FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8)) }
            throw ExitCode(1)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the content without writing anything; print the review queue as warnings.")

    @OptionGroup var locations: Locations

    func run() throws {
        var pipeline = Pipeline(options: locations.options())
        do {
            let (site, _, warnings) = try pipeline.check()
            locations.report(warnings)
            // What the desk has not covered yet: informs, never fails.
            let notes = EditorialChecks.uncitedPassages(claims: site.claims, sources: site.sources)
            locations.report(notes)
            locations.report(pipeline.timings)
            locations.summarize("No errors; \(Counted.text(warnings.count, "warning")), \(Counted.text(notes.count, "uncited passage")) in primary sources", drafts: site.drafts)
        } catch let failure as BuildFailed {
            locations.report(failure.diagnostics)
            locations.report(pipeline.timings)
            let errors = failure.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("sitegen: \(Counted.text(errors, "error"))\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct EvaluateMatching: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-matching",
        abstract: "Leave-one-out: match each scraped article as if it were new and compare with the curated claims.")

    @OptionGroup var locations: Locations
    @Flag(help: "List every match with its method, score and passage.") var details = false
    @Option(help: "Try other thresholds: wording,figure,statement,paraphrase (for example 0.8,0.65,0.6,0.55).") var thresholds: String?

    func run() throws {
        var pipeline = Pipeline(options: locations.options())
        var chosen: [Double]?
        if let thresholds {
            let values = thresholds.split(separator: ",").compactMap { Double($0) }
            guard values.count == 4 else { throw ValidationError("--thresholds takes four numbers: wording,figure,statement,paraphrase") }
            chosen = values
        }
        do {
            let (site, _, _) = try pipeline.check()
            let evaluation = MatchingEvaluation(site: site, thresholds: chosen)
            print(evaluation.report, terminator: "")
            if details { print(evaluation.details, terminator: "") }
        } catch let failure as BuildFailed {
            locations.report(failure.diagnostics)
            throw ExitCode(1)
        }
    }
}
