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
        .executableTarget(
            name: "zhiku",
            dependencies: [
                "ZhikuCore",
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
        .testTarget(name: "zhikuTests", dependencies: ["zhiku"]),
    ]
)
