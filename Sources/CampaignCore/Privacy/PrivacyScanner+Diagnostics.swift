extension PrivacyScanner {
    /// The diagnostic code of the extra warning for an ID number whose check digit fails.
    public static let mistypedIDCode = "privacy.id-number-check"

    /// One diagnostic per match: a warning, or an error when building with `--production`; an ID number whose
    /// check digit fails adds a warning that it looks mistyped.
    ///
    /// Messages name the kind and show only the masked form, never the original. `line` is the line where the
    /// scanned text starts; a match on a later line of a multi-line text (a Markdown body) is reported at
    /// `line + match.lineOffset`, column `match.column`. On the first line the column is
    /// `column + match.column - 1` when `column` (where the text starts) is known, else 0.
    ///
    /// - Parameters:
    ///   - field: the front matter key or part the text came from, e.g. `title`, `body`, `photos[0].alt`.
    public static func diagnostics(
        for matches: [PIIMatch], file: String, line: Int, column: Int = 0, field: String, production: Bool
    ) -> [Diagnostic] {
        matches.flatMap { match -> [Diagnostic] in
            let matchLine = line + match.lineOffset
            let matchColumn: Int
            if match.lineOffset > 0 {
                matchColumn = match.column
            } else {
                matchColumn = column > 0 ? column + match.column - 1 : 0
            }
            let fix = "请从内容中删除，或直接写成遮盖后的形式 '\(match.masked)'"
            let message: String
            let severity: Severity
            if production {
                severity = .error
                message = "\(field) 中有\(match.kind.label)，正式发布（--production）不得公开；\(fix)"
            } else {
                severity = .warning
                message = "\(field) 中有\(match.kind.label)，已遮盖为 '\(match.masked)' 后发布；\(fix)"
            }
            var found = [
                Diagnostic(
                    file: file, line: matchLine, column: matchColumn, severity: severity,
                    code: match.kind.diagnosticCode, message: message)
            ]
            if match.checkDigitFails {
                found.append(
                    .warning(
                        "\(field) 中的身份证号 '\(match.masked)' 校验位不符，可能录入有误（check digit fails: the number "
                            + "looks mistyped）；它仍按身份证号遮盖，请核对原始材料",
                        code: mistypedIDCode, file: file, line: matchLine, column: matchColumn))
            }
            return found
        }
    }

    /// Masks `text` and returns the diagnostics for it in one call; see `diagnostics(for:file:line:...)`.
    public static func maskReporting(
        _ text: String, file: String, line: Int, column: Int = 0, field: String, production: Bool,
        allowing allowList: PrivacyAllowList = PrivacyAllowList(), markdown: Bool = false
    ) -> (masked: String, diagnostics: [Diagnostic]) {
        let (masked, matches) = mask(text, allowing: allowList, markdown: markdown)
        guard !matches.isEmpty else { return (text, []) }
        return (
            masked,
            diagnostics(for: matches, file: file, line: line, column: column, field: field, production: production)
        )
    }
}
