// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "crmkit-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "CRMKit", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "crmkit-bench",
            dependencies: [
                .product(name: "CRMKit", package: "CRMKit"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
