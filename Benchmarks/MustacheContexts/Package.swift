// swift-tools-version:5.10
// A side benchmark, not part of the build: the same page chrome rendered by swift-mustache from
// `[String: Any]` dictionaries and from typed contexts (classes that answer `MustacheParent`).
//     swift run -c release --package-path Benchmarks/MustacheContexts
import PackageDescription

let package = Package(
    name: "MustacheContexts",
    dependencies: [.package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1")],
    targets: [.executableTarget(name: "MustacheContexts", dependencies: [.product(name: "Mustache", package: "swift-mustache")])]
)
