import CampaignCore
import Foundation
import SiteBuilder

/// Where the commands print; tests swap it to capture output.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }

    /// Standard output and standard error.
    public static let standard = Console(
        out: { text in FileHandle.standardOutput.write(Data((text + "\n").utf8)) },
        err: { text in FileHandle.standardError.write(Data((text + "\n").utf8)) })

    /// The console the commands use; tests bind their own with `Console.$current.withValue`.
    @TaskLocal public static var current = Console.standard
}

/// Prints a build report as compiler-style text or as one JSON object.
enum Reporter {
    static func print(_ report: BuildReport, format: ReportFormat, action: String) {
        let console = Console.current
        switch format {
        case .text:
            for diagnostic in report.diagnostics { console.err(diagnostic.description) }
            let counts = report.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                .joined(separator: ", ")
            var line = "\(action): \(report.errorCount) error(s), \(report.warningCount) warning(s)"
            if !counts.isEmpty { line += "; \(counts)" }
            if report.published { line += "; \(report.fileCount) files written" }
            console.out(line)
        case .json:
            console.out(json(report))
        }
    }

    static func json(_ report: BuildReport) -> String {
        struct Payload: Encodable {
            var diagnostics: [Diagnostic]
            var summary: Summary
        }
        struct Summary: Encodable {
            var errors: Int
            var warnings: Int
            var files: Int
            var published: Bool
            var counts: [String: Int]
        }
        let payload = Payload(
            diagnostics: report.diagnostics,
            summary: Summary(
                errors: report.errorCount, warnings: report.warningCount, files: report.fileCount,
                published: report.published, counts: report.counts))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(payload) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
