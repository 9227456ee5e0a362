import Testing
import ThemeTemplates

/// The field table a typed model answers lookups from finds every name where a dictionary would, and
/// nothing else.
@Suite struct TemplateKeyTableTests {
    @Test func findsEveryNameAtItsFirstPositionAndNothingElse() {
        var state: UInt64 = 20_261_130
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let letters = Array("abcxyz_.文明0")
        for size in [0, 1, 7, 16, 40, 300] {
            let names = (0..<size).map { _ in
                String((0...(next() % 6)).map { _ in letters[Int(next() % UInt64(letters.count))] })
            }
            var first: [String: Int] = [:]
            for (position, name) in names.enumerated() where first[name] == nil { first[name] = position }
            let table = TemplateKeyTable(names)
            for name in Set(names) { #expect(table.position(of: name) == first[name], "\(name)") }
            for _ in 0..<200 {
                let other = String((0...(next() % 7)).map { _ in letters[Int(next() % UInt64(letters.count))] })
                #expect(table.position(of: TemplateKey(other)) == first[other], "\(other)")
            }
        }
    }
}
