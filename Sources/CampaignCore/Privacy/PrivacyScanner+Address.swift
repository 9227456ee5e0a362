/// Home addresses below the street or estate level: building, unit and room after a place name.
///
/// `金城小区3号楼2单元501室` is published as `金城小区**号楼**单元**室`: the place (street, village, estate)
/// stays, every building, unit, floor and room number is replaced by `**`. A part is a number (ASCII or
/// full-width digits, Chinese numerals, or one capital letter as in `A栋`) followed by one of 号楼, 栋, 幢,
/// 单元, 楼, 层, 座, 室, 号房, 户, 号. It counts as an address when it names a building (号楼), unit (单元) or
/// room (室, 号房, or bare room digits after a building or unit), or when 栋/幢 is followed by more parts;
/// a lone `12栋`, `3楼` or `1号` is a count, a floor or a street number and stays. The character before must
/// be a place name's last character, not a counting or function word (`共12栋`, `第3单元`), and `3室2厅`
/// (a flat's layout) is not an address.
extension PrivacyScanner {
    private enum AddressPart {
        /// 号楼, 单元, 室, 号房: always below the estate level.
        case strong
        /// 栋, 幢: a building, but also the counter for buildings.
        case building
        /// 楼, 层, 座, 户, 号: floors, blocks, households and street numbers.
        case weak
    }

    /// The address parts right after the place name character at `placeStart`, or nil.
    static func address(_ bytes: UnsafeBufferPointer<UInt8>, after placeStart: Int) -> RawMatch? {
        let count = bytes.count
        var start = placeStart + 3
        if start < count && bytes[start] == 0x20 {
            start += 1
        } else if decodeThreeByte(bytes, at: start) == 0x3000 {
            start += 3
        }
        guard number(bytes, at: start) != nil, let place = decodeThreeByte(bytes, at: placeStart),
            place >= 0x4E00 && place <= 0x9FFF, !notPlaceNames.contains(place)
        else { return nil }
        var cursor = start
        var masked: [UInt8] = []
        var strong = 0
        var buildings = 0
        var parts = 0
        var lastIsStructure = false
        while let numberEnd = number(bytes, at: cursor), let word = addressWord(bytes, at: numberEnd) {
            let (part, wordEnd) = word
            masked.append(contentsOf: [UInt8(ascii: "*"), UInt8(ascii: "*")])
            masked.append(contentsOf: bytes[numberEnd..<wordEnd])
            switch part {
            case .strong: strong += 1
            case .building: buildings += 1
            case .weak: break
            }
            parts += 1
            // Bare digits may follow a building, unit or floor (`2单元502`), not a room or a street number.
            let word = decodeThreeByte(bytes, at: wordEnd - 3)
            lastIsStructure = word != 0x5BA4 && word != 0x623F && word != 0x6237 && word != 0x53F7
            cursor = wordEnd
        }
        if lastIsStructure, cursor < count, isDigit(bytes[cursor]) {
            var end = cursor
            while end < count && isDigit(bytes[end]) { end += 1 }
            if (3...4).contains(end - cursor), end == count || !isAlnum(bytes[end]), !isMaskResidue(bytes, after: end),
                addressWord(bytes, at: end) == nil
            {
                masked.append(contentsOf: [UInt8(ascii: "*"), UInt8(ascii: "*")])
                strong += 1
                parts += 1
                cursor = end
            }
        }
        guard strong > 0 || (buildings > 0 && parts >= 2) else { return nil }
        return RawMatch(kind: .address, start: start, end: cursor, masked: masked)
    }

    /// The end of a building, unit or room number at `index`: 1–5 ASCII or full-width digits, 1–4 Chinese
    /// numerals, or one capital letter not followed by another letter or digit.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let count = bytes.count
        guard index < count else { return nil }
        let byte = bytes[index]
        if isDigit(byte) {
            var end = index
            while end < count && isDigit(bytes[end]) { end += 1 }
            return end - index <= 5 && !isMaskResidue(bytes, after: end) ? end : nil
        }
        if isUpper(byte) {
            return index + 1 < count && isAlnum(bytes[index + 1]) ? nil : index + 1
        }
        var end = index
        var fullWidth = 0
        var numerals = 0
        while let scalar = decodeThreeByte(bytes, at: end) {
            if scalar >= 0xFF10 && scalar <= 0xFF19 && numerals == 0 {
                fullWidth += 1
            } else if chineseNumerals.contains(scalar) && fullWidth == 0 {
                numerals += 1
            } else {
                break
            }
            end += 3
        }
        guard end > index, fullWidth <= 5, numerals <= 4 else { return nil }
        return end
    }

    /// The address word at `index` (号楼, 单元, 栋, …) and where it ends; nil for anything else, for 号院
    /// (a compound, at the estate level) and for 室 in a flat's layout `3室2厅`.
    private static func addressWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (AddressPart, Int)? {
        guard let scalar = decodeThreeByte(bytes, at: index) else { return nil }
        let next = decodeThreeByte(bytes, at: index + 3)
        switch scalar {
        case 0x53F7:  // 号
            if next == 0x697C || next == 0x623F { return (.strong, index + 6) }  // 号楼, 号房
            if next == 0x9662 { return nil }  // 号院
            return (.weak, index + 3)
        case 0x5355:  // 单
            return next == 0x5143 ? (.strong, index + 6) : nil  // 单元
        case 0x680B, 0x5E62:  // 栋, 幢
            return (.building, index + 3)
        case 0x5BA4:  // 室
            if let numberEnd = number(bytes, at: index + 3), decodeThreeByte(bytes, at: numberEnd) == 0x5385 {
                return nil  // 3室2厅
            }
            return (.strong, index + 3)
        case 0x697C, 0x5C42, 0x5EA7, 0x6237:  // 楼, 层, 座, 户
            return (.weak, index + 3)
        default:
            return nil
        }
    }

    /// Chinese numerals in building and room numbers.
    private static let chineseNumerals = ScalarSet("〇零一二两三四五六七八九十百")

    /// Three-byte characters that may follow a place name in an address: Chinese numerals, full-width digits
    /// and the ideographic space. The scanner tests this before trying an address at every CJK character.
    static let addressStarts = ScalarSet("〇零一二两三四五六七八九十百０１２３４５６７８９\u{3000}")

    /// Characters that end counting phrases, dates and function words rather than place names, so the number
    /// after them is not part of an address (`共12栋`, `第3单元`, `在3号楼`).
    private static let notPlaceNames = ScalarSet(
        "第共有计约余近达和与及或至到每各另前后这那该其中了的在是为等对把被向从以由按将给仅只再又也都已设增改拆查排建新个剩占于合总"
            + "年月日时分秒〇零一二两三四五六七八九十百千万亿")
}
