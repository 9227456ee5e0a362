/// Checks the registration numbers every government site shows in its footer (site.yml
/// `registration`): ICP 备案号, 公安备案号 and 网站标识码.
///
/// Codes `site.icp`, `site.police`, `site.site_id_code`. A malformed number is an error; a police
/// number whose region code does not belong to its province is a warning (the form is right, the
/// number is probably mistyped).
public enum RegistrationRules {
    /// The three fields of `registration`, named as in site.yml.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case icp
        case police
        case siteIDCode = "site_id_code"
    }

    /// Province abbreviations (both forms where there are two, e.g. 甘/陇) and their region codes.
    static let provinces: [Unicode.Scalar: Int] = [
        "京": 11, "津": 12, "冀": 13, "晋": 14, "蒙": 15, "辽": 21, "吉": 22, "黑": 23, "沪": 31, "苏": 32,
        "浙": 33, "皖": 34, "闽": 35, "赣": 36, "鲁": 37, "豫": 41, "鄂": 42, "湘": 43, "粤": 44, "桂": 45,
        "琼": 46, "渝": 50, "川": 51, "蜀": 51, "贵": 52, "黔": 52, "云": 53, "滇": 53, "藏": 54, "陕": 61,
        "秦": 61, "甘": 62, "陇": 62, "青": 63, "宁": 64, "新": 65,
    ]

    /// All findings about `registration`.
    ///
    /// - Parameters:
    ///   - location: where `registration` is written (used for a field without its own location).
    ///   - fieldLocations: where each value is written, from `fieldLocations(inSiteYAML:file:)`.
    public static func check(
        _ registration: SiteConfig.Registration, location: SourceLocation,
        fieldLocations: [Field: SourceLocation] = [:]
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func at(_ field: Field) -> SourceLocation { fieldLocations[field] ?? location }
        if let problem = icpProblem(registration.icp) {
            diagnostics.append(.error(problem, code: "site.icp", at: at(.icp)))
        }
        if let problem = policeProblem(registration.police) {
            diagnostics.append(.error(problem, code: "site.police", at: at(.police)))
        } else if let warning = policeRegionMismatch(registration.police) {
            diagnostics.append(.warning(warning, code: "site.police", at: at(.police)))
        }
        if let problem = siteIDCodeProblem(registration.siteIDCode) {
            diagnostics.append(.error(problem, code: "site.site_id_code", at: at(.siteIDCode)))
        }
        return diagnostics
    }

    /// Where `registration.icp`, `.police` and `.site_id_code` are written in site.yml.
    public static func fieldLocations(inSiteYAML text: String, file: String) -> [Field: SourceLocation] {
        guard let reader = FieldReader.parse(text, file: file, codePrefix: "site"),
            let registration = reader.map("registration")
        else { return [:] }
        var locations: [Field: SourceLocation] = [:]
        for field in Field.allCases where registration.has(field.rawValue) {
            locations[field] = registration.location(of: field.rawValue)
        }
        return locations
    }

    // MARK: - Single values

    /// Why `value` is not an ICP number like `陇ICP备12345678号-1`, or nil when it is one.
    public static func icpProblem(_ value: String) -> String? {
        let expected =
            "expected the form '陇ICP备12345678号-1' (province abbreviation, 'ICP备', 6 to 10 digits, '号', "
            + "optionally '-' and a number)"
        guard !value.isEmpty else { return "missing ICP number (ICP备案号); \(expected)" }
        var scanner = Scanner(value)
        let valid: Bool = {
            guard let province = scanner.next(), provinces[province] != nil else { return false }
            guard scanner.take("ICP备") else { return false }
            guard (6...10).contains(scanner.digits()) else { return false }
            guard scanner.take("号") else { return false }
            if scanner.take("-") { guard scanner.digits() > 0 else { return false } }
            return scanner.atEnd
        }()
        if valid { return nil }
        return "ICP number '\(value)' is malformed; \(expected)\(hint(value, keyword: "ICP备"))"
    }

    /// Why `value` is not a public-security number like `甘公网安备 62010202000123号`, or nil.
    public static func policeProblem(_ value: String) -> String? {
        let expected =
            "expected the form '甘公网安备 62010202000123号' (province abbreviation, '公网安备', a space, "
            + "14 digits, '号')"
        guard !value.isEmpty else { return "missing public-security number (公安备案号); \(expected)" }
        var scanner = Scanner(value)
        let valid: Bool = {
            guard let province = scanner.next(), provinces[province] != nil else { return false }
            guard scanner.take("公网安备") else { return false }
            _ = scanner.take(" ")
            guard scanner.digits() == 14 else { return false }
            guard scanner.take("号") else { return false }
            return scanner.atEnd
        }()
        if valid { return nil }
        return "public-security number '\(value)' is malformed; \(expected)\(hint(value, keyword: "公网安备"))"
    }

    /// Why `value` is not a site identification code (ten digits, or `bm` and eight digits), or nil.
    public static func siteIDCodeProblem(_ value: String) -> String? {
        let expected = "expected ten digits such as '6201000012', or 'bm' and eight digits such as 'bm62000001'"
        guard !value.isEmpty else { return "missing site identification code (网站标识码); \(expected)" }
        var scanner = Scanner(value)
        if scanner.take("bm") {
            if scanner.digits() == 8 && scanner.atEnd { return nil }
        } else if scanner.digits() == 10 && scanner.atEnd {
            return nil
        }
        var extra = ""
        if value.hasPrefix("BM") || value.hasPrefix("Bm") { extra = " (write 'bm' in lower case)" }
        return "site identification code '\(value)' is malformed; \(expected)\(extra)\(hint(value, keyword: nil))"
    }

    /// A police number whose six-digit region code starts with another province's code.
    static func policeRegionMismatch(_ value: String) -> String? {
        guard let province = value.unicodeScalars.first, let code = provinces[province] else { return nil }
        let digits = value.unicodeScalars.filter { ("0"..."9").contains($0) }.map { Int($0.value) - 48 }
        guard digits.count >= 2 else { return nil }
        let prefix = digits[0] * 10 + digits[1]
        guard prefix != code else { return nil }
        return "public-security number '\(value)' starts with region code \(prefix), but '\(province)' numbers start "
            + "with \(code); check the number against the 公安备案 certificate"
    }

    /// The likely slip behind a malformed number.
    static func hint(_ value: String, keyword: String?) -> String {
        let scalars = value.unicodeScalars
        if scalars.contains(where: { (0xFF10...0xFF19).contains($0.value) || $0 == "－" }) {
            return " (use half-width digits 0-9 and '-', not full-width ones)"
        }
        if let keyword {
            if let province = scalars.first, provinces[province] == nil {
                return " ('\(province)' is not a province abbreviation; Gansu is '陇' in ICP numbers, '甘' in 公网安备)"
            }
            if keyword == "ICP备" && value.lowercased().contains("icp") && !value.contains("ICP") {
                return " (write 'ICP' in capitals)"
            }
            if !value.contains(keyword) { return " ('\(keyword)' is missing)" }
            if !value.contains("号") { return " (the number must end with '号')" }
        }
        return ""
    }

    /// A cursor over Unicode scalars.
    struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ text: String) { scalars = Array(text.unicodeScalars) }

        var atEnd: Bool { index == scalars.count }

        mutating func next() -> Unicode.Scalar? {
            guard index < scalars.count else { return nil }
            defer { index += 1 }
            return scalars[index]
        }

        mutating func take(_ literal: String) -> Bool {
            let expected = Array(literal.unicodeScalars)
            guard index + expected.count <= scalars.count,
                scalars[index..<(index + expected.count)].elementsEqual(expected)
            else { return false }
            index += expected.count
            return true
        }

        /// Consumes ASCII digits and returns how many.
        mutating func digits() -> Int {
            let start = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            return index - start
        }
    }
}
