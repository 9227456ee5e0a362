import CampaignCore
import Foundation
import SiteBuilder

/// Prints a build report: compiler-style lines for `build`, a grouped report for `check`, or one
/// JSON object.
enum Reporter {
    static func print(_ report: BuildReport, format: ReportFormat, action: String) {
        let console = Console.current
        switch format {
        case .text:
            // One write for all the lines: a site with thousands of warnings printed them one system call each.
            if !report.diagnostics.isEmpty {
                console.err(report.diagnostics.map(\.description).joined(separator: "\n"))
            }
            console.out(summary(report, action: action))
        case .json:
            console.out(json(report))
        }
    }

    /// `build: 0 error(s), 2 warning(s); 22 news, …; 120 files written`.
    static func summary(_ report: BuildReport, action: String) -> String {
        let counts = report.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            .joined(separator: ", ")
        var line = "\(action): \(report.errorCount) error(s), \(report.warningCount) warning(s)"
        if !counts.isEmpty { line += "; \(counts)" }
        if report.published { line += "; \(report.fileCount) files written" }
        return line
    }

    /// The report of `campaign check`, for editors: errors, then warnings, each grouped under a line
    /// naming the file; then what still needs review; then external links when asked; then the summary.
    static func checkReport(_ report: BuildReport, external: Bool) -> [String] {
        var lines: [String] = []
        for severity in [Severity.error, .warning] {
            let found = report.diagnostics.filter { $0.severity == severity }
            guard !found.isEmpty else { continue }
            if !lines.isEmpty { lines.append("") }
            lines.append("\(severity == .error ? "Errors" : "Warnings") (\(found.count)):")
            var byFile: [String: [Diagnostic]] = [:]
            var files: [String] = []
            for diagnostic in found {
                if byFile[diagnostic.file] == nil { files.append(diagnostic.file) }
                byFile[diagnostic.file, default: []].append(diagnostic)
            }
            for file in files {
                lines.append(file.isEmpty ? "(no file)" : file)
                for diagnostic in byFile[file] ?? [] { lines.append("  " + grouped(diagnostic)) }
            }
        }
        if report.errorCount > 0 && report.fileCount == 0 {
            lines.append("")
            lines.append("note: the site was not rendered because of the errors above, so links were not checked yet")
        }
        if let review = report.review {
            if !lines.isEmpty { lines.append("") }
            lines += review.lines
        }
        if external {
            if !lines.isEmpty { lines.append("") }
            lines += externalLinks(report.externalLinks)
        }
        if !lines.isEmpty { lines.append("") }
        lines.append(summary(report, action: "check"))
        return lines
    }

    /// `7:11: error: message [code]`: the file is on the group's header line.
    static func grouped(_ diagnostic: Diagnostic) -> String {
        var position = ""
        if diagnostic.line > 0 {
            position = "\(diagnostic.line)"
            if diagnostic.column > 0 { position += ":\(diagnostic.column)" }
            position += ": "
        }
        return "\(position)\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.code)]"
    }

    /// One line per URL leaving the site, with the files that link to it; nothing is fetched.
    static func externalLinks(_ links: [ExternalLink]) -> [String] {
        var files: [String: [String]] = [:]
        var urls: [String] = []
        for link in links {
            if files[link.url] == nil { urls.append(link.url) }
            files[link.url, default: []].append(link.sourceFile)
        }
        var lines = ["external links (\(urls.count), listed, not fetched):"]
        for url in urls {
            let sources = files[url] ?? []
            let shown = sources.prefix(3).joined(separator: ", ")
            let more = sources.count > 3 ? " and \(sources.count - 3) more" : ""
            lines.append("  \(url)  (\(shown)\(more))")
        }
        return lines
    }

    static func json(_ report: BuildReport, external: Bool = false) -> String {
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
            var review: [ReviewRow]
            var external: [ExternalRow]?
        }
        struct ReviewRow: Encodable {
            var kind: String
            var file: String
            var title: String
            var needs: [String]
            var signed: [[String: String]]
            var repeatedReviewers: [String]
            var voided: [[String: String]]
            var nextReviewers: [String]

            enum CodingKeys: String, CodingKey {
                case kind, file, title, needs, signed, voided
                case repeatedReviewers = "repeated_reviewers"
                case nextReviewers = "next_reviewers"
            }
        }
        struct ExternalRow: Encodable {
            var url: String
            var file: String
        }
        let rows = (report.review?.rows ?? []).map { row in
            ReviewRow(
                kind: row.kind.rawValue, file: row.file, title: row.title, needs: row.needs.map(\.rawValue),
                signed: row.signed.map { ["stage": $0.stage.rawValue, "by": $0.by] },
                repeatedReviewers: row.repeatedReviewers,
                voided: row.voided.map { ["stage": $0.stage.rawValue, "by": $0.by] }, nextReviewers: row.nextReviewers)
        }
        let payload = Payload(
            diagnostics: report.diagnostics,
            summary: Summary(
                errors: report.errorCount, warnings: report.warningCount, files: report.fileCount,
                published: report.published, counts: report.counts, review: rows,
                external: external ? report.externalLinks.map { ExternalRow(url: $0.url, file: $0.sourceFile) } : nil))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(payload) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
