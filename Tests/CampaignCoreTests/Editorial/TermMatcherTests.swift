import TestSupport
import Testing

@testable import CampaignCore

/// The term automaton against a plain search: at every position of a text, the patterns it reports are
/// exactly those that end there.
@Suite struct TermMatcherTests {
    /// Characters of a few blocks of 64, one outside the Basic Multilingual Plane, and a newline.
    static let alphabet: [Unicode.Scalar] = ["文", "明", "城", "市", "乱", "停", "放", "a", "B", "𠀀", "，", "\n"]

    @Test func everyPatternIsFoundWhereItEnds() {
        var rng = SplitMix64(state: 20_261_202)
        func random(_ length: Int) -> [Unicode.Scalar] {
            (0..<length).map { _ in Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))] }
        }
        for _ in 0..<200 {
            let patterns = (0..<Int(1 + rng.next() % 6)).map { _ in random(Int(1 + rng.next() % 3)) }
            let matcher = TermMatcher(patterns: patterns.map { String(String.UnicodeScalarView($0)) })
            let text = random(60)
            var state = 0
            for end in text.indices {
                state = matcher.step(state, text[end])
                let found = Set(matcher.hasMatches(at: state) ? matcher.matches(at: state).map(Int.init) : [])
                let expected = Set(
                    patterns.indices.filter { id in
                        let pattern = patterns[id]
                        return end + 1 >= pattern.count && Array(text[(end + 1 - pattern.count)...end]) == pattern
                    })
                #expect(found == expected, "\(patterns) in \(text) at \(end)")
            }
        }
    }
}
