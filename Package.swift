// swift-tools-version: 6.2
import Foundation
import PackageDescription

/// CI sets SLUICE_WARNINGS_AS_ERRORS=1 so a warning in our own targets fails the build
/// (dependencies keep their own warnings).
let warningsAsErrors = ProcessInfo.processInfo.environment["SLUICE_WARNINGS_AS_ERRORS"] == "1"

let languageSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// Product code: warnings fail CI. (Test targets are exempt: Swift Testing's own macros
/// expand to code that warns under Swift 6.3.)
let strictSettings: [SwiftSetting] = languageSettings + (warningsAsErrors ? [.treatAllWarnings(as: .error)] : [])

/// Hot paths (readers, writers, kernels) drop the dynamic exclusivity checks in release builds:
/// they cost a quarter of the JSON decoding time, and the static checks still run.
let hotPathSettings: [SwiftSetting] = strictSettings + [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sluice", targets: ["sluice"]),
        .library(name: "SluiceCore", targets: ["SluiceCore"]),
        .library(name: "SluiceFormats", targets: ["SluiceFormats"]),
        .library(name: "SluiceSQL", targets: ["SluiceSQL"]),
        .library(name: "SluiceEngine", targets: ["SluiceEngine"]),
        .library(name: "SluiceCatalog", targets: ["SluiceCatalog"]),
        .library(name: "SluiceSecrets", targets: ["SluiceSecrets"]),
        .library(name: "SluicePostgres", targets: ["SluicePostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // Layer 0: errors, data types, schema, columns and batches.
        .target(name: "SluiceCore", swiftSettings: hotPathSettings),
        // zlib for .gz input and output (Debian zlib1g-dev).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Parquet page codecs: Snappy (Debian libsnappy-dev, no pkg-config file), Zstandard, LZ4.
        .systemLibrary(name: "CSnappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        // Layer 1: JSON, CSV and Parquet readers, writers and schema inference.
        .target(
            name: "SluiceFormats",
            dependencies: ["SluiceCore", "CZlib", "CSnappy", "CZstd", "CLZ4"],
            swiftSettings: hotPathSettings
        ),
        // Layer 2: the SQL lexer, parser and syntax tree with source spans.
        .target(name: "SluiceSQL", dependencies: ["SluiceCore"], swiftSettings: strictSettings),
        // Layer 3: binder, logical plan, optimizer, physical operators and kernels.
        .target(
            name: "SluiceEngine",
            dependencies: ["SluiceCore", "SluiceFormats", "SluiceSQL"],
            swiftSettings: hotPathSettings
        ),
        // Layer 4: the data catalog (one SQLite file through GRDB) and the crawlers that fill it.
        .target(
            name: "SluiceCatalog",
            dependencies: [
                "SluiceCore", "SluiceFormats", "SluiceEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // Layer 4: Sluice's own encrypted secret store and references to passwords.
        .target(
            name: "SluiceSecrets",
            dependencies: ["SluiceCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        // Layer 4: the PostgreSQL connector: settings, connection test, introspection, reading.
        .target(
            name: "SluicePostgres",
            dependencies: [
                "SluiceCore", "SluiceFormats", "SluiceEngine", "SluiceSecrets",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        // Layer 4: durable streams: shard segment logs, the stream registry, Kinesis semantics (no HTTP).
        .target(
            name: "SluiceStreams",
            dependencies: ["SluiceCore", "SluiceFormats", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        // Layer 6: AWS wire shapes (Kinesis now; Firehose, Glue, Athena later), AWS error mapping, SigV4.
        .target(
            name: "SluiceAWS",
            dependencies: [
                "SluiceCore", "SluiceStreams",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Layer 7: the Hummingbird application behind `sluice server`.
        .target(
            name: "SluiceServer",
            dependencies: [
                "SluiceCore", "SluiceStreams", "SluiceAWS", "SluiceCatalog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        // Deterministic seeded generators for the seed data sets (benchmarks, demo, tests).
        .target(name: "SluiceSampleData", dependencies: ["SluiceCore", "SluiceFormats"], swiftSettings: strictSettings),
        // The command-line interface.
        .executableTarget(
            name: "sluice",
            dependencies: [
                "SluiceCore", "SluiceFormats", "SluiceSampleData", "SluiceSQL", "SluiceEngine", "SluiceCatalog", "SluiceSecrets",
                "SluiceStreams", "SluiceAWS", "SluiceServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // Shared helpers for tests: temporary folders, running the built binary, random data.
        .target(name: "SluiceTestSupport", dependencies: ["SluiceCore", "SluiceFormats"], swiftSettings: strictSettings),
        .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore", "SluiceTestSupport"], swiftSettings: languageSettings),
        .testTarget(name: "SluiceSQLTests", dependencies: ["SluiceCore", "SluiceSQL"], swiftSettings: languageSettings),
        .testTarget(
            name: "SluiceEngineTests",
            dependencies: ["SluiceCore", "SluiceFormats", "SluiceSQL", "SluiceEngine", "SluiceTestSupport"],
            exclude: ["sql"],
            swiftSettings: languageSettings
        ),
        .testTarget(
            name: "SluiceFormatsTests",
            dependencies: ["SluiceCore", "SluiceFormats", "SluiceSampleData", "SluiceTestSupport"],
            resources: [.copy("Parquet/Fixtures")],
            swiftSettings: languageSettings
        ),
        // Parquet against pyarrow, DuckDB and Spark (Python, installed by scripts/setup.sh --test).
        .testTarget(
            name: "SluiceInteropTests",
            dependencies: ["SluiceCore", "SluiceFormats", "SluiceEngine", "SluiceSampleData", "SluiceTestSupport"],
            exclude: ["python"],
            swiftSettings: languageSettings
        ),
        .testTarget(
            name: "SluiceCatalogTests",
            dependencies: ["SluiceCore", "SluiceFormats", "SluiceEngine", "SluiceCatalog", "SluiceTestSupport"],
            swiftSettings: languageSettings
        ),
        .testTarget(
            name: "SluiceSecretsTests",
            dependencies: ["SluiceCore", "SluiceSecrets", "SluiceTestSupport"],
            swiftSettings: languageSettings
        ),
        // Against a throwaway PostgreSQL cluster the tests start (SluiceTestSupport.ThrowawayPostgres).
        .testTarget(
            name: "SluicePostgresTests",
            dependencies: ["SluiceCore", "SluiceFormats", "SluiceEngine", "SluiceSecrets", "SluicePostgres", "SluiceTestSupport"],
            swiftSettings: languageSettings
        ),
        .testTarget(
            name: "SluiceStreamsTests",
            dependencies: ["SluiceCore", "SluiceFormats", "SluiceStreams", "SluiceTestSupport"],
            swiftSettings: languageSettings
        ),
        .testTarget(
            name: "SluiceAWSTests",
            dependencies: ["SluiceCore", "SluiceStreams", "SluiceAWS", "SluiceTestSupport"],
            swiftSettings: languageSettings
        ),
        // `sluice server` driven by boto3 and the aws CLI (installed by scripts/setup.sh --test).
        .testTarget(
            name: "SluiceServerTests",
            dependencies: ["SluiceCore", "SluiceTestSupport"],
            exclude: ["python"],
            swiftSettings: languageSettings
        ),
        .testTarget(
            name: "SluiceCLITests",
            dependencies: ["SluiceCore", "SluiceTestSupport"],
            swiftSettings: languageSettings
        ),
    ]
)
