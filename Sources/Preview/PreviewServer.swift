import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// The number of the latest build that succeeded, and the errors of the latest build if it
/// failed: shared by the rebuild loop and the server.
public final class BuildCounter: Sendable {
    private let latest = Mutex((build: 0, errors: [String]()))
    public init() {}
    public var value: Int { latest.withLock { $0.build } }
    /// The latest good build's number and the errors of a build that failed since, read together.
    public var state: (build: Int, errors: [String]) { latest.withLock { $0 } }
    /// A build ended: nil when it succeeded (pages then reload), else its errors (shown over the page).
    public func record(_ errors: [String]?) {
        latest.withLock { state in
            if let errors { state.errors = errors } else { state.build += 1; state.errors = [] }
        }
    }
}

/// `sitegen serve`'s HTTP server, on the loopback address only: the site's files as they are on
/// disk, `index.html` for a folder, the site's `404.html` for a path it does not have, and every
/// HTML page with the live-reload script (`LiveReload`).
public struct PreviewServer {
    let root: URL
    let counter: BuildCounter
    private let server: HTTPServer

    /// `port` 0 takes any free port; `address` tells which.
    public init(root: URL, port: UInt16, counter: BuildCounter) throws {
        self.root = root.standardizedFileURL
        self.counter = counter
        // IPv4's loopback address: reachable from this computer only, and the address printed.
        server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), logger: .disabled,
                            handler: PreviewHandler(root: self.root, counter: counter))
    }

    /// Starts serving in the background, for as long as the process runs, and returns the port
    /// once the server listens; throws when it cannot (the port is taken, say).
    public func start() throws -> UInt16 {
        let outcome = Mutex<Result<UInt16, any Error>?>(nil)
        let settled = DispatchSemaphore(value: 0)
        let server = server
        @Sendable func settle(_ result: Result<UInt16, any Error>) {
            let first = outcome.withLock { current in
                guard current == nil else { return false }
                current = result
                return true
            }
            if first { settled.signal() }
        }
        Task {
            do { try await server.run() } catch { settle(.failure(error)) }
        }
        Task {
            do {
                try await server.waitUntilListening(timeout: 10)
                guard case .ip4(_, let port)? = await server.listeningAddress else { throw ServerFailure(reason: "no IPv4 address") }
                settle(.success(port))
            } catch {
                settle(.failure(error))
            }
        }
        settled.wait()
        do {
            return try outcome.withLock { $0! }.get()
        } catch SocketError.failed(_, let number, let message) {
            throw ServerFailure(reason: number == EADDRINUSE ? "the port is in use (\(message)); choose another with --port" : message)
        }
    }

    /// Why the server could not start, in words.
    public struct ServerFailure: Error, CustomStringConvertible {
        let reason: String
        public var description: String { reason }
    }
}

struct PreviewHandler: HTTPHandler {
    let root: URL
    let counter: BuildCounter

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else { return HTTPResponse(statusCode: .methodNotAllowed) }
        // Only pages opened on this computer: a page elsewhere that points a name of its own at
        // 127.0.0.1 (DNS rebinding) is not answered, so it cannot read a preview with drafts.
        guard Self.isLocal(host: request.headers[.host]) else { return HTTPResponse(statusCode: .forbidden) }
        // Read before the file: a page is never tagged with a build newer than its own bytes.
        let build = counter.value
        // The path as the browser sent it: FlyingFox's `path` drops a folder's final `/`.
        let path = request.target.path(percentEncoded: true)
        switch path {
        case LiveReload.scriptPath:
            return response(.ok, type: "text/javascript; charset=utf-8", Data(LiveReload.script.utf8))
        case LiveReload.buildPath:
            // The build's number, then the errors of a build that failed since, one per line.
            let state = counter.state
            let lines = ["\(state.build)"] + state.errors
            return response(.ok, type: "text/plain; charset=utf-8", Data(lines.joined(separator: "\n").utf8))
        default:
            switch PreviewFiles.lookup(path, in: root) {
            case .file(let file):
                if let data = FileManager.default.contents(atPath: file.path) { return page(.ok, file: file, data, build: build) }
            case .folder(let slashed):
                // `claims/x` → `claims/x/`, so that the page's relative links resolve as on a real host.
                return HTTPResponse(statusCode: .movedPermanently, headers: [.location: slashed, .cacheControl: "no-store"])
            case nil:
                break
            }
            let missing = root.appendingPathComponent("404.html")
            let data = FileManager.default.contents(atPath: missing.path) ?? Data("Not found\n".utf8)
            return page(.notFound, file: missing, data, build: build)
        }
    }

    /// `localhost` or `127.0.0.1`, with or without a port.
    static func isLocal(host: String?) -> Bool {
        guard let host = host?.lowercased() else { return false }
        let name = host.split(separator: ":", maxSplits: 1).first.map(String.init) ?? host
        return name == "127.0.0.1" || name == "localhost"
    }

    private func page(_ status: HTTPStatusCode, file: URL, _ data: Data, build: Int) -> HTTPResponse {
        let type = PreviewFiles.contentType(of: file)
        guard type.hasPrefix("text/html") else { return response(status, type: type, data) }
        return response(status, type: type, Data(LiveReload.inject(into: String(decoding: data, as: UTF8.self), build: build).utf8))
    }

    private func response(_ status: HTTPStatusCode, type: String, _ body: Data) -> HTTPResponse {
        // Never cached: the next build may change any file.
        HTTPResponse(statusCode: status, headers: [.contentType: type, .cacheControl: "no-store"], body: body)
    }
}

/// Which file of the output folder answers a request path.
enum PreviewFiles {
    enum Answer: Equatable {
        case file(URL)
        /// A folder asked for without its final `/`: the address to send the browser to.
        case folder(String)
    }

    /// The file for `path` (percent-decoded; a folder means its `index.html`), or nil when there is
    /// none or the path would leave the folder.
    static func lookup(_ path: String, in root: URL) -> Answer? {
        let bare = path.prefix { $0 != "?" }
        guard let decoded = String(bare).removingPercentEncoding else { return nil }
        let parts = decoded.split(separator: "/").map(String.init)
        guard !parts.contains(where: { $0 == ".." || $0 == "." || $0.contains("\0") }) else { return nil }
        var file = parts.reduce(root) { $0.appendingPathComponent($1) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder) else { return nil }
        if isFolder.boolValue {
            file = file.appendingPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: file.path) else { return nil }
            // Made from the path's own parts: `//host/x` must not become a redirect to another host.
            if !bare.hasSuffix("/") { return .folder("/" + parts.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0 }.joined(separator: "/") + "/") }
        }
        return .file(file)
    }

    static func contentType(of file: URL) -> String {
        switch file.pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}
