/// The kinds of personal data the build detects in text that reaches Output (DESIGN.md §6).
public enum PIIKind: String, Sendable, Hashable, CaseIterable {
    /// A mainland resident ID number: 18 characters with a valid ISO 7064 MOD 11-2 check digit.
    case idNumber
    /// A mainland mobile number `1[3-9]` + 9 digits.
    case mobile
    /// A licence plate: province abbreviation, letter, then 5 (ordinary) or 6 (new-energy) characters.
    case plate

    /// The diagnostic code reported when text of this kind is masked, e.g. `privacy.id-number`.
    public var diagnosticCode: String {
        switch self {
        case .idNumber: "privacy.id-number"
        case .mobile: "privacy.mobile"
        case .plate: "privacy.plate"
        }
    }

    /// A short English name for messages, e.g. `ID number`.
    public var label: String {
        switch self {
        case .idNumber: "ID number"
        case .mobile: "mobile number"
        case .plate: "licence plate"
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

    /// Creates a match; the scanner fills every field, tests may build expected values.
    public init(
        kind: PIIKind, range: Range<String.Index>, utf8Range: Range<Int>, original: String, masked: String,
        lineOffset: Int, column: Int
    ) {
        self.kind = kind
        self.range = range
        self.utf8Range = utf8Range
        self.original = original
        self.masked = masked
        self.lineOffset = lineOffset
        self.column = column
    }
}
