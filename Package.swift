// swift-tools-version: 6.0
import PackageDescription

let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "CRMKit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CRMKit", targets: ["CRMKit"]),
        .library(name: "CRMKitStoreContract", targets: ["CRMKitStoreContract"]),
        .executable(name: "crm", targets: ["crm"]),
    ],
    targets: [
        .target(
            name: "CRMKit",
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "CRMKitStoreContract",
            dependencies: ["CRMKit"],
            swiftSettings: upcomingFeatures
        ),
        .executableTarget(
            name: "crm",
            dependencies: ["CRMKit"],
            path: "Examples/crm",
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "CRMKitTests",
            dependencies: ["CRMKit", "CRMKitStoreContract", "crm"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcomingFeatures
        ),
    ],
    swiftLanguageModes: [.v6]
)
