/// URL path segments chosen by editors or derived from file names.
///
/// A slug is `[a-z0-9-]+`: never a path, so `../` or `/` in a slug can not steer a write outside
/// `Output/`.
public enum Slug {
    /// True when `text` is a valid slug.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 200 else { return false }
        return text.utf8.allSatisfy { c in
            (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45
        }
    }

    /// A slug suggestion for an invalid one: lowercased, other characters folded into `-`.
    public static func suggest(from text: String) -> String {
        var out = ""
        var lastDash = true
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                out.unicodeScalars.append(scalar)
                lastDash = false
            } else if !lastDash {
                out += "-"
                lastDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "post" : out
    }

    /// The slug of a news file name: the name without a leading `YYYY-MM-DD-` and without extension.
    public static func fromFileName(_ name: String) -> String {
        var base = name
        if let dot = base.lastIndex(of: ".") { base = String(base[..<dot]) }
        let u = Array(base.utf8)
        if u.count > 11, u[4] == 45, u[7] == 45, u[10] == 45,
            u[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }), u[5..<7].allSatisfy({ $0 >= 48 && $0 <= 57 }),
            u[8..<10].allSatisfy({ $0 >= 48 && $0 <= 57 })
        {
            return String(decoding: u[11...], as: UTF8.self)
        }
        return base
    }
}
