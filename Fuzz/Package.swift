// swift-tools-version:6.0
// libFuzzer harnesses for CampaignPress's parsers (docs/safety.md). A separate package so that the
// `-sanitize=fuzzer` build never touches the normal `swift build`; `make fuzz` builds it into `.build-fuzz`.
import PackageDescription

let package = Package(
    name: "CampaignPressFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "CampaignPress", path: ".."),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "CampaignFuzz",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "CampaignCore", package: "CampaignPress"),
                .product(name: "Markdown", package: "CampaignPress"),
                .product(name: "LEDFeed", package: "CampaignPress"),
                .product(name: "ThemeTemplates", package: "CampaignPress"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // `main` hands over to libFuzzer's driver (SwiftPM renames an executable's entry point, so
            // libFuzzer's own `main` cannot be used).
            swiftSettings: [.unsafeFlags(["-sanitize=fuzzer"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
