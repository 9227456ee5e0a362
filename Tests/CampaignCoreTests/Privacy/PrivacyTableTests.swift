import Testing

@testable import CampaignCore

/// Every kind against its table of at least 80 texts, positive and negative (`PrivacyTables`).
@Suite struct PrivacyTableTests {
    static func check(_ testCase: PrivacyCase) {
        let (masked, matches) = PrivacyScanner.mask(testCase.text)
        #expect(matches.map(\.kind) == testCase.expected.map(\.0))
        #expect(matches.map(\.original) == testCase.expected.map(\.1))
        #expect(masked == testCase.masked)
        #expect(matches.contains { $0.checkDigitFails } == testCase.mistyped)
        for match in matches {
            #expect(String(testCase.text[match.range]) == match.original)
            #expect(!masked.contains(match.original))
        }
        // The published text holds nothing more to mask.
        #expect(PrivacyScanner.scan(masked).isEmpty)
    }

    @Test(arguments: PrivacyTables.idNumbers) func idNumbers(_ testCase: PrivacyCase) { Self.check(testCase) }

    @Test(arguments: PrivacyTables.legacyIDNumbers) func legacyIDNumbers(_ testCase: PrivacyCase) {
        Self.check(testCase)
    }

    @Test(arguments: PrivacyTables.mobileNumbers) func mobileNumbers(_ testCase: PrivacyCase) { Self.check(testCase) }

    @Test(arguments: PrivacyTables.plates) func plates(_ testCase: PrivacyCase) { Self.check(testCase) }

    @Test(arguments: PrivacyTables.emails) func emails(_ testCase: PrivacyCase) { Self.check(testCase) }

    @Test(arguments: PrivacyTables.passports) func passports(_ testCase: PrivacyCase) { Self.check(testCase) }

    @Test(arguments: PrivacyTables.bankCards) func bankCards(_ testCase: PrivacyCase) { Self.check(testCase) }

    @Test(arguments: PrivacyTables.addresses) func addresses(_ testCase: PrivacyCase) { Self.check(testCase) }

    @Test(arguments: PIIKind.allCases) func everyKindHasAtLeast80CasesBothWays(_ kind: PIIKind) throws {
        let cases = try #require(PrivacyTables.all[kind])
        #expect(cases.count >= 80, "\(kind): \(cases.count) cases")
        #expect(cases.filter { $0.expected.isEmpty }.count >= 30, "\(kind) needs negative cases")
        #expect(cases.filter { $0.expected.contains { $0.0 == kind } }.count >= 30, "\(kind) needs positive cases")
    }
}
