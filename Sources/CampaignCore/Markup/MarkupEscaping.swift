/// Escaping for text the build writes into HTML, SVG or XML itself (feeds, charts, previews).
public enum MarkupEscaping {
    /// Escapes `& < > " '` for element content and attribute values, and drops the control characters
    /// XML 1.0 forbids (all below U+0020 except tab, line feed and carriage return).
    public static func escape(_ text: String) -> String {
        // Most texts (paths, titles) have nothing to escape: then they are returned as they are.
        let clean = text.utf8.allSatisfy { byte in
            byte >= 0x20
                ? byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
                    && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
                : byte == 0x0A || byte == 0x09 || byte == 0x0D
        }
        if clean { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
