import ArgumentParser

/// How diagnostics are printed.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
