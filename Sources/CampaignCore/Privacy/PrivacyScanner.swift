/// Finds and masks personal data (ID numbers, mobile numbers, licence plates) in text, per DESIGN.md §6.
///
/// The scanner is hand-written over UTF-8 bytes and visits every byte once, because it runs over every
/// text of every page; regular expressions would be compiled and interpreted per call. Only ASCII digits
/// and letters are recognised (full-width digits are not).
public enum PrivacyScanner {
    /// All personal data in `text`, in reading order, with masked replacements.
    public static func scan(_ text: String) -> [PIIMatch] {
        var text = text
        text.makeContiguousUTF8()
        let found = text.utf8.withContiguousStorageIfAvailable { bytes in
            makeMatches(rawMatches(in: bytes), in: bytes, text: text)
        }
        return found ?? []
    }

    /// `text` with every match replaced by its masked form, and the matches (indices refer to the input).
    public static func mask(_ text: String) -> (masked: String, matches: [PIIMatch]) {
        let matches = scan(text)
        guard !matches.isEmpty else { return (text, []) }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var position = 0
        let bytes = Array(text.utf8)
        for match in matches {
            output.append(contentsOf: bytes[position..<match.utf8Range.lowerBound])
            output.append(contentsOf: match.masked.utf8)
            position = match.utf8Range.upperBound
        }
        output.append(contentsOf: bytes[position...])
        return (String(decoding: output, as: UTF8.self), matches)
    }

    // MARK: - Scanning

    struct RawMatch {
        var kind: PIIKind
        var start: Int
        var end: Int
        var masked: [UInt8]
    }

    static func rawMatches(in bytes: UnsafeBufferPointer<UInt8>) -> [RawMatch] {
        var matches: [RawMatch] = []
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if isDigit(byte) {
                var end = index + 1
                while end < count && isDigit(bytes[end]) { end += 1 }
                if let match = digitRun(bytes, start: index, end: end) {
                    matches.append(match)
                    index = max(end, match.end)
                } else {
                    index = end
                }
                continue
            }
            // A plate starts with a three-byte CJK province followed by an ASCII capital: test the
            // cheap byte condition before decoding the scalar.
            if byte >= 0xE0 && byte <= 0xEF && index + 3 < count && isUpper(bytes[index + 3]) {
                if let match = plate(bytes, start: index) {
                    matches.append(match)
                    index = match.end
                    continue
                }
            }
            index += 1
        }
        return matches
    }

    /// Classifies a maximal run of ASCII digits `[start, end)`; runs of other lengths are not personal data.
    private static func digitRun(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> RawMatch? {
        let length = end - start
        let count = bytes.count
        switch length {
        case 18:
            guard isValidIDNumber(bytes, start: start) else { return nil }
            return RawMatch(kind: .idNumber, start: start, end: end, masked: maskKeeping(bytes, start, end, 1, 2))
        case 17:
            guard end < count, bytes[end] == UInt8(ascii: "X") || bytes[end] == UInt8(ascii: "x"),
                end + 1 == count || !isDigit(bytes[end + 1]),
                isValidIDNumber(bytes, start: start)
            else { return nil }
            return RawMatch(
                kind: .idNumber, start: start, end: end + 1, masked: maskKeeping(bytes, start, end + 1, 1, 2))
        case 11:
            guard isMobilePrefix(bytes, start) else { return nil }
            return RawMatch(kind: .mobile, start: start, end: end, masked: maskKeeping(bytes, start, end, 3, 4))
        case 13:
            // +8613812345678: the country code is kept, the number masked.
            guard start > 0, bytes[start - 1] == UInt8(ascii: "+"), bytes[start] == UInt8(ascii: "8"),
                bytes[start + 1] == UInt8(ascii: "6"), isMobilePrefix(bytes, start + 2)
            else { return nil }
            return RawMatch(
                kind: .mobile, start: start + 2, end: end, masked: maskKeeping(bytes, start + 2, end, 3, 4))
        case 3:
            return groupedMobile(bytes, start: start, end: end)
        default:
            return nil
        }
    }

    /// `138-1234-5678` or `138 1234 5678`: the same separator twice, groups of exactly 3, 4 and 4 digits.
    private static func groupedMobile(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> RawMatch? {
        let count = bytes.count
        guard isMobilePrefix(bytes, start), end + 10 <= count else { return nil }
        let separator = bytes[end]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: " "),
            bytes[end + 5] == separator,
            (end + 1..<end + 5).allSatisfy({ isDigit(bytes[$0]) }),
            (end + 6..<end + 10).allSatisfy({ isDigit(bytes[$0]) }),
            end + 10 == count || !isDigit(bytes[end + 10])
        else { return nil }
        var masked = Array(bytes[start..<end + 10])
        for offset in [4, 5, 6, 7] { masked[offset] = UInt8(ascii: "*") }
        return RawMatch(kind: .mobile, start: start, end: end + 10, masked: masked)
    }

    /// A plate whose three-byte province character starts at `start` and whose letter is at `start + 3`.
    private static func plate(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) -> RawMatch? {
        guard let province = decodeThreeByte(bytes, at: start), provinces.contains(province) else { return nil }
        let count = bytes.count
        var cursor = start + 4
        var separator: Range<Int>?
        if cursor < count {
            if bytes[cursor] == 0x20 {
                separator = cursor..<cursor + 1
            } else if cursor + 1 < count, bytes[cursor] == 0xC2, bytes[cursor + 1] == 0xB7 {  // ·
                separator = cursor..<cursor + 2
            } else if let scalar = decodeThreeByte(bytes, at: cursor), scalar == 0x2022 || scalar == 0x30FB {
                separator = cursor..<cursor + 3  // • and ・, typed for ·
            }
        }
        cursor = separator?.upperBound ?? cursor
        let serialStart = cursor
        var hasDigit = false
        while cursor < count && cursor - serialStart <= 6 && (isDigit(bytes[cursor]) || isUpper(bytes[cursor])) {
            hasDigit = hasDigit || isDigit(bytes[cursor])
            cursor += 1
        }
        let serialLength = cursor - serialStart
        var end = cursor
        if serialLength == 4, let suffix = decodeThreeByte(bytes, at: cursor), plateSuffixes.contains(suffix) {
            end = cursor + 3  // 甘A1234学: the last plate character is a Chinese suffix
        } else {
            let atBoundary = cursor == count || !(isDigit(bytes[cursor]) || isASCIILetter(bytes[cursor]))
            guard serialLength == 5 || serialLength == 6, atBoundary else { return nil }
        }
        guard hasDigit else { return nil }
        // Keep the province, the letter, the first serial character and the last plate character.
        var masked = Array(bytes[start..<serialStart + 1])
        let lastStart = end - (end - cursor == 3 ? 3 : 1)
        masked.append(contentsOf: repeatElement(UInt8(ascii: "*"), count: lastStart - (serialStart + 1)))
        masked.append(contentsOf: bytes[lastStart..<end])
        return RawMatch(kind: .plate, start: start, end: end, masked: masked)
    }

    // MARK: - ID numbers

    private static let idWeights: [Int] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let idCheckCharacters: [UInt8] = Array("10X98765432".utf8)

    /// 17 digits at `start` followed by a check character that satisfies ISO 7064 MOD 11-2, with a
    /// region code not starting with 0 and a real birth date between 1900 and 2099.
    static func isValidIDNumber(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) -> Bool {
        guard start + 18 <= bytes.count, bytes[start] != UInt8(ascii: "0") else { return false }
        func digit(_ offset: Int) -> Int { Int(bytes[start + offset] &- UInt8(ascii: "0")) }
        let year = digit(6) * 1000 + digit(7) * 100 + digit(8) * 10 + digit(9)
        let month = digit(10) * 10 + digit(11)
        let day = digit(12) * 10 + digit(13)
        guard (1900...2099).contains(year), (1...12).contains(month), day >= 1,
            day <= daysInMonth(month, year: year)
        else { return false }
        var sum = 0
        for offset in 0..<17 { sum += digit(offset) * idWeights[offset] }
        var check = bytes[start + 17]
        if check == UInt8(ascii: "x") { check = UInt8(ascii: "X") }
        return check == idCheckCharacters[sum % 11]
    }

    private static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // MARK: - Bytes

    /// Province abbreviations that start a plate.
    static let provinces: Set<UInt32> = Set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼".unicodeScalars.map(\.value))
    /// Chinese characters that end special plates (driving school, police, trailer, consulate, HK/Macau).
    static let plateSuffixes: Set<UInt32> = Set("学警挂领港澳试超使".unicodeScalars.map(\.value))

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isASCIILetter(_ byte: UInt8) -> Bool { isUpper(byte) || (byte >= 0x61 && byte <= 0x7A) }

    private static func isMobilePrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        start + 1 < bytes.count && bytes[start] == UInt8(ascii: "1")
            && bytes[start + 1] >= UInt8(ascii: "3") && bytes[start + 1] <= UInt8(ascii: "9")
    }

    private static func decodeThreeByte(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 2 < bytes.count else { return nil }
        let lead = bytes[index]
        let second = bytes[index + 1]
        let third = bytes[index + 2]
        guard lead & 0xF0 == 0xE0, second & 0xC0 == 0x80, third & 0xC0 == 0x80 else { return nil }
        return UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
    }

    /// The bytes `[start, end)` with all but the first `keepFirst` and last `keepLast` replaced by `*`.
    private static func maskKeeping(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ keepFirst: Int, _ keepLast: Int
    ) -> [UInt8] {
        var masked = Array(bytes[start..<end])
        for offset in keepFirst..<(masked.count - keepLast) { masked[offset] = UInt8(ascii: "*") }
        return masked
    }

    // MARK: - Positions

    /// Turns byte matches into `PIIMatch` values, counting lines and scalar columns once from the start.
    private static func makeMatches(
        _ raw: [RawMatch], in bytes: UnsafeBufferPointer<UInt8>, text: String
    ) -> [PIIMatch] {
        guard !raw.isEmpty else { return [] }
        var result: [PIIMatch] = []
        result.reserveCapacity(raw.count)
        var position = 0
        var lineOffset = 0
        var column = 1
        let utf8 = text.utf8
        for match in raw {
            while position < match.start {
                let byte = bytes[position]
                if byte == 0x0A {
                    lineOffset += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                position += 1
            }
            let lower = utf8.index(utf8.startIndex, offsetBy: match.start)
            let upper = utf8.index(lower, offsetBy: match.end - match.start)
            result.append(
                PIIMatch(
                    kind: match.kind, range: lower..<upper, utf8Range: match.start..<match.end,
                    original: String(
                        decoding: UnsafeBufferPointer(rebasing: bytes[match.start..<match.end]),
                        as: UTF8.self),
                    masked: String(decoding: match.masked, as: UTF8.self),
                    lineOffset: lineOffset, column: column))
        }
        return result
    }
}
