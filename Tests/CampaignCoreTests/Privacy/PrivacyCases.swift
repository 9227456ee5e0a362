import Testing

@testable import CampaignCore

/// One row of a privacy table: a text, what the scanner must find in it, and the text as published.
struct PrivacyCase: CustomTestStringConvertible, Sendable {
    var text: String
    /// Kind and original of every item, in reading order.
    var expected: [(PIIKind, String)]
    var masked: String
    /// True when the (only) ID number found has a failing check digit.
    var mistyped = false
    var testDescription: String { String(text.map { $0 == "\n" ? "⏎" : $0 }) }

    /// `before + value + after`, found as `kind` and published as `before + masked + after`.
    static func hit(
        _ kind: PIIKind, _ value: String, _ masked: String, in context: (String, String) = ("", ""),
        mistyped: Bool = false
    ) -> PrivacyCase {
        PrivacyCase(
            text: context.0 + value + context.1, expected: [(kind, value)], masked: context.0 + masked + context.1,
            mistyped: mistyped)
    }

    /// A text in which nothing is personal data: it is published unchanged.
    static func miss(_ text: String) -> PrivacyCase {
        PrivacyCase(text: text, expected: [], masked: text)
    }
}

/// Surroundings a value is written in: none, Chinese punctuation, a label, spaces, brackets, a line of its own.
let privacyContexts: [(String, String)] = [
    ("", ""), ("号码", "。"), ("联系人：", "，请核实"), ("见 ", " 处"), ("（", "）"), ("\n", "\n"),
    ("当事人", "已约谈"), ("“", "”"),
]

/// Independent reference helpers (not the scanner's code) for expected values.
enum Reference {
    /// The ISO 7064 MOD 11-2 check character of 17 digits.
    static func idCheck(_ seventeen: String) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(seventeen, weights).reduce(0) { $0 + ($1.0.wholeNumberValue ?? 0) * $1.1 }
        return Array("10X98765432")[sum % 11]
    }

    static func validID(_ seventeen: String) -> String { seventeen + String(idCheck(seventeen)) }

    static func mistypedID(_ seventeen: String) -> String {
        seventeen + (idCheck(seventeen) == "1" ? "2" : "1")
    }

    /// All but the first `first` and the last `last` characters replaced by `*`.
    static func keep(_ text: String, first: Int, last: Int) -> String {
        let characters = Array(text)
        return String(
            characters.enumerated().map { $0.offset < first || $0.offset >= characters.count - last ? $0.element : "*" }
        )
    }

    /// The Luhn check digit that completes `digits`.
    static func luhnCheck(_ digits: String) -> Character {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            var digit = character.wholeNumberValue ?? 0
            if index % 2 == 0 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return Character(String((10 - sum % 10) % 10))
    }

    static func luhnValid(_ body: String) -> String { body + String(luhnCheck(body)) }

    /// A number with a wrong Luhn check digit.
    static func luhnInvalid(_ body: String) -> String {
        let right = luhnCheck(body).wholeNumberValue ?? 0
        return body + String((right + 1) % 10)
    }

    /// Digits except the first 4 and last 4 masked, separators kept.
    static func maskCard(_ card: String) -> String {
        let total = card.filter(\.isNumber).count
        var seen = 0
        return String(
            card.map { character in
                guard character.isNumber else { return character }
                defer { seen += 1 }
                return seen >= 4 && seen < total - 4 ? "*" : character
            })
    }

    /// `digits` in groups of four joined by `separator`.
    static func grouped(_ digits: String, _ separator: String) -> String {
        var groups: [String] = []
        var current = ""
        for character in digits {
            current.append(character)
            if current.count == 4 {
                groups.append(current)
                current = ""
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups.joined(separator: separator)
    }
}
