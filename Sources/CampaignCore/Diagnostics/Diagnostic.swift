/// How serious a finding is: warnings let a build succeed, errors fail it.
public enum Severity: String, Sendable, Codable, Hashable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// A finding about content, printed compiler-style as `file:line:column: severity: message [code]`.
///
/// Every validation rule reports through these values instead of throwing or printing, so a build
/// collects all problems of all files before it decides to fail.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Path of the file, relative to the project (e.g. `Content/news/x.md`).
    public var file: String
    /// 1-based line; 0 when the finding is about the whole file.
    public var line: Int
    /// 1-based column in Unicode scalars; 0 when unknown.
    public var column: Int
    public var severity: Severity
    /// A stable dotted code such as `news.title` or `exposure.district`.
    public var code: String
    public var message: String

    public init(file: String, line: Int = 0, column: Int = 0, severity: Severity, code: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.code = code
        self.message = message
    }

    public static func error(
        _ message: String, code: String, file: String, line: Int = 0, column: Int = 0
    ) -> Diagnostic {
        Diagnostic(file: file, line: line, column: column, severity: .error, code: code, message: message)
    }

    public static func warning(
        _ message: String, code: String, file: String, line: Int = 0, column: Int = 0
    ) -> Diagnostic {
        Diagnostic(file: file, line: line, column: column, severity: .warning, code: code, message: message)
    }

    public static func error(_ message: String, code: String, at location: SourceLocation) -> Diagnostic {
        .error(message, code: code, file: location.file, line: location.line, column: location.column)
    }

    public static func warning(_ message: String, code: String, at location: SourceLocation) -> Diagnostic {
        .warning(message, code: code, file: location.file, line: location.line, column: location.column)
    }

    public var description: String {
        var position = file
        if line > 0 {
            position += ":\(line)"
            if column > 0 { position += ":\(column)" }
        }
        return "\(position): \(severity.rawValue): \(message) [\(code)]"
    }
}

/// A place in a content file.
public struct SourceLocation: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }
}

extension Array where Element == Diagnostic {
    /// True when at least one diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Diagnostics in reading order: by file, line, column, then errors before warnings.
    public func sortedForReport() -> [Diagnostic] {
        sorted {
            ($0.file, $0.line, $0.column, $1.severity, $0.code, $0.message)
                < ($1.file, $1.line, $1.column, $0.severity, $1.code, $1.message)
        }
    }
}
