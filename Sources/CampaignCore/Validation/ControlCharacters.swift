/// Finds the control characters that must never reach a page, a feed, a JSON file or an LED text file:
/// C0 controls except tab and line feed (NUL, BEL, ESC, CR…) and DEL. Such bytes are invisible in an
/// editor, break XML (which forbids them) and make LED controllers misbehave.
public enum ControlCharacters {
    /// A control character found in a text, with its 1-based line and column (in Unicode scalars).
    public struct Finding: Sendable, Hashable {
        public var scalar: Unicode.Scalar
        public var line: Int
        public var column: Int

        /// `U+0007 (BEL)`.
        public var name: String {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            let names: [UInt32: String] = [
                0: "NUL", 7: "BEL", 8: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL",
            ]
            return names[scalar.value].map { "\(code) (\($0))" } ?? code
        }
    }

    /// True for a character this check refuses.
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09 && value != 0x0A) || value == 0x7F
    }

    /// The first refused character of `text`, or nil. A CR that ends a line (CRLF) is not reported.
    public static func first(in text: String) -> Finding? {
        // Every refused character is one byte in UTF-8: scan the bytes, and count lines and columns in
        // scalars only for a text that has one (every body and field of every file passes here).
        var text = text
        guard text.withUTF8(containsRefused) else { return nil }
        var line = 1
        var column = 1
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\n" {
                line += 1
                column = 1
                continue
            }
            if isRefused(scalar) {
                let endsLine = scalar == "\r" && (index + 1 == scalars.count || scalars[index + 1] == "\n")
                if !endsLine { return Finding(scalar: scalar, line: line, column: column) }
            }
            column += 1
        }
        return nil
    }

    private static func containsRefused(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        // Eight bytes at a time, with the bit tricks of "has a byte less than n" and "has a zero byte"
        // (Swift's generic SIMD comparisons are slower than a plain loop); a word with a candidate (a tab,
        // a line feed, a CR of CRLF) is looked at byte by byte.
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let below = (word &- ones &* 0x20) & ~word & highs
                let del = word ^ (ones &* 0x7F)
                let deletes = (del &- ones) & ~del & highs
                if below | deletes != 0 {
                    for offset in index..<(index + 8) where isRefused(bytes, at: offset) { return true }
                }
                index += 8
            }
        }
        while index < count {
            if isRefused(bytes, at: index) { return true }
            index += 1
        }
        return false
    }

    @inline(__always)
    private static func isRefused(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = bytes[index]
        guard byte < 0x20 || byte == 0x7F, byte != 0x09, byte != 0x0A else { return false }
        return !(byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] == 0x0A))
    }

    /// The message for a finding in field `name`.
    public static func message(_ finding: Finding, field name: String) -> String {
        "'\(name)' 含有不可见的控制字符 \(finding.name)，请删除它 "
            + "(a control character would reach pages, feeds and LED screens)"
    }
}
