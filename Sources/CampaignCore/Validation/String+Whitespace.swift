extension String {
    /// The text without leading and trailing white space: the same characters as Foundation's
    /// `CharacterSet.whitespacesAndNewlines` (tab, line breaks, the spaces such as U+00A0 and the
    /// ideographic space U+3000, and the zero-width space U+200B), or its `.whitespaces` (the same without
    /// line breaks) when `newlines` is false. `WhitespaceTrimmingTests` compares every scalar.
    ///
    /// Front matter reads several fields of every file through this; Foundation's trimming bridges each
    /// string to `NSString` and costs more than the YAML parse of the field.
    public func trimmingWhitespace(newlines: Bool = true) -> String {
        let scalars = unicodeScalars
        func isTrimmed(_ scalar: Unicode.Scalar) -> Bool { Self.isWhitespace(scalar, newlines: newlines) }
        guard let first = scalars.first, let last = scalars.last, isTrimmed(first) || isTrimmed(last) else {
            return self
        }
        guard let start = scalars.firstIndex(where: { !isTrimmed($0) }),
            let end = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(scalars[start...end])
    }

    /// True when the text is empty or only white space (as `trimmingWhitespace()` would leave nothing),
    /// found without copying: a notice body is checked this way.
    public var isBlank: Bool { unicodeScalars.allSatisfy { Self.isWhitespace($0, newlines: true) } }

    static func isWhitespace(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
        default: return false
        }
    }
}
