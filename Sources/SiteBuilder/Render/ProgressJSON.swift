import CampaignCore
import Foundation

/// `progress/progress.json`: the dashboard figures for other systems.
///
/// The file is the `ProgressReport` itself with snake_case keys (`days_to_inspection`, `in_progress`,
/// `percent_text`, the same names LED templates use), sorted keys and days as `"YYYY-MM-DD"`, so two
/// builds of the same data and clock write the same bytes.
enum ProgressJSON {
    /// The JSON text of `report`, ending with a newline.
    static func encode(_ report: ProgressReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(report)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a report back from the text `encode` wrote.
    static func decode(_ data: Data) throws -> ProgressReport {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ProgressReport.self, from: data)
    }
}
