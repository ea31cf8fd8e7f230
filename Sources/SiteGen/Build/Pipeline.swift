import Foundation

/// What a build reads and where it writes.
public struct BuildOptions: Sendable {
    public var content: URL
    /// Templates that override the built-in theme file by file; nil: the built-in theme alone.
    public var templates: URL?
    public var output: URL
    /// Overrides `base_url` from site.yaml.
    public var baseURL: String?
    /// Where the build cache lives; nil builds everything from scratch.
    public var cache: URL?
    /// Build into a folder sitegen did not make; files the site does not write are still kept.
    public var force: Bool
    /// How many cores the steps use; nil: all of them.
    public var jobs: Int?
    /// Fail on any warning, as on an error: the output is left as it was.
    public var warningsAsErrors = false
    /// Build pages, sources and claims marked `draft: true` like the rest (`--drafts`).
    public var includeDrafts = false
    /// The process exits right after this build (`sitegen build`): the built site is left for the
    /// system to take back rather than freed (`ProcessEnd`). False for builds run again in one process.
    public var processEndsAfterBuild = false

    public init(content: URL, templates: URL?, output: URL, baseURL: String? = nil, cache: URL? = nil, force: Bool = false, jobs: Int? = nil) {
        self.jobs = jobs
        self.content = content
        self.templates = templates
        self.output = output
        self.baseURL = baseURL
        self.cache = cache
        self.force = force
    }
}

/// The wall time and CPU time (all threads) each named step took; CPU ÷ wall
/// shows how well a step used the cores.
public struct StepTimings: Sendable {
    /// `peakMiB`: the process's peak resident memory when the step ended (the most it has used so far).
    public private(set) var steps: [(name: String, seconds: Double, cpu: Double, peakMiB: Double)] = []

    mutating func measure<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds, cpuStart = Self.processCPU()
        defer {
            steps.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, Self.processCPU() - cpuStart, Self.peakMiB()))
        }
        return try work()
    }

    private static func peakMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    }

    private static func processCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// The build, top to bottom:
///
///     load      Content/ → Site (config, sources, pages, claims model), parsed with cmark
///     resolve   claims → quotes anchored in their sources, wordings compared, sums checked
///     match     sources no claim cites → automatic appearances and the review queue
///     checks    the claims model against its own rules (EditorialChecks): warnings and errors
///     analyse   entity mentions, dated sentences → timeline, sources that overlap
///     render    Site → files (pure), each handed to the staging folder as it is made
///     write     the rest of the files, the manifest → the staging folder, swapped in atomically
///
/// Errors are collected; a build with any error writes nothing.
public struct Pipeline {
    public let options: BuildOptions
    public private(set) var timings = StepTimings()
    /// Called when another build is publishing into the same output folder; this one waits for it.
    public var onWaitForOtherBuild: () -> Void = {}
    /// How the site's files are written (a seam for tests of failing disks).
    var writer: any SiteFileWriter = DiskFileWriter()

    public init(options: BuildOptions) { self.options = options }

    /// Runs one step, timed, then hands back to the system the heap memory the step freed (in the
    /// step's time): glibc keeps it otherwise, so each step's scratch memory would stay resident
    /// under the next one's.
    private mutating func step<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        try timings.measure(name) {
            defer { SystemMemory.releaseFreed() }
            return try work()
        }
    }

    /// Everything `build` checks, without writing. Returns warnings; throws `BuildFailed` on errors.
    @discardableResult
    public mutating func check() throws -> (Site, TemplateSet, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let options = self.options
        let parallel = Parallel(jobs: options.jobs)
        var loader = ContentLoader(contentDirectory: options.content, displayRoot: options.content.relativePath, parallel: parallel,
                                   cache: StepCache(folder: options.cache, step: "load"), includeDrafts: options.includeDrafts)
        var site = step("load") { loader.load() }
        loader.saveCache()
        diagnostics.add(contentsOf: loader.diagnostics.all)
        if var loaded = site {
            let anchoring = StepCache(folder: options.cache, step: "resolve")
            var resolver = ClaimResolver(sources: loaded.sources, parallel: parallel, drafts: loaded.drafts, cache: anchoring)
            loaded.claims = step("resolve") { resolver.resolve(loaded.claimModel) }
            anchoring.save()
            diagnostics.add(contentsOf: resolver.diagnostics)
            if !diagnostics.hasErrors {
                step("match") {
                    let cache = StepCache(folder: options.cache, step: "match")
                    defer { cache.save() }
                    AutoMatching(site: loaded, parallel: parallel, cache: cache).apply(to: &loaded)
                }
                let paths = Dictionary(loaded.sources.map { ($0.id, $0.path) }, uniquingKeysWith: { first, _ in first })
                diagnostics.add(contentsOf: loaded.review.map { item in
                    .warning(paths[item.source] ?? item.source, item.position, "review: \(item.reason): “\(item.text)”")
                })
                diagnostics.add(contentsOf: step("checks") { EditorialChecks(claims: loaded.claims, sources: resolver.sources, parallel: parallel).diagnostics() })
            }
            loaded.analysis = step("analyse") {
                let cache = StepCache(folder: options.cache, step: "analyse")
                defer { cache.save() }
                return Analysis(site: loaded, parallel: parallel, cache: cache)
            }
            diagnostics.add(contentsOf: loaded.analysis.warnings)
            site = loaded
        }
        if let override = options.baseURL {
            if URLPolicy.isWebAddress(override) {
                site?.config.baseURL = override.hasSuffix("/") ? override : override + "/"
            } else {
                diagnostics.add(.error("--base-url", nil, "`\(override)` is not an absolute http or https address"))
            }
        }
        let (templates, templateProblems) = step("templates") {
            TemplateSet.load(from: options.templates, displayRoot: options.templates?.relativePath ?? "Templates")
        }
        diagnostics.add(contentsOf: templateProblems)
        if options.warningsAsErrors {
            diagnostics = Diagnostics.promotingWarnings(diagnostics)
        }
        guard !diagnostics.hasErrors, let site, let templates else { throw BuildFailed(diagnostics: diagnostics.sorted) }
        return (site, templates, diagnostics.sorted)
    }

    /// What a build made, for its summary line.
    public struct Summary: Sendable {
        public var warnings: [Diagnostic]
        /// Every file written, and the HTML pages among them.
        public var files: Int
        public var pages: Int
        public var claims: Int
        public var sources: Int
        public var drafts: Drafts
    }

    /// Builds and publishes the site.
    @discardableResult
    public mutating func build() throws -> Summary {
        if let problem = Output.validate(output: options.output, content: options.content, templates: options.templates) {
            throw BuildFailed(diagnostics: [problem])
        }
        var output = Output(directory: options.output, display: options.output.relativePath)
        output.force = options.force
        output.writer = writer
        output.onWait = onWaitForOtherBuild
        // Refused before the work, and checked again when publishing.
        if let refusal = output.folder.refusal(force: options.force) { throw BuildFailed(diagnostics: [refusal]) }
        let (site, templates, warnings) = try check()
        let parallel = Parallel(jobs: options.jobs)
        let cache = options.cache.map { BuildCache(folder: $0, output: options.output, parallel: parallel) }
        /// Renders into a fresh staging folder, each page written as soon as it is made, and swaps it in.
        /// With `reuse` false, nothing is kept from the current output; the cache still records the new one.
        func publish(reuse: Bool) throws -> [RenderedFile] {
            let publication = try output.begin(cache: cache, reuse: reuse, parallel: parallel)
            do {
                var files = step("render") {
                    SiteRenderer(site: site, templates: templates, cache: reuse ? cache : nil, parallel: parallel,
                                 sink: { publication.write($0) }).render()
                }
                let collisions = StaticFiles.add(site.staticFiles, to: &files)
                guard collisions.isEmpty else { throw BuildFailed(diagnostics: collisions) }
                try step("write") { try publication.finish(files) }
                return files
            } catch {
                publication.abandon()
                throw error
            }
        }
        let files: [RenderedFile]
        do {
            do {
                files = try publish(reuse: true)
            } catch is StaleCache {
                // The output changed under the cache: render everything and write it all.
                files = try publish(reuse: false)
            }
        } catch let refused as OutputRefused {
            throw BuildFailed(diagnostics: [refused.diagnostic])
        } catch let failed as BuildFailed {
            throw failed
        } catch {
            throw BuildFailed(diagnostics: [.error(output.display, nil, "could not write the site: \(Output.reason(error))")])
        }
        if options.processEndsAfterBuild { ProcessEnd.leave((site, files, cache)) }
        return Summary(warnings: warnings, files: files.count, pages: files.filter { $0.path.hasSuffix(".html") }.count,
                       claims: site.claims.count, sources: site.sources.count, drafts: site.drafts)
    }
}
