// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "CampaignPress",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "campaign", targets: ["campaign"]),
        .library(name: "CampaignCore", targets: ["CampaignCore"]),
        .library(name: "SiteBuilder", targets: ["SiteBuilder"]),
        .library(name: "Markdown", targets: ["Markdown"]),
        .library(name: "LEDFeed", targets: ["LEDFeed"]),
        .library(name: "ThemeTemplates", targets: ["ThemeTemplates"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // libvips is loaded when the first photo is processed, not linked (Sources/CVipsLoader): only its
        // headers are read at build time, which include GLib's.
        .target(
            name: "CVipsLoader",
            cSettings: [
                .unsafeFlags([
                    "-I/usr/include/glib-2.0", "-I/usr/lib/x86_64-linux-gnu/glib-2.0/include",
                    "-I/usr/lib/aarch64-linux-gnu/glib-2.0/include", "-I/opt/homebrew/include/glib-2.0",
                    "-I/opt/homebrew/lib/glib-2.0/include", "-I/opt/homebrew/include",
                ])
            ]
        ),
        // `openat2` for reading the previous output without following links (Swift cannot call `syscall`).
        .target(name: "CFileSystem"),
        .systemLibrary(
            name: "CFreeType",
            pkgConfig: "freetype2",
            providers: [.apt(["libfreetype-dev"])]
        ),
        .target(
            name: "CampaignCore",
            dependencies: [
                "ThemeTemplates",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // Keeps cmark-gfm's inline trigger characters set, so documents parse in parallel (docs/architecture.md).
        .target(name: "CCmarkTriggers"),
        .target(name: "Markdown", dependencies: ["CCmarkGFM", "CCmarkTriggers"], swiftSettings: swiftSettings),
        .target(name: "ThemeTemplates", swiftSettings: swiftSettings),
        .target(name: "LEDFeed", dependencies: ["CampaignCore", "CFreeType"], swiftSettings: swiftSettings),
        .target(name: "Imaging", dependencies: ["CVipsLoader", "CampaignCore"], swiftSettings: swiftSettings),
        .target(
            name: "SiteBuilder",
            dependencies: [
                "CampaignCore", "Markdown", "LEDFeed", "Imaging", "ThemeTemplates", "CFileSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DevServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Desk",
            dependencies: [
                "CampaignCore", "SiteBuilder", "LEDFeed", "Imaging", "Markdown", "Deploy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Deploy",
            dependencies: [
                "CampaignCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CampaignCLI",
            dependencies: [
                "SiteBuilder", "CampaignCore", "LEDFeed", "DevServer", "Desk", "Deploy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "campaign",
            dependencies: ["CampaignCLI"],
            swiftSettings: swiftSettings,
            // The release binary allocates through mimalloc (Debian's libmimalloc-dev): a build spends about
            // a tenth less time than with glibc's malloc (docs/performance.md, "Allocation").
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(
            name: "CampaignCoreTests",
            dependencies: [
                "CampaignCore", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ThemeTemplatesTests", dependencies: ["ThemeTemplates"], resources: [.copy("Spec")],
            swiftSettings: swiftSettings
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .target(
            name: "CLITestSupport",
            dependencies: ["CampaignCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tests/CLITestSupport", swiftSettings: swiftSettings
        ),
        .testTarget(name: "LEDFeedTests", dependencies: ["LEDFeed", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "CampaignCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SiteBuilderTests",
            dependencies: [
                "SiteBuilder", "CampaignCore", "Imaging", "LEDFeed", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DevServerTests",
            dependencies: [
                "DevServer", "TestSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DeskTests",
            dependencies: [
                "Desk", "CampaignCore", "SiteBuilder", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CampaignCLITests",
            dependencies: [
                "CampaignCLI", "CLITestSupport", "LEDFeed", "SiteBuilder", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "Desk", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DeployTests",
            dependencies: ["Deploy", "CampaignCore", "CampaignCLI", "CLITestSupport", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
