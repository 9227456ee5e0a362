extension PrivacyScanner {
    /// One diagnostic per match: a warning, or an error when building with `--production`.
    ///
    /// Messages show only the masked form, never the original. `line` is the line where the scanned text
    /// starts; a match on a later line of a multi-line text (a Markdown body) is reported at
    /// `line + match.lineOffset`, column `match.column`. On the first line the column is
    /// `column + match.column - 1` when `column` (where the text starts) is known, else 0.
    ///
    /// - Parameters:
    ///   - field: the front matter key or part the text came from, e.g. `title`, `body`, `photos[0].alt`.
    public static func diagnostics(
        for matches: [PIIMatch], file: String, line: Int, column: Int = 0, field: String, production: Bool
    ) -> [Diagnostic] {
        matches.map { match in
            let matchLine = line + match.lineOffset
            let matchColumn: Int
            if match.lineOffset > 0 {
                matchColumn = match.column
            } else {
                matchColumn = column > 0 ? column + match.column - 1 : 0
            }
            let fix = "remove it from the content, or write it masked as '\(match.masked)'"
            let message: String
            let severity: Severity
            if production {
                severity = .error
                message = "\(match.kind.label) in \(field) must not be published (--production); \(fix)"
            } else {
                severity = .warning
                message = "\(match.kind.label) in \(field) is published masked as '\(match.masked)'; \(fix)"
            }
            return Diagnostic(
                file: file, line: matchLine, column: matchColumn, severity: severity,
                code: match.kind.diagnosticCode, message: message)
        }
    }

    /// Masks `text` and returns the diagnostics for it in one call; see `diagnostics(for:file:line:...)`.
    public static func maskReporting(
        _ text: String, file: String, line: Int, column: Int = 0, field: String, production: Bool
    ) -> (masked: String, diagnostics: [Diagnostic]) {
        let (masked, matches) = mask(text)
        guard !matches.isEmpty else { return (text, []) }
        return (
            masked,
            diagnostics(for: matches, file: file, line: line, column: column, field: field, production: production)
        )
    }
}
