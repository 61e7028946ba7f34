// swift-tools-version:6.0
// Renders the change list of 50 list-editable rows with the copy of swift-mustache at $MUSTACHE_PATH
// (`make bench-render` builds it twice: against the release Palestra uses and against that release with
// swift-mustache-render.patch applied).
import Foundation
import PackageDescription

guard let mustache = ProcessInfo.processInfo.environment["MUSTACHE_PATH"] else {
    fatalError("MUSTACHE_PATH must name a checkout of swift-mustache (make bench-render sets it)")
}

let package = Package(
    name: "mustache-render",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: mustache)],
    targets: [
        .executableTarget(
            name: "mustache-render",
            dependencies: [.product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        )
    ]
)
