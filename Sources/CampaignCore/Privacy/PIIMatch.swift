/// The kinds of personal data the build detects in text that reaches Output (docs/exposure-notices.md,
/// "Personal data").
public enum PIIKind: String, Sendable, Hashable, CaseIterable {
    /// A mainland resident ID number: 18 characters, plausible region and birth date. A valid ISO 7064
    /// MOD 11-2 check digit is not needed (a failing one is flagged as probably mistyped, see
    /// `PIIMatch.checkDigitFails`).
    case idNumber
    /// A first-generation 15-digit ID number: province code, 6-digit region, `YYMMDD` birth date, 3 digits.
    case legacyIDNumber
    /// A mainland mobile number `1[3-9]` + 9 digits.
    case mobile
    /// A licence plate: province abbreviation, letter, then 5 (ordinary) or 6 (new-energy) characters.
    case plate
    /// An e-mail address `local@domain.tld`.
    case email
    /// A passport or travel permit number (`E12345678`, `EA1234567`, `DE1234567`, `C12345678`, …).
    case passport
    /// A bank card number: 16–19 digits passing the Luhn check, optionally in groups of four.
    case bankCard
    /// A home address below the street or estate level: building, unit and room (`3号楼2单元501室`).
    case address

    /// The diagnostic code reported when text of this kind is masked, e.g. `privacy.id-number`.
    public var diagnosticCode: String {
        switch self {
        case .idNumber: "privacy.id-number"
        case .legacyIDNumber: "privacy.id-number-15"
        case .mobile: "privacy.mobile"
        case .plate: "privacy.plate"
        case .email: "privacy.email"
        case .passport: "privacy.passport"
        case .bankCard: "privacy.bank-card"
        case .address: "privacy.address"
        }
    }

    /// The name staff read in messages, Chinese with an English gloss, e.g. `手机号（mobile number）`.
    public var label: String {
        switch self {
        case .idNumber: "身份证号（ID number）"
        case .legacyIDNumber: "15位身份证号（15-digit ID number）"
        case .mobile: "手机号（mobile number）"
        case .plate: "车牌号（licence plate）"
        case .email: "电子邮箱（e-mail address）"
        case .passport: "护照或通行证号（passport or travel permit number）"
        case .bankCard: "银行卡号（bank card number）"
        case .address: "楼栋、单元或门牌（address below the street or estate level）"
        }
    }
}

/// One piece of personal data found in a text, with its masked replacement.
public struct PIIMatch: Sendable, Hashable {
    /// What was found.
    public var kind: PIIKind
    /// Where it is, as indices into the scanned string (only valid for that string).
    public var range: Range<String.Index>
    /// The same place as UTF-8 byte offsets from the start of the scanned string.
    public var utf8Range: Range<Int>
    /// The text as written. Never put this in a diagnostic or an output file.
    public var original: String
    /// The replacement that is published instead, e.g. `138****1234`.
    public var masked: String
    /// How many line breaks precede the match in the scanned text (0 on the first line).
    public var lineOffset: Int
    /// 1-based column of the match within its line, counted in Unicode scalars.
    public var column: Int
    /// True for an 18-digit ID number whose region and birth date are plausible but whose check digit
    /// fails: it is masked like a valid one, and the writer is told the number looks mistyped.
    public var checkDigitFails: Bool

    /// Creates a match; the scanner fills every field, tests may build expected values.
    public init(
        kind: PIIKind, range: Range<String.Index>, utf8Range: Range<Int>, original: String, masked: String,
        lineOffset: Int, column: Int, checkDigitFails: Bool = false
    ) {
        self.kind = kind
        self.range = range
        self.utf8Range = utf8Range
        self.original = original
        self.masked = masked
        self.lineOffset = lineOffset
        self.column = column
        self.checkDigitFails = checkDigitFails
    }
}
