// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "PartnershipLedger",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "LedgerCore", targets: ["LedgerCore"]),
        .library(name: "LedgerStore", targets: ["LedgerStore"]),
        .library(name: "LedgerReport", targets: ["LedgerReport"]),
        .library(name: "LedgerViews", targets: ["LedgerViews"]),
        .executable(name: "partnership-ledger", targets: ["partnership-ledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Pure domain: values, events, validation, projection. No SQLite, no CLI.
        .target(
            name: "LedgerCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The storage shell: SQLite (embedded) or PostgreSQL (shared) schema, append-only log, hash chain, replay streams.
        .target(
            name: "LedgerStore",
            dependencies: [
                "LedgerCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Presentation: the self-contained HTML report (inline SVG charts), and value text shared with the CLI.
        .target(name: "LedgerReport", dependencies: ["LedgerCore"]),
        // What each command shows and does, front-end neutral: a query's answer as table, JSON and CSV text,
        // the import workflow. Reads the store through its public API; prints nothing.
        .target(name: "LedgerViews", dependencies: ["LedgerCore", "LedgerStore", "LedgerReport"]),
        // Thin command line: argument parsing, formatting, exit codes.
        .executableTarget(
            name: "partnership-ledger",
            dependencies: [
                "LedgerCore",
                "LedgerStore",
                "LedgerReport",
                "LedgerViews",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Synthetic histories (and the one seeded generator) for benchmarks, tools and tests.
        .target(name: "SyntheticHistory", dependencies: ["LedgerCore"]),
        .executableTarget(
            name: "generate-history",
            dependencies: ["SyntheticHistory", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tools/generate-history"
        ),
        .executableTarget(
            name: "bench-probe",
            dependencies: ["LedgerCore", "LedgerStore", "SyntheticHistory", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tools/bench-probe"
        ),
        // The one test-support library every test target uses: builders, the seeded generator (via
        // SyntheticHistory), scratch folders, the CLI runner and the attacker.
        .target(
            name: "TestSupport",
            dependencies: ["LedgerCore", "LedgerStore", "SyntheticHistory", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/TestSupport"
        ),
        // History views (LedgerCore/History) are checked on logs read from a real store.
        .testTarget(name: "LedgerCoreTests", dependencies: ["LedgerCore", "LedgerStore", "SyntheticHistory", "TestSupport"]),
        .testTarget(
            name: "LedgerStoreTests",
            dependencies: ["LedgerCore", "LedgerStore", "SyntheticHistory", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        // End-to-end tests run the binary this build produced (depending on it makes `swift test` build it);
        // GRDB (through TestSupport's Attacker) lets them play the attacker on a ledger file.
        .testTarget(
            name: "CLITests",
            dependencies: ["LedgerCore", "LedgerStore", "SyntheticHistory", "TestSupport", "partnership-ledger",
                           .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "LedgerViewsTests", dependencies: ["LedgerCore", "LedgerStore", "LedgerViews", "SyntheticHistory", "TestSupport"]),
        .testTarget(name: "LedgerReportTests", dependencies: ["LedgerCore", "LedgerStore", "LedgerReport", "LedgerViews", "TestSupport", "partnership-ledger"]),
    ],
    swiftLanguageModes: [.v6]
)
