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
    /// which have no case beyond ASCII's: made from the bytes, without lowercasing the text as a whole. Nil
    /// for any other text (`HeadingSluggerTests` compares both ways on generated headings).
    private static func simpleSlug(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                switch byte {
                case 0x41...0x5A: out.append(byte + 0x20)
                case 0x61...0x7A, 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "_"): out.append(byte)
                case 0x09...0x0D, 0x20: out.append(UInt8(ascii: "-"))
                default: break  // punctuation, symbols and control characters are dropped
                }
                i += 1
                continue
            }
            guard byte >= 0xE4, byte <= 0xE9, i + 2 < bytes.count, bytes[i + 1] & 0xC0 == 0x80,
                bytes[i + 2] & 0xC0 == 0x80
            else { return nil }
            let scalar = UInt32(byte & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            guard scalar >= 0x4E00 else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + 3)]))
            i += 3
        }
        return out.isEmpty ? "section" : String(decoding: out, as: UTF8.self)
    }

    /// `slug` of any text, scalar by scalar after lowercasing it whole.
    static func scalarSlug(_ text: String) -> String {
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
