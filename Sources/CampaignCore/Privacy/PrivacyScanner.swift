/// Finds and masks personal data in text, per docs/exposure-notices.md ("Personal data"): ID numbers (18 and
/// 15 digits), mobile numbers, licence plates, e-mail addresses, passport and travel permit numbers, bank card
/// numbers and home addresses below the street or estate level.
///
/// The scanner is hand-written over UTF-8 bytes and visits every byte once (an e-mail address looks back over
/// its local part, an address ahead over its building and room): it runs over every text of every page, and
/// regular expressions would be compiled and interpreted per call. Numbers are recognised in ASCII digits;
/// addresses also in full-width digits and Chinese numerals.
public enum PrivacyScanner {
    /// All personal data in `text`, in reading order, with masked replacements; items on `allowing` are
    /// left alone.
    public static func scan(_ text: String, allowing allowList: PrivacyAllowList = PrivacyAllowList()) -> [PIIMatch] {
        var text = text
        text.makeContiguousUTF8()
        let found = text.utf8.withContiguousStorageIfAvailable { bytes in
            var raw = rawMatches(in: bytes)
            if !allowList.isEmpty {
                raw.removeAll { allowList.allows(UnsafeBufferPointer(rebasing: bytes[$0.start..<$0.end])) }
            }
            return makeMatches(raw, in: bytes, text: text)
        }
        return found ?? []
    }

    /// `text` with every match replaced by its masked form, and the matches (indices refer to the input).
    ///
    /// With `markdown`, the `*` of masked forms are written `\*`, so a Markdown body shows `138****1234`
    /// instead of reading the stars as emphasis.
    public static func mask(
        _ text: String, allowing allowList: PrivacyAllowList = PrivacyAllowList(), markdown: Bool = false
    ) -> (masked: String, matches: [PIIMatch]) {
        let matches = scan(text, allowing: allowList)
        guard !matches.isEmpty else { return (text, []) }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var position = 0
        let bytes = Array(text.utf8)
        for match in matches {
            output.append(contentsOf: bytes[position..<match.utf8Range.lowerBound])
            for byte in match.masked.utf8 {
                if markdown && byte == UInt8(ascii: "*") { output.append(UInt8(ascii: "\\")) }
                output.append(byte)
            }
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
        var checkDigitFails = false
    }

    static func rawMatches(in bytes: UnsafeBufferPointer<UInt8>) -> [RawMatch] {
        var matches: [RawMatch] = []
        let count = bytes.count
        // A local copy: reading the static table in the loop would retain and release it at every character.
        let addressStartSet = addressStarts
        var index = 0
        while index < count {
            let byte = bytes[index]
            // Most of a Chinese text: a character of U+4000–U+9FFF followed by another, outside the few blocks
            // of 64 characters that hold a Chinese numeral. Nothing can start there (the tests below come to
            // `index += 3` for it), so the next character's block is enough.
            if byte &- 0xE4 < 6 && index + 4 < count {
                let next = bytes[index + 3]
                if next &- 0xE4 < 6 && !addressStartSet.hasBlock(next, bytes[index + 4]) {
                    index += 3
                    continue
                }
            }
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
            if byte == UInt8(ascii: "@") {
                var found = email(bytes, at: index, notBefore: 0)
                // An item that starts before the local part and reaches into it keeps its text; the address
                // starts after it. Items wholly inside the local part (`13812345678@qq.com`) belong to it.
                if let match = found,
                    let partial = matches.last(where: { $0.start < match.start && $0.end > match.start })
                {
                    found = email(bytes, at: index, notBefore: partial.end)
                }
                if let match = found {
                    while let last = matches.last, last.end > match.start { matches.removeLast() }
                    matches.append(match)
                    index = match.end
                } else if isMaskResidue(bytes, before: index) {
                    // The domain of an address masked before (`z***@qq.com`) was part of that address.
                    index += 1
                    while index < count
                        && (isAlnum(bytes[index]) || bytes[index] == UInt8(ascii: ".")
                            || bytes[index] == UInt8(ascii: "-"))
                    {
                        index += 1
                    }
                } else {
                    index += 1
                }
                continue
            }
            if isUpper(byte) {
                if index == 0 || !isAlnum(bytes[index - 1]), let match = passport(bytes, start: index) {
                    matches.append(match)
                    index = match.end
                } else {
                    index += 1
                }
                continue
            }
            if byte >= 0xE0 && byte <= 0xEF && index + 3 < count {
                let next = bytes[index + 3]
                // A plate starts with a three-byte CJK province followed by an ASCII capital: test the
                // cheap byte condition before decoding the scalar.
                if isUpper(next), let match = plate(bytes, start: index) {
                    matches.append(match)
                    index = resumption(after: match, in: bytes)
                    continue
                }
                // An address part (`3号楼`, `A栋`, `三单元`) follows a place name: a CJK character, then a
                // number in ASCII or full-width digits, a Chinese numeral or a building letter.
                let startsNumber =
                    isDigit(next) || isUpper(next) || next == 0x20
                    || (next >= 0xE3 && next <= 0xEF
                        && addressStartSet.contains(decodeThreeByte(bytes, at: index + 3) ?? 0))
                if startsNumber, let match = address(bytes, after: index) {
                    matches.append(match)
                    index = resumption(after: match, in: bytes)
                    continue
                }
                index += 3
                continue
            }
            index += 1
        }
        return matches
    }

    /// Where scanning goes on after `match`: at its last character when that is a CJK character (`…501室`,
    /// `甘A1234学`), which is a place name for an address right after it (`501室 2号楼`) just as it is when the
    /// masked text is scanned again.
    private static func resumption(after match: RawMatch, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard match.end - match.start >= 3, let last = decodeThreeByte(bytes, at: match.end - 3), last >= 0x4E00,
            last <= 0x9FFF
        else { return match.end }
        return match.end - 3
    }

    /// Classifies a maximal run of ASCII digits `[start, end)`; runs of other lengths are not personal data.
    private static func digitRun(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> RawMatch? {
        let length = end - start
        let count = bytes.count
        // Digits glued to a masked item (`8618*********6228` + `-4895-…`) were part of it, not a new item.
        guard !isMaskResidue(bytes, before: start), !isMaskResidue(bytes, after: end), !isBeforeAt(bytes, end)
        else { return nil }
        switch length {
        case 18:
            if isValidIDNumber(bytes, start: start) {
                return RawMatch(kind: .idNumber, start: start, end: end, masked: maskKeeping(bytes, start, end, 1, 2))
            }
            guard isStandalone(bytes, start: start, end: end) else { return nil }
            if isPlausibleIDNumber(bytes, start: start) {
                return RawMatch(
                    kind: .idNumber, start: start, end: end, masked: maskKeeping(bytes, start, end, 1, 2),
                    checkDigitFails: true)
            }
            return bankCard(bytes, start: start, end: end)
        case 17:
            if end < count, bytes[end] == UInt8(ascii: "X") || bytes[end] == UInt8(ascii: "x"),
                end + 1 == count || !isAlnum(bytes[end + 1])
            {
                let masked = maskKeeping(bytes, start, end + 1, 1, 2)
                if isValidIDNumber(bytes, start: start) {
                    return RawMatch(kind: .idNumber, start: start, end: end + 1, masked: masked)
                }
                guard isStandalone(bytes, start: start, end: end + 1), isPlausibleIDNumber(bytes, start: start)
                else { return nil }
                return RawMatch(kind: .idNumber, start: start, end: end + 1, masked: masked, checkDigitFails: true)
            }
            guard isStandalone(bytes, start: start, end: end) else { return nil }
            return bankCard(bytes, start: start, end: end)
        case 16, 19:
            guard isStandalone(bytes, start: start, end: end) else { return nil }
            return bankCard(bytes, start: start, end: end)
        case 15:
            guard isStandalone(bytes, start: start, end: end), isPlausibleLegacyIDNumber(bytes, start: start)
            else { return nil }
            return RawMatch(
                kind: .legacyIDNumber, start: start, end: end, masked: maskKeeping(bytes, start, end, 1, 2))
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
        case 4:
            return groupedBankCard(bytes, start: start, end: end)
        default:
            return nil
        }
    }

    /// `138-1234-5678` or `138 1234 5678`: the same separator twice, groups of exactly 3, 4 and 4 digits.
    private static func groupedMobile(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> RawMatch? {
        let count = bytes.count
        guard isMobilePrefix(bytes, start), end + 10 <= count, !continuesGrouping(bytes, before: start) else {
            return nil
        }
        let separator = bytes[end]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: " "),
            bytes[end + 5] == separator,
            (end + 1..<end + 5).allSatisfy({ isDigit(bytes[$0]) }),
            (end + 6..<end + 10).allSatisfy({ isDigit(bytes[$0]) }),
            end + 10 == count || !isDigit(bytes[end + 10]), !isMaskResidue(bytes, after: end + 10),
            !isBeforeAt(bytes, end + 10)
        else { return nil }
        var masked = Array(bytes[start..<end + 10])
        for offset in [4, 5, 6, 7] { masked[offset] = UInt8(ascii: "*") }
        return RawMatch(kind: .mobile, start: start, end: end + 10, masked: masked)
    }

    // MARK: - Bank cards

    /// 16–19 digits `[start, end)` that pass the Luhn check; the first 4 and last 4 digits stay.
    private static func bankCard(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> RawMatch? {
        guard bytes[start] != UInt8(ascii: "0"), passesLuhn(bytes, start: start, end: end) else { return nil }
        return RawMatch(kind: .bankCard, start: start, end: end, masked: maskDigits(bytes, start, end))
    }

    /// `6222 0212 3456 7890 123` or with `-`: groups of four digits (the last one 1–4), one separator kind,
    /// 16–19 digits in all, passing the Luhn check.
    private static func groupedBankCard(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> RawMatch? {
        let count = bytes.count
        guard end + 1 < count, isDigit(bytes[end + 1]) else { return nil }
        let separator = bytes[end]
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else { return nil }
        guard !continuesGrouping(bytes, before: start) else { return nil }
        var digits = 4
        var cursor = end
        while cursor < count && bytes[cursor] == separator && cursor + 1 < count && isDigit(bytes[cursor + 1]) {
            var runEnd = cursor + 1
            while runEnd < count && isDigit(bytes[runEnd]) { runEnd += 1 }
            let run = runEnd - cursor - 1
            guard run <= 4 else { return nil }
            digits += run
            cursor = runEnd
            if run < 4 { break }
        }
        guard (16...19).contains(digits), isStandalone(bytes, start: start, end: cursor) else { return nil }
        let followedByGroup =
            cursor + 1 < count && bytes[cursor] == separator
            && (isDigit(bytes[cursor + 1]) || bytes[cursor + 1] == UInt8(ascii: "*"))
        guard !followedByGroup, bytes[start] != UInt8(ascii: "0"), passesLuhn(bytes, start: start, end: cursor)
        else { return nil }
        return RawMatch(kind: .bankCard, start: start, end: cursor, masked: maskDigits(bytes, start, cursor))
    }

    /// The Luhn (mod 10) check over the ASCII digits in `[start, end)`; other bytes are skipped.
    static func passesLuhn(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Bool {
        var sum = 0
        var double = false
        var index = end - 1
        while index >= start {
            let byte = bytes[index]
            if isDigit(byte) {
                var digit = Int(byte &- UInt8(ascii: "0"))
                if double {
                    digit *= 2
                    if digit > 9 { digit -= 9 }
                }
                sum += digit
                double.toggle()
            }
            index -= 1
        }
        return sum % 10 == 0
    }

    /// The digits of `[start, end)` except the first 4 and the last 4 replaced by `*`; separators stay.
    private static func maskDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
        var masked = Array(bytes[start..<end])
        let total = masked.reduce(0) { $0 + (isDigit($1) ? 1 : 0) }
        var seen = 0
        for offset in masked.indices where isDigit(masked[offset]) {
            if seen >= 4 && seen < total - 4 { masked[offset] = UInt8(ascii: "*") }
            seen += 1
        }
        return masked
    }

    // MARK: - E-mail addresses

    /// The e-mail address around the `@` at `at`: a local part of `[A-Za-z0-9._%+-]` and a domain of at least
    /// two labels ending in a top-level domain of letters. `https://user@host` (a URL's user part) is not one.
    private static func email(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, notBefore floor: Int) -> RawMatch? {
        let count = bytes.count
        var start = at
        while start > floor && isEmailLocal(bytes[start - 1]) {
            start -= 1
            if at - start > 64 { return nil }  // a local part longer than 64
        }
        if start > floor {
            // `a@b.com@c.com` is not an address, and neither part of it is one.
            if bytes[start - 1] == UInt8(ascii: "@") { return nil }
            guard !isMaskResidue(bytes, before: start) else { return nil }
        }
        while start < at && bytes[start] == UInt8(ascii: ".") { start += 1 }
        guard start < at, bytes[at - 1] != UInt8(ascii: ".") else { return nil }
        if start > 0, bytes[start - 1] == UInt8(ascii: "/") || bytes[start - 1] == UInt8(ascii: ":"),
            isInsideURL(bytes, before: start)
        {
            return nil  // the user part of `https://user@host`
        }
        var cursor = at + 1
        var labels = 0
        var lastLabelStart = cursor
        var end = cursor
        while cursor < count {
            let labelStart = cursor
            while cursor < count && (isAlnum(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "-")) { cursor += 1 }
            guard cursor > labelStart else { break }
            labels += 1
            lastLabelStart = labelStart
            end = cursor
            guard cursor + 1 < count, bytes[cursor] == UInt8(ascii: "."), isAlnum(bytes[cursor + 1]) else { break }
            cursor += 1
        }
        guard labels >= 2, end - lastLabelStart >= 2,
            (lastLabelStart..<end).allSatisfy({ isASCIILetter(bytes[$0]) }),
            end == count || bytes[end] != UInt8(ascii: "@")
        else { return nil }
        var masked: [UInt8] = [bytes[start]]
        masked.append(contentsOf: Array("***".utf8))
        masked.append(contentsOf: bytes[at..<end])
        return RawMatch(kind: .email, start: start, end: end, masked: masked)
    }

    /// True when a URL scheme (`https://`) starts the run of non-space ASCII that ends at `before`.
    private static func isInsideURL(_ bytes: UnsafeBufferPointer<UInt8>, before: Int) -> Bool {
        var index = before - 1
        while index >= 2 && before - index < 256 && bytes[index] > 0x20 && bytes[index] < 0x7F {
            if bytes[index] == UInt8(ascii: "/") && bytes[index - 1] == UInt8(ascii: "/")
                && bytes[index - 2] == UInt8(ascii: ":")
            {
                return true
            }
            index -= 1
        }
        return false
    }

    private static func isEmailLocal(_ byte: UInt8) -> Bool {
        isAlnum(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "%")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    // MARK: - Passports and travel permits

    /// A passport or travel permit number starting at the capital letter at `start`:
    ///
    /// - ordinary passports `E` + 8 digits, `E` + letter (not I or O) + 7 digits, `G` + 8 digits;
    /// - diplomatic, service and public-affairs passports `DE`, `SE`, `PE` + 7 digits;
    /// - Hong Kong `K` + 8 digits and Macau `MA` + 7 digits SAR passports;
    /// - permits to Hong Kong and Macau `C` + 8 digits or `C` + letter + 7 digits, to Taiwan `L` + 8 digits;
    /// - home-return permits of Hong Kong and Macau residents `H`/`M` + 8 or 10 digits.
    private static func passport(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) -> RawMatch? {
        let count = bytes.count
        guard start + 8 < count else { return nil }
        let first = bytes[start]
        let second = bytes[start + 1]
        var digitsStart = start + 1
        var allowed: [Int]
        if isUpper(second) {
            switch (first, second) {
            case (UInt8(ascii: "D"), UInt8(ascii: "E")), (UInt8(ascii: "S"), UInt8(ascii: "E")),
                (UInt8(ascii: "P"), UInt8(ascii: "E")), (UInt8(ascii: "M"), UInt8(ascii: "A")):
                allowed = [7]
            case (UInt8(ascii: "E"), _), (UInt8(ascii: "C"), _):
                guard second != UInt8(ascii: "I"), second != UInt8(ascii: "O") else { return nil }
                allowed = [7]
            default:
                return nil
            }
            digitsStart = start + 2
        } else {
            switch first {
            case UInt8(ascii: "E"), UInt8(ascii: "G"), UInt8(ascii: "K"), UInt8(ascii: "C"), UInt8(ascii: "L"):
                allowed = [8]
            case UInt8(ascii: "H"), UInt8(ascii: "M"):
                allowed = [8, 10]
            default:
                return nil
            }
        }
        var end = digitsStart
        while end < count && isDigit(bytes[end]) { end += 1 }
        guard allowed.contains(end - digitsStart), end == count || !isAlnum(bytes[end]),
            !isMaskResidue(bytes, before: start), !isMaskResidue(bytes, after: end), !isBeforeAt(bytes, end),
            !(end + 1 < count && bytes[end] == UInt8(ascii: ".") && isDigit(bytes[end + 1]))
        else { return nil }
        return RawMatch(kind: .passport, start: start, end: end, masked: maskKeeping(bytes, start, end, 1, 2))
    }

    // MARK: - Plates

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
        guard start + 18 <= bytes.count, bytes[start] != UInt8(ascii: "0"),
            isBirthDate(bytes, yearAt: start + 6, digits: 4)
        else { return false }
        var sum = 0
        for offset in 0..<17 { sum += Int(bytes[start + offset] &- UInt8(ascii: "0")) * idWeights[offset] }
        var check = bytes[start + 17]
        if check == UInt8(ascii: "x") { check = UInt8(ascii: "X") }
        return check == idCheckCharacters[sum % 11]
    }

    /// 18 characters at `start` with a province code of GB/T 2260 and a real birth date between 1900 and
    /// 2099, whatever the check character.
    static func isPlausibleIDNumber(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) -> Bool {
        start + 18 <= bytes.count && isProvinceCode(bytes, start) && isBirthDate(bytes, yearAt: start + 6, digits: 4)
    }

    /// 15 digits at `start`: province code, 4 more region digits, `YYMMDD` born in the 1900s, 3 digits.
    static func isPlausibleLegacyIDNumber(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) -> Bool {
        start + 15 <= bytes.count && isProvinceCode(bytes, start) && isBirthDate(bytes, yearAt: start + 6, digits: 2)
    }

    /// The first two digits at `start` are a province-level code (GB/T 2260: 11–15, 21–23, 31–37, 41–46,
    /// 50–54, 61–65; 71 Taiwan, 81 Hong Kong, 82 Macau, 83 residence permits of Taiwan residents).
    private static func isProvinceCode(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        let code = Int(bytes[start] &- UInt8(ascii: "0")) * 10 + Int(bytes[start + 1] &- UInt8(ascii: "0"))
        switch code {
        case 11...15, 21...23, 31...37, 41...46, 50...54, 61...65, 71, 81...83: return true
        default: return false
        }
    }

    /// A real date written `YYYYMMDD` (years 1900–2099) or `YYMMDD` (1900s) at `yearAt`.
    private static func isBirthDate(_ bytes: UnsafeBufferPointer<UInt8>, yearAt: Int, digits: Int) -> Bool {
        func digit(_ index: Int) -> Int { Int(bytes[index] &- UInt8(ascii: "0")) }
        var year = 1900 + digit(yearAt + digits - 2) * 10 + digit(yearAt + digits - 1)
        if digits == 4 { year = digit(yearAt) * 1000 + digit(yearAt + 1) * 100 + year % 100 }
        let month = digit(yearAt + digits) * 10 + digit(yearAt + digits + 1)
        let day = digit(yearAt + digits + 2) * 10 + digit(yearAt + digits + 3)
        return (1900...2099).contains(year) && (1...12).contains(month) && day >= 1
            && day <= daysInMonth(month, year: year)
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

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isASCIILetter(_ byte: UInt8) -> Bool { isUpper(byte) || (byte >= 0x61 && byte <= 0x7A) }
    static func isAlnum(_ byte: UInt8) -> Bool { isDigit(byte) || isASCIILetter(byte) }

    /// True when the number `[start, end)` stands alone rather than inside a code, a URL path or a decimal:
    /// no ASCII letter, `/`, `_`, `=`, `.`, `%` or `#` directly before it, and no letter, `/`, `_` or
    /// `.` + letter or digit directly after it, and not glued to a masked item (`isMaskResidue`).
    private static func isStandalone(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Bool {
        if isMaskResidue(bytes, before: start) || isMaskResidue(bytes, after: end) || isBeforeAt(bytes, end) {
            return false
        }
        if start > 0 {
            let before = bytes[start - 1]
            if isASCIILetter(before) || before == UInt8(ascii: "/") || before == UInt8(ascii: "_")
                || before == UInt8(ascii: "=") || before == UInt8(ascii: ".") || before == UInt8(ascii: "%")
                || before == UInt8(ascii: "#")
            {
                return false
            }
        }
        if end < bytes.count {
            let after = bytes[end]
            if isASCIILetter(after) || after == UInt8(ascii: "/") || after == UInt8(ascii: "_") { return false }
            if after == UInt8(ascii: "."), end + 1 < bytes.count, isAlnum(bytes[end + 1]) { return false }
        }
        return true
    }

    /// True when `*` directly before `index` belongs to a masked item rather than to Markdown emphasis: a run
    /// of three or more, or a run glued to a letter, digit, `@`, `-` or `.` on its other side
    /// (`8618*********6228`, `6228-****-****-*086`). Text
    /// glued to a masked item is never a new item, so masking the output again changes nothing, while
    /// `**13812345678**` (bold) is still found.
    static func isMaskResidue(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        var first = index
        while first > 0 && bytes[first - 1] == UInt8(ascii: "*") { first -= 1 }
        let run = index - first
        guard run > 0 else { return false }
        return run >= 3 || (first > 0 && isGlue(bytes[first - 1]))
    }

    /// True when the digits at `start` continue a grouping written before them (`… 6228 4896 5509 …`,
    /// `6228-****-****-***7-159 …`): a space or `-` after a digit or `*`.
    private static func continuesGrouping(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        guard start >= 2 else { return false }
        let separator = bytes[start - 1]
        let before = bytes[start - 2]
        return (separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-"))
            && (isDigit(before) || before == UInt8(ascii: "*"))
    }

    /// True when `@` is at `index`: the text before it is an e-mail address's local part, which the address
    /// masks as a whole (`13812345678@qq.com`), not a number of its own.
    private static func isBeforeAt(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        index < bytes.count && bytes[index] == UInt8(ascii: "@")
    }

    /// Characters that join a `*` run to a masked item: letters, digits and the separators inside items.
    private static func isGlue(_ byte: UInt8) -> Bool {
        isAlnum(byte) || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    /// The same as `isMaskResidue(_:before:)` for `*` directly at `index`, after an item.
    static func isMaskResidue(_ bytes: UnsafeBufferPointer<UInt8>, after index: Int) -> Bool {
        var end = index
        while end < bytes.count && bytes[end] == UInt8(ascii: "*") { end += 1 }
        let run = end - index
        guard run > 0 else { return false }
        return run >= 3 || (end < bytes.count && isGlue(bytes[end]))
    }

    private static func isMobilePrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        start + 1 < bytes.count && bytes[start] == UInt8(ascii: "1")
            && bytes[start + 1] >= UInt8(ascii: "3") && bytes[start + 1] <= UInt8(ascii: "9")
    }

    static func decodeThreeByte(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 2 < bytes.count else { return nil }
        let lead = bytes[index]
        let second = bytes[index + 1]
        let third = bytes[index + 2]
        guard lead & 0xF0 == 0xE0, second & 0xC0 == 0x80, third & 0xC0 == 0x80 else { return nil }
        return UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
    }

    /// The bytes `[start, end)` with all but the first `keepFirst` and last `keepLast` replaced by `*`.
    static func maskKeeping(
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
                    lineOffset: lineOffset, column: column, checkDigitFails: match.checkDigitFails))
        }
        return result
    }
}
