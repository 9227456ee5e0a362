/// Makes GitHub-style heading ids that are unique within one document.
///
/// Like GitHub (github-slugger): lowercase, drop punctuation and symbols, each space becomes `-`;
/// letters of every script are kept, so `创建 工作` becomes `创建-工作`. A repeated id gets `-1`, `-2`, ….
/// A heading with nothing left (only punctuation or emoji) gets `section`, since `id=""` is invalid.
struct HeadingSlugger {
    private var occurrences: [String: Int] = [:]

    /// The id for the next heading with this text.
    mutating func id(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        while let count = occurrences[base], occurrences[candidate] != nil {
            occurrences[base] = count + 1
            candidate = "\(base)-\(count + 1)"
        }
        occurrences[candidate] = 0
        return candidate
    }

    /// The id of a heading text before duplicates are numbered.
    static func slug(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isSpace {
                out.append("-")
            } else if scalar == "-" || scalar == "_" || scalar.isWordCharacter {
                out.append(scalar)
            }
        }
        return out.isEmpty ? "section" : String(out)
    }
}
