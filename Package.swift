// swift-tools-version:5.10
import PackageDescription

let package = Package(
    name: "SiteGen",
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .library(name: "SiteGen", targets: ["SiteGen"]),
    ],
    dependencies: [
        // Exact versions: Package.resolved is not committed (the local mirror's commit ids are not GitHub's).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // The HTTP server of `sitegen serve`: light (no SwiftNIO), so a clean build stays short.
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev), found through pkg-config.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // edlib from the system (Debian: libedlib-dev): Myers' bit-vector edit distance, for
        // approximate search in matching and in anchoring's "did you mean".
        .systemLibrary(
            name: "CEdlib",
            pkgConfig: "edlib-1",
            providers: [.apt(["libedlib-dev"])]
        ),
        // xxHash from the system (Debian: libxxhash-dev): XXH3-128, the digest that keys the build caches.
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        // The system calls Swift's Glibc module does not expose: the atomic folder swap, and glibc's
        // malloc_trim and mallopt (freed memory handed back between steps).
        .target(name: "CSystem"),
        // Markdown through cmark: every call into libcmark is here, behind a small Swift API.
        .target(name: "Markdown", dependencies: ["CCmark"]),
        .target(
            name: "SiteGen",
            dependencies: [
                "Markdown",
                "CEdlib",
                "CSystem",
                "CXXHash",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ],
            // The built-in theme (templates and assets a project's Templates/ overrides file by
            // file) and the starter project `sitegen init` writes.
            resources: [.copy("Theme"), .copy("Starter")]
        ),
        // `sitegen watch` and `sitegen serve`: inotify on the project's folders, rebuilds, and
        // the local preview server with live reload.
        .target(
            name: "Preview",
            dependencies: ["SiteGen", .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox")]
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SiteGen",
                "Preview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer targets (scripts/fuzz.sh); built normally, a replayer for crash inputs.
        .executableTarget(name: "SiteGenFuzz", dependencies: ["SiteGen", "Markdown"]),
        .testTarget(
            name: "SiteGenTests",
            dependencies: ["SiteGen", "Markdown", "Preview"],
            resources: []
        ),
    ]
)
