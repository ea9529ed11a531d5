// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Zhiku",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "zhiku", targets: ["zhiku"]),
        .library(name: "ZhikuCore", targets: ["ZhikuCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // System libraries, found through pkg-config; Scripts/setup installs the Debian packages.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "COpenCC",
            pkgConfig: "opencc",
            providers: [.apt(["libopencc-dev"])]
        ),

        // Turns Migrations/*.sql into Swift string literals, so the binary needs no files beside it.
        .executableTarget(name: "zhiku-embed-sql", path: "Sources/zhiku-embed-sql"),
        .plugin(
            name: "EmbedSQL",
            capability: .buildTool(),
            dependencies: ["zhiku-embed-sql"]
        ),

        .target(name: "ZhikuSQLite", dependencies: ["CSQLite"]),
        .target(
            name: "ZhikuCore",
            dependencies: ["ZhikuSQLite", "COpenCC", .product(name: "Crypto", package: "swift-crypto")],
            plugins: ["EmbedSQL"]
        ),
        // What the CLI and the service both print: rows and pages with the same keys in JSON.
        .target(name: "ZhikuOutput", dependencies: ["ZhikuCore", "ZhikuSQLite"]),
        // The HTTP service: JSON API and web page over one database.
        .target(
            name: "ZhikuServer",
            dependencies: [
                "ZhikuCore", "ZhikuOutput",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "zhiku",
            dependencies: [
                "ZhikuCore", "ZhikuOutput", "ZhikuServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Compares the search form's index with a plain FTS5 trigram table; run through Scripts/bench-search.
        .executableTarget(name: "zhiku-bench", dependencies: ["ZhikuCore", "ZhikuSQLite"]),

        .testTarget(name: "ZhikuSQLiteTests", dependencies: ["ZhikuSQLite"]),
        .testTarget(
            name: "ZhikuCoreTests",
            dependencies: ["ZhikuCore", "ZhikuSQLite"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "ZhikuServerTests", dependencies: ["ZhikuServer", "ZhikuCore"]),
        .testTarget(name: "zhikuTests", dependencies: ["zhiku"]),
    ]
)
