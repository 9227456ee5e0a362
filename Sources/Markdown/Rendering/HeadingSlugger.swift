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
        var text = text
        return text.withUTF8(simpleSlug) ?? scalarSlug(text)
    }

    /// `slug` of a text whose characters are all ASCII or Han of U+4E00–U+9FFF (nearly every heading here),
    /// which have no case beyond ASCII's: read scalar by scalar without lowercasing the text as a whole. Nil
    /// for any other text (`HeadingSluggerTests` compares both ways on generated headings).
    private static func simpleSlug(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out = String.UnicodeScalarView()
        var scalars = UTF8Scalars(bytes)
        while var scalar = scalars.next() {
            if (0x41...0x5A).contains(scalar.value) {
                scalar = Unicode.Scalar(UInt8(scalar.value) + 0x20)
            } else if !scalar.isASCII && !(0x4E00...0x9FFF).contains(scalar.value) {
                return nil
            }
            append(scalar, to: &out)
        }
        return out.isEmpty ? "section" : String(out)
    }

    /// `slug` of any text, scalar by scalar after lowercasing it whole.
    static func scalarSlug(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars { append(scalar, to: &out) }
        return out.isEmpty ? "section" : String(out)
    }

    /// Adds a lowercased scalar to a slug: a space becomes `-`, letters, digits, `-` and `_` stay, the rest goes.
    private static func append(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        if scalar.isSpace {
            out.append("-")
        } else if scalar == "-" || scalar == "_" || scalar.isWordCharacter {
            out.append(scalar)
        }
    }
}
