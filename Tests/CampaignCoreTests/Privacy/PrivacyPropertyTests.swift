import TestSupport
import Testing

@testable import CampaignCore

/// Properties over many random texts from a fixed seed: masked output holds nothing detectable, masking is
/// idempotent, and every item written between separators is found and never published.
@Suite struct PrivacyPropertyTests {
    typealias SeededGenerator = SplitMix64

    /// A random item of `kind`, as a writer would put it in a notice.
    static func item(_ kind: PIIKind, _ random: inout SeededGenerator) -> String {
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
        }
        let provinces = ["11", "13", "21", "32", "35", "44", "51", "62", "65", "82"]
        let province = provinces.randomElement(using: &random) ?? "62"
        let month = String(format2(Int.random(in: 1...12, using: &random)))
        let day = String(format2(Int.random(in: 1...28, using: &random)))
        switch kind {
        case .idNumber:
            let seventeen =
                province + digits(4) + String(Int.random(in: 1930...2020, using: &random)) + month + day
                + digits(3)
            return Bool.random(using: &random) ? Reference.validID(seventeen) : Reference.mistypedID(seventeen)
        case .legacyIDNumber:
            return province + digits(4) + format2(Int.random(in: 0...99, using: &random)) + month + day + digits(3)
        case .mobile:
            let number = "1" + String(Int.random(in: 3...9, using: &random)) + digits(9)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: return "+86" + number
            case 1: return number.prefix(3) + "-" + number.dropFirst(3).prefix(4) + "-" + number.suffix(4)
            default: return number
            }
        case .plate:
            let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
            let province = ["甘", "京", "沪", "粤", "川", "陕"].randomElement(using: &random) ?? "甘"
            let letter = String(letters.randomElement(using: &random) ?? "A")
            return province + letter + digits(Bool.random(using: &random) ? 5 : 6)
        case .email:
            let local = ["zhang", "li.si", "wang_wu", digits(9), "report"].randomElement(using: &random) ?? "a"
            let domain =
                ["qq.com", "163.com", "example.gov.cn", "sina.com.cn"].randomElement(using: &random) ?? "qq.com"
            return local + "@" + domain
        case .passport:
            switch Int.random(in: 0..<5, using: &random) {
            case 0: return "E" + digits(8)
            case 1: return "EA" + digits(7)
            case 2: return "G" + digits(8)
            case 3: return ["DE", "SE", "PE", "MA"].randomElement(using: &random).map { $0 + digits(7) } ?? "DE1234567"
            default:
                return ["K", "C", "L", "H", "M"].randomElement(using: &random).map { $0 + digits(8) } ?? "K12345678"
            }
        case .bankCard:
            // A 9 where an ID number has its birth year, so an 18-digit card is not also a plausible ID number.
            let card = Reference.luhnValid("6228489" + digits(Int.random(in: 8...11, using: &random)))
            return Bool.random(using: &random) ? card : Reference.grouped(card, Bool.random(using: &random) ? " " : "-")
        case .address:
            let building = String(Int.random(in: 1...30, using: &random))
            let unit = String(Int.random(in: 1...6, using: &random))
            let room = String(Int.random(in: 101...2604, using: &random))
            return ["金城小区", "兰工坪社区", "陈坪村"].randomElement(using: &random).map {
                $0 + building + "号楼" + unit + "单元" + room + "室"
            } ?? "金城小区3号楼"
        }
    }

    static func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Pieces that stick to items and to each other in every way: digits, letters, separators, CJK.
    static let fillers = [
        "，", "。", " ", "\n", "-", "@", ".", "*", "+", "x", "X", "E", "A", "a", "0", "1", "12", "2026", "3", "号楼",
        "单元", "室", "栋", "小区", "家住", "电话", "甘", "京", "qq.com", "mailto:", "https://", "/", "第", "共",
        "年", "三", "热线12345", "¥", "%", "（", "）", "：", "号", "楼", "　",
    ]

    @Test func maskedTextHoldsNothingDetectableAndMaskingIsIdempotent() {
        var random = SeededGenerator(state: 20_261_130)
        for iteration in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...24, using: &random) {
                if Int.random(in: 0..<3, using: &random) == 0 {
                    text += Self.item(PIIKind.allCases.randomElement(using: &random) ?? .mobile, &random)
                } else {
                    text += Self.fillers.randomElement(using: &random) ?? " "
                }
            }
            let (masked, _) = PrivacyScanner.mask(text)
            let again = PrivacyScanner.scan(masked)
            #expect(again.isEmpty, "iteration \(iteration): \(text) → \(masked) still holds \(again.map(\.original))")
            #expect(PrivacyScanner.mask(masked).masked == masked, "iteration \(iteration)")
        }
    }

    @Test func everyItemBetweenSeparatorsIsFoundAndNeverPublished() {
        var random = SeededGenerator(state: 15)
        let separators = ["，", "。", "；", "\n", "（", "）", "、"]
        for iteration in 0..<2000 {
            var text = "据举报"
            var written: [(PIIKind, String)] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let kind = PIIKind.allCases.randomElement(using: &random) ?? .mobile
                let value = Self.item(kind, &random)
                written.append((kind, value))
                text += ["当事人", "联系方式", "情况", "称"].randomElement(using: &random) ?? ""
                text += value + (separators.randomElement(using: &random) ?? "，")
            }
            let (masked, matches) = PrivacyScanner.mask(text)
            // Addresses keep their place name in the text; what is matched is the part below it.
            #expect(matches.map(\.kind) == written.map(\.0), "iteration \(iteration): \(text)")
            for match in matches { #expect(!masked.contains(match.original), "iteration \(iteration): \(text)") }
            for (kind, value) in written where kind != .address {
                #expect(!masked.contains(value), "iteration \(iteration): \(value) published in \(masked)")
            }
        }
    }
}
