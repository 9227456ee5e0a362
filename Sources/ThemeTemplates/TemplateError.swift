/// A template that cannot be parsed: which template, where, and what is wrong.
///
/// Thrown by `TemplateLibrary.init(sources:)` for the first template (in name order) that has a syntax
/// error or uses a Mustache feature this renderer does not implement, so a theme never renders half right.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name of the template, as given to `TemplateLibrary.init(sources:)`.
    public let template: String
    /// The line of the offending tag, from 1.
    public let line: Int
    /// The column of the offending tag's first character, from 1, counted in characters.
    public let column: Int
    /// What is wrong, and where it helps, what would be right.
    public let message: String

    /// Creates an error at a position in a template.
    public init(template: String, line: Int, column: Int, message: String) {
        self.template = template
        self.line = line
        self.column = column
        self.message = message
    }

    /// `template:line:column: message`, the shape compilers use.
    public var description: String { "\(template):\(line):\(column): \(message)" }

    /// The same text as `description`, under the name Foundation's `LocalizedError` reads, so a caller
    /// that wraps this error keeps the position and the message.
    public var errorDescription: String? { description }
}
