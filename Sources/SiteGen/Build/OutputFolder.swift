import Foundation

/// The output folder as a build finds it, and whether the build may publish
/// into it. sitegen owns only what it made: it builds into a folder that is
/// missing, empty or marked with its manifest, and into any other folder only
/// when told to with `--force`.
struct OutputFolder {
    enum State: Equatable {
        case missing
        /// Nothing in it, or nothing but hidden files such as `.gitkeep` (not `.git`).
        case empty
        /// Made by sitegen: the manifest lists the files it wrote.
        case owned(OutputManifest)
        /// Not empty and not sitegen's.
        case foreign(isGitCheckout: Bool)
        case notAFolder
        case link(to: String)

        /// The files a build may replace or delete here: the previous build's, or none.
        var sitegenFiles: Set<String> {
            if case .owned(let manifest) = self { return manifest.paths }
            return []
        }
    }

    let url: URL
    /// The path as the user gave it, for messages.
    let display: String

    var state: State { state(readingPaths: true) }

    /// Without `readingPaths`, an owned folder's manifest is only recognised by its first line,
    /// and its list of paths is left empty: enough to decide whether the build may go ahead.
    func state(readingPaths: Bool) -> State {
        switch FileSystemEntry.kind(atPath: url.path) {
        case .missing: return .missing
        case .folder: break
        case .link: return .link(to: (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?")
        case .file, .other: return .notAFolder
        }
        if readingPaths, let manifest = OutputManifest.read(in: url) { return .owned(manifest) }
        if !readingPaths, OutputManifest.isPresent(in: url) { return .owned(OutputManifest(paths: [String]())) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        // `.git` is a file in a git worktree: a checkout all the same, never a placeholder.
        let placeholdersOnly = names.allSatisfy {
            $0.hasPrefix(".") && $0 != ".git" && FileSystemEntry.kind(atPath: url.appendingPathComponent($0).path) == .file
        }
        return placeholdersOnly ? .empty : .foreign(isGitCheckout: names.contains(".git"))
    }

    /// Why a build may not publish here, or nil when it may (the manifest's paths are not read).
    func refusal(force: Bool) -> Diagnostic? { refusal(in: state(readingPaths: false), force: force) }

    /// The same, for a state already read (reading it reads the whole manifest).
    func refusal(in state: State, force: Bool) -> Diagnostic? {
        switch state {
        case .missing, .empty, .owned:
            return nil
        case .foreign where force:
            return nil
        case .foreign(isGitCheckout: true):
            return .error(display, nil, "this folder is a git checkout that sitegen did not make; pass --force to build into it "
                                        + "(.git and every file the site does not write are kept)")
        case .foreign(isGitCheckout: false):
            return .error(display, nil, "this folder is not empty and was not made by sitegen; pass --force to replace it "
                                        + "(files at the site's paths are replaced, every other file is kept)")
        case .notAFolder:
            return .error(display, nil, "this is a file, not a folder; the output must be a folder")
        case .link(let target):
            return .error(display, nil, "this is a symbolic link to \(target); pass the folder itself as --output")
        }
    }
}

/// A refusal found while publishing; nothing was changed.
struct OutputRefused: Error {
    let diagnostic: Diagnostic
}
