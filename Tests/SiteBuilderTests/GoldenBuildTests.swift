import CampaignCore
import Foundation
import Testing

@testable import SiteBuilder

/// The small fixture site must build into exactly the files under `Fixtures/small-golden/`.
///
/// After an intended change to rendering, regenerate them with
/// `UPDATE_GOLDEN=1 swift test --filter GoldenBuildTests` and review the diff.
@Suite struct GoldenBuildTests {
    static let golden = TestSite.fixtures.appendingPathComponent("small-golden")

    @Test func smallFixtureMatchesTheGoldenTree() async throws {
        let site = try TestSite(fixture: "small")
        defer { site.remove() }
        let report = await site.build()
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        var built = site.tree()
        built[".gitignore"] = nil
        // The build record holds the wall-clock time of the build, which `tree()` blanks; everything else
        // in it must match.
        #expect(built[BuildRecord.fileName] != nil, "no build record")
        let raw = try Data(contentsOf: site.output.appendingPathComponent(BuildRecord.fileName))
        #expect(!(try BuildRecord.decode(raw).builtAt.isEmpty))
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: Self.golden)
            for (path, data) in built {
                let url = Self.golden.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        }
        let expected = site.tree(Self.golden)
        #expect(!expected.isEmpty, "no golden files: run with UPDATE_GOLDEN=1")
        #expect(Set(built.keys) == Set(expected.keys))
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(built[path] == data, "\(path) differs from the golden file")
        }
    }
}
