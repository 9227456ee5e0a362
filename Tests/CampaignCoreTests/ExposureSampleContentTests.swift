import Foundation
import Testing

@testable import CampaignCore

/// Loads the sample notices of `Content/exposures` with the real `Content/site.yml`.
@Suite struct ExposureSampleContentTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Sample {
        var site: SiteConfig
        var notices: [ExposureNotice]
        var diagnostics: [Diagnostic]
    }

    static func load() throws -> Sample {
        let fm = FileManager.default
        let siteText = try String(contentsOf: repoRoot.appendingPathComponent("Content/site.yml"), encoding: .utf8)
        let (parsedSite, siteDiagnostics) = SiteConfig.parse(siteText, file: "Content/site.yml")
        let site = try #require(parsedSite, "\(siteDiagnostics)")
        let folder = repoRoot.appendingPathComponent("Content/exposures")
        var notices: [ExposureNotice] = []
        var diagnostics: [Diagnostic] = []
        for bundle in try fm.contentsOfDirectory(atPath: folder.path).sorted() {
            let bundleURL = folder.appendingPathComponent(bundle)
            let files = Set(try fm.contentsOfDirectory(atPath: bundleURL.path)).subtracting(["index.md"])
            let file = "Content/exposures/\(bundle)/index.md"
            let text = try String(contentsOf: bundleURL.appendingPathComponent("index.md"), encoding: .utf8)
            let (frontMatter, splitDiagnostics) = FrontMatter.split(text, file: file, code: "exposure")
            diagnostics += splitDiagnostics
            guard let frontMatter else { continue }
            let (notice, found) = ExposureNotice.parse(
                frontMatter: frontMatter, file: file, bundle: bundle, site: site, filesInBundle: files)
            diagnostics += found
            if let notice { notices.append(notice) }
        }
        diagnostics += ExposureValidation.duplicateIDs(notices)
        return Sample(site: site, notices: notices, diagnostics: diagnostics)
    }

    static let now = ContentDate.parse("2026-11-29T12:00:00+08:00", timeZone: .gmt)!

    @Test func everySampleNoticeIsValid() throws {
        let sample = try Self.load()
        #expect(sample.diagnostics.isEmpty, "\(sample.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(sample.notices.count >= 32)
        for notice in sample.notices {
            #expect(notice.bundle.hasPrefix(notice.slug + "-"), "bundle \(notice.bundle) should start with its id")
            #expect(!notice.photos.isEmpty, "\(notice.file) has no photo")
            if notice.status >= .rectified {
                #expect(notice.rectification?.photos.isEmpty == false, "\(notice.file) has no after photo")
            }
        }
    }

    @Test func coversEveryStatusDistrictAndCategory() throws {
        let sample = try Self.load()
        #expect(Set(sample.notices.map(\.status)) == Set(ExposureStatus.allCases))
        #expect(Set(sample.notices.map(\.district)) == Set(sample.site.districts))
        #expect(Set(sample.notices.map(\.category)) == Set(sample.site.categories))
        #expect(Set(sample.notices.compactMap(\.source)) == Set(ExposureSource.allCases))
        #expect(sample.notices.filter { !$0.photos.allSatisfy(\.redact.isEmpty) }.count >= 6)
        #expect(sample.notices.filter { $0.status == .closed }.count >= 3)
    }

    @Test func hasOverdueNoticesAtTheTestClock() throws {
        let sample = try Self.load()
        let overdue = sample.notices.filter { $0.isOverdue(now: Self.now) }
        #expect(overdue.count >= 3)
        #expect(overdue.allSatisfy { $0.status.awaitsRectification })
        let ledger = ExposureLedger(notices: sample.notices, now: Self.now, site: sample.site)
        #expect(ledger.overdue == overdue.count)
        #expect(ledger.open + ledger.closed == sample.notices.count)
        #expect(ledger.districts.map(\.total).reduce(0, +) == sample.notices.count)
        #expect(ledger.units.map(\.overdue).reduce(0, +) == overdue.count)
    }
}
