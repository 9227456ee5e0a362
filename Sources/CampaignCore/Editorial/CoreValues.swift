/// The twelve core socialist values (社会主义核心价值观) and the check of a text that lists them.
///
/// Where a text presents the values as a list, all twelve must appear, spelled exactly, in the
/// official order. A line presents the list when it holds a run of at least six of the terms
/// separated by `、`, `，`, `,`, `；` or spaces (quotes and Markdown emphasis are ignored, and a
/// `倡导` before a term is allowed, as in the official 倡导富强、民主、文明、和谐，倡导自由、…). A text
/// that merely mentions 文明 and 和谐 is not a list and is not checked. The 24-character form without
/// separators (富强民主文明和谐…) counts as a list too.
public enum CoreValues {
    /// The twelve terms in their official order.
    public static let terms = ["富强", "民主", "文明", "和谐", "自由", "平等", "公正", "法治", "爱国", "敬业", "诚信", "友善"]

    /// The official list, `富强、民主、…、友善`.
    public static let list = terms.joined(separator: "、")

    /// The least number of exact terms that make a run a presentation of the list.
    public static let minimumTermsInList = 6

    static let termScalars: [[Unicode.Scalar]] = terms.map { Array($0.unicodeScalars) }

    /// A found problem: the line's scalar offset it is about and the message.
    struct Finding {
        var offset: Int
        var message: String
    }

    enum Kind: Equatable {
        case term(Int)
        case unknown
        case other
    }

    struct Token {
        var scalars: ArraySlice<Unicode.Scalar>
        var offset: Int
        var kind: Kind
        /// For `.other` tokens: a term at the end (`践行富强`) or start (`友善是…`) of the token.
        var suffixTerm: Int?
        var prefixTerm: Int?
    }

    /// Checks one line of text given as scalars; offsets in the findings are indices into `line`.
    static func check(line: [Unicode.Scalar]) -> [Finding] {
        var findings: [Finding] = []
        for group in groups(in: line) {
            for span in spans(in: group) {
                findings += check(span: span)
            }
        }
        return findings
    }

    // MARK: - Tokens

    static func isListSeparator(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "、", "，", ",", "；", ";", " ", "\t", "\u{3000}", "\u{A0}": return true
        default: return false
        }
    }

    /// Characters skipped as if absent: quotes around each term, Markdown emphasis.
    static func isIgnorable(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "“", "”", "‘", "’", "\"", "'", "「", "」", "*", "_", "`": return true
        default: return false
        }
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
        }
        if isHan(s) { return true }
        // CJK symbols and punctuation, full-width punctuation: separators, not words.
        if (0x3000...0x303F).contains(v) || (0xFE30...0xFE4F).contains(v) || (0x2000...0x206F).contains(v) {
            return false
        }
        if (0xFF00...0xFFEF).contains(v) {
            return (0xFF10...0xFF19).contains(v) || (0xFF21...0xFF3A).contains(v) || (0xFF41...0xFF5A).contains(v)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value)
            || (0xF900...0xFAFF).contains(s.value) || (0x20000...0x3FFFF).contains(s.value)
    }

    /// Groups of tokens separated only by list separators; any other punctuation ends a group.
    static func groups(in line: [Unicode.Scalar]) -> [[Token]] {
        var groups: [[Token]] = []
        var current: [Token] = []
        var word: [Unicode.Scalar] = []
        var positions: [Int] = []
        func endWord() {
            if !word.isEmpty { current += tokens(of: word, positions: positions) }
            word = []
            positions = []
        }
        for (i, s) in line.enumerated() {
            if isIgnorable(s) { continue }
            if isWordScalar(s) {
                word.append(s)
                positions.append(i)
            } else if isListSeparator(s) {
                endWord()
            } else {
                endWord()
                if !current.isEmpty { groups.append(current) }
                current = []
            }
        }
        endWord()
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// Term index by its two scalars packed into one key.
    static let termKeys: [UInt64: Int] = Dictionary(
        uniqueKeysWithValues: termScalars.enumerated().map { (key($0.element[0], $0.element[1]), $0.offset) })

    static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 { UInt64(a.value) << 32 | UInt64(b.value) }

    static func termIndex(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        guard scalars.count == 2 else { return nil }
        return termKeys[key(scalars[scalars.startIndex], scalars[scalars.startIndex + 1])]
    }

    /// Classifies a word; a word of several terms written together becomes one token per term.
    static func tokens(of word: [Unicode.Scalar], positions: [Int]) -> [Token] {
        var start = 0
        // 倡导富强 → 富强: the official formulation repeats 倡导 before each group of four.
        let advocate: [Unicode.Scalar] = ["倡", "导"]
        if word.count > 2 {
            var i = word.count - 2
            while i >= 0 {
                if word[i] == advocate[0] && word[i + 1] == advocate[1] {
                    start = i + 2
                    break
                }
                i -= 1
            }
        }
        let body = word[start...]
        guard !body.isEmpty else { return [] }
        let offset = positions[start]
        if let k = termIndex(body) {
            return [Token(scalars: body, offset: offset, kind: .term(k))]
        }
        if body.count == 2 && body.allSatisfy(isHan) {
            return [Token(scalars: body, offset: offset, kind: .unknown)]
        }
        if body.count >= 4 && body.count % 2 == 0 && body.allSatisfy(isHan) {
            var chunks: [Token] = []
            var terms = 0
            var i = body.startIndex
            while i < body.endIndex {
                let chunk = body[i..<(i + 2)]
                let k = termIndex(chunk)
                if k != nil { terms += 1 }
                chunks.append(Token(scalars: chunk, offset: positions[i], kind: k.map(Kind.term) ?? .unknown))
                i += 2
            }
            if terms * 2 >= chunks.count { return chunks }
        }
        var token = Token(scalars: body, offset: offset, kind: .other)
        if body.count > 2 {
            token.suffixTerm = termIndex(body.suffix(2))
            token.prefixTerm = termIndex(body.prefix(2))
        }
        return [token]
    }

    /// A span is a run of term and unknown two-character tokens, extended by a term that ends the
    /// word before it or starts the word after it; only spans with enough exact terms are lists.
    static func spans(in group: [Token]) -> [[Token]] {
        var spans: [[Token]] = []
        var i = 0
        while i < group.count {
            guard group[i].kind != .other else {
                i += 1
                continue
            }
            var j = i
            while j < group.count && group[j].kind != .other { j += 1 }
            var span = Array(group[i..<j])
            if i > 0, let k = group[i - 1].suffixTerm {
                let t = group[i - 1]
                let suffix = t.scalars.suffix(2)
                span.insert(
                    Token(scalars: suffix, offset: t.offset + t.scalars.count - 2, kind: .term(k)), at: 0)
            }
            if j < group.count, let k = group[j].prefixTerm {
                let t = group[j]
                span.append(Token(scalars: t.scalars.prefix(2), offset: t.offset, kind: .term(k)))
            }
            let exact = span.filter { if case .term = $0.kind { return true } else { return false } }.count
            if exact >= minimumTermsInList { spans.append(span) }
            i = j
        }
        return spans
    }

    // MARK: - The list check

    static func check(span input: [Token]) -> [Finding] {
        var findings: [Finding] = []
        var span = input
        var present = Set(
            span.compactMap { token -> Int? in
                if case .term(let k) = token.kind { return k }
                return nil
            })
        // Unknown tokens: a misspelled term when one character matches a missing term in place.
        var previousTerm = -1
        var keep = [Bool](repeating: true, count: span.count)
        let firstTerm = span.firstIndex { $0.kind != .unknown } ?? 0
        let lastTerm = span.lastIndex { $0.kind != .unknown } ?? span.count - 1
        for (i, token) in span.enumerated() {
            switch token.kind {
            case .term(let k):
                previousTerm = k
            case .unknown:
                let candidates = (0..<terms.count).filter { k in
                    !present.contains(k) && zip(termScalars[k], token.scalars).contains { $0 == $1 }
                }
                if let k = candidates.first(where: { $0 == previousTerm + 1 }) ?? candidates.first {
                    findings.append(
                        Finding(
                            offset: token.offset,
                            message: "core value '\(String(String.UnicodeScalarView(token.scalars)))' is misspelled; "
                                + "write '\(terms[k])' (the twelve read \(list))"))
                    span[i].kind = .term(k)
                    present.insert(k)
                    previousTerm = k
                } else if i > firstTerm && i < lastTerm {
                    findings.append(
                        Finding(
                            offset: token.offset,
                            message: "'\(String(String.UnicodeScalarView(token.scalars)))' is not one of the core "
                                + "values; the twelve read \(list)"))
                    keep[i] = false
                } else {
                    keep[i] = false  // a word next to the list, not part of it
                }
            case .other:
                keep[i] = false
            }
        }
        let listed = zip(span, keep).compactMap { token, kept -> (Int, Int)? in
            guard kept, case .term(let k) = token.kind else { return nil }
            return (k, token.offset)
        }
        // Duplicates, then order by the longest increasing subsequence of the rest.
        var seen: Set<Int> = []
        var unique: [(Int, Int)] = []
        for (k, offset) in listed {
            if seen.insert(k).inserted {
                unique.append((k, offset))
            } else {
                findings.append(
                    Finding(offset: offset, message: "core value '\(terms[k])' appears twice; the twelve read \(list)"))
            }
        }
        let inOrder = longestIncreasing(unique.map(\.0))
        for (index, (k, offset)) in unique.enumerated() where !inOrder.contains(index) {
            findings.append(
                Finding(
                    offset: offset,
                    message: "core value '\(terms[k])' is out of order; the twelve read \(list)"))
        }
        // Missing terms, one finding per run of consecutive missing terms.
        var k = 0
        while k < terms.count {
            guard !present.contains(k) else {
                k += 1
                continue
            }
            var end = k
            while end + 1 < terms.count && !present.contains(end + 1) { end += 1 }
            let names = (k...end).map { "'\(terms[$0])'" }.joined(separator: ", ")
            let after = k > 0 ? " after '\(terms[k - 1])'" : " at the start"
            let next = unique.first { $0.0 > k }?.1 ?? (unique.last.map { $0.1 + 2 } ?? 0)
            findings.append(
                Finding(
                    offset: next,
                    message: "the list of core values lacks \(names)\(after); the twelve read \(list)"))
            k = end + 1
        }
        return findings.sorted { $0.offset < $1.offset }
    }

    /// Indices of one longest strictly increasing subsequence of `values`.
    static func longestIncreasing(_ values: [Int]) -> Set<Int> {
        guard !values.isEmpty else { return [] }
        var length = [Int](repeating: 1, count: values.count)
        var previous = [Int](repeating: -1, count: values.count)
        for i in values.indices {
            // `>=`: on ties take the latest predecessor, so the first misplaced term is the one reported.
            for j in 0..<i where values[j] < values[i] && length[j] + 1 >= length[i] {
                length[i] = length[j] + 1
                previous[i] = j
            }
        }
        var best = 0
        for i in values.indices where length[i] > length[best] { best = i }
        var result: Set<Int> = []
        var i = best
        while i >= 0 {
            result.insert(i)
            i = previous[i]
        }
        return result
    }
}
