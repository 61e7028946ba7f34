// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "palestra",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "palestra", targets: ["PalestraCLI"]),
        .executable(name: "palestra-render-benchmark", targets: ["RenderBenchmark"]),
        .library(name: "Palestra", targets: ["Palestra"]),
        .library(name: "Postgres", targets: ["Postgres"]),
        .library(name: "Mustache", targets: ["Mustache"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
        .target(
            name: "Postgres",
            dependencies: [
                "CLibPQ",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Palestra's own Mustache: templates compiled once into flat programs, checked against typed view models.
        // Exclusivity is still checked at compile time; the run-time checks (a renderer passed `inout`
        // through readers' closures) were 12 % of a render — see the README's Performance section.
        .target(
            name: "Mustache",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strict + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        .target(
            name: "Palestra",
            dependencies: [
                "Postgres", "CCmark", "CArgon2", "Mustache",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [
                .copy("Resources/common-passwords.txt"),
                .copy("Resources/common-passwords.NOTICE"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "PalestraCLI",
            dependencies: [
                "Palestra",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // `make bench-render`: the change list's render, timed and counted by callgrind.
        .executableTarget(
            name: "RenderBenchmark",
            dependencies: ["Palestra"],
            swiftSettings: strict
        ),
        // What both test targets share: a database of its own per test, and waiting for a condition.
        .target(
            name: "TestSupport",
            dependencies: [
                "Postgres",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "MustacheTests",
            dependencies: ["Mustache", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PostgresTests",
            dependencies: [
                "Postgres", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PalestraTests",
            dependencies: [
                "Palestra", "TestSupport", "Mustache",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
    ]
)
