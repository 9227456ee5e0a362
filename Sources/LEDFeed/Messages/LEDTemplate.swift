import Foundation

/// A message template such as `距离测评还有{days_to_inspection}天`.
public struct LEDTemplate: Sendable, Hashable {
    /// A piece of a template.
    public enum Part: Sendable, Hashable {
        case literal(String)
        /// A `{name}`; `offset` is the index of `{` in the template text (in `Character`s), `length` counts the
        /// braces.
        case variable(name: String, offset: Int, length: Int)
    }

    public var text: String
    public var parts: [Part]
    /// Offsets (in `Character`s) of each `{` that no `}` closes: a typo such as `{days_to_inspection`.
    public var unclosedBraces: [Int] = []

    /// Splits `text` at `{name}` placeholders. A `{` without a closing `}` stays literal text.
    public init(_ text: String) {
        self.text = text
        var parts: [Part] = []
        var literal = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i] == "{", let close = chars[(i + 1)...].firstIndex(of: "}") {
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                let name = String(chars[(i + 1)..<close]).trimmingCharacters(in: .whitespaces)
                parts.append(.variable(name: name, offset: i, length: close - i + 1))
                i = close + 1
            } else {
                if chars[i] == "{" { unclosedBraces.append(i) }
                literal.append(chars[i])
                i += 1
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    /// Variable names that `LEDVariables` does not know, with their offsets.
    public var unknownVariables: [(name: String, offset: Int)] {
        parts.compactMap {
            guard case .variable(let name, let offset, _) = $0, !LEDVariables.names.contains(name) else { return nil }
            return (name, offset)
        }
    }

    /// The filled text, and for each of its characters the offset in the template it came from (a filled
    /// variable's characters point at its `{`), so a bad character can be traced back to the source.
    public func render(_ variables: LEDVariables) -> (text: String, origins: [Int]) {
        var text = ""
        var origins: [Int] = []
        var offset = 0
        for part in parts {
            switch part {
            case .literal(let literal):
                text += literal
                for _ in literal {
                    origins.append(offset)
                    offset += 1
                }
            case .variable(let name, let start, let length):
                let value = variables.value(of: name) ?? "{\(name)}"
                text += value
                origins += Array(repeating: start, count: value.count)
                offset = start + length
            }
        }
        return (text, origins)
    }
}
