/// Finds wrong and forbidden terms and broken lists of the core values in editors' text.
///
/// Build one linter per run (the automaton over all terms is built in `init`) and call `check` on
/// every title, body, caption and LED message: each text is scanned once, scalar by scalar.
///
/// Every finding is an error: a wrong official name (`terms.correction`), a term the department
/// forbade (`terms.forbidden`, a decision of the site's own terms.yml, so it is as binding as a
/// correction), a core-values list that is incomplete, misspelled or out of order (`terms.core-values`).
/// Where a correction's fix contains its wrong form (`wrong: 文明城`, `right: 文明城市`), the correct
/// text is not flagged. Overlapping hits report the longest one (中华人民共合国, not also 共合国).
public struct TermLinter: Sendable {
    /// The rules in effect: built-ins (unless disabled) merged with the site's rules.
    public let rules: TermRules
    private let matcher: TermMatcher
    private let correctionCount: Int
    private let coreBase: Int
    private let rightScalars: [[Unicode.Scalar]]
    /// For each correction, the offsets at which `wrong` occurs inside `right`.
    private let wrongInRight: [[Int]]

    /// Builds the matcher over `rules` (usually parsed from `Content/lint/terms.yml`), plus
    /// `TermRules.builtIn` when `includeBuiltIn` is true, plus the twelve core-values terms.
    public init(rules: TermRules = TermRules(), includeBuiltIn: Bool = true) {
        let effective = includeBuiltIn ? TermRules.builtIn.merging(rules) : rules
        self.rules = effective
        correctionCount = effective.corrections.count
        coreBase = correctionCount + effective.forbidden.count
        let patterns =
            effective.corrections.map(\.wrong) + effective.forbidden.map(\.term) + CoreValues.terms
        matcher = TermMatcher(patterns: patterns)
        rightScalars = effective.corrections.map { Array($0.right.unicodeScalars) }
        wrongInRight = effective.corrections.map { correction in
            let wrong = Array(correction.wrong.unicodeScalars)
            let right = Array(correction.right.unicodeScalars)
            guard !wrong.isEmpty, wrong.count <= right.count else { return [] }
            return (0...(right.count - wrong.count)).filter { right[$0..<($0 + wrong.count)].elementsEqual(wrong) }
        }
    }

    private struct Hit {
        var start: Int
        var length: Int
        var id: Int
    }

    /// Checks `text`, which starts at `startLine`:`startColumn` of `file`.
    ///
    /// - Parameters:
    ///   - startColumn: column of the text's first character on its first line (e.g. 8 for the
    ///     value of `title: `); later lines start at column 1.
    ///   - field: what the text is, for messages: `title`, `body`, `caption`, `LED message`.
    /// - Returns: one error per hit at its line and column (in Unicode scalars).
    public func check(
        _ text: String, file: String, startLine: Int, startColumn: Int = 1, field: String
    ) -> [Diagnostic] {
        var text = text
        return text.withUTF8 { check($0, file: file, startLine: startLine, startColumn: startColumn, field: field) }
    }

    /// `check` over the text's UTF-8 bytes, read scalar by scalar. A line's scalars are gathered only
    /// when it has a hit: most lines have none.
    private func check(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, startLine: Int, startColumn: Int, field: String
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var hits: [Hit] = []
        var coreSeen: UInt16 = 0
        var lineNumber = startLine
        var firstColumn = startColumn
        var state = 0
        var lineStart = 0
        var count = 0  // scalars of the line so far

        func finishLine(at end: Int) {
            let lists = coreSeen.nonzeroBitCount >= CoreValues.minimumTermsInList
            if !hits.isEmpty || lists {
                let line = Array(
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), as: UTF8.self)
                        .unicodeScalars)
                if !hits.isEmpty {
                    report(
                        hits, in: line, line: lineNumber, firstColumn: firstColumn, file: file, field: field,
                        into: &diagnostics)
                }
                if lists {
                    for finding in CoreValues.check(line: line) {
                        diagnostics.append(
                            .error(
                                finding.message + " (in \(field))", code: "terms.core-values", file: file,
                                line: lineNumber, column: firstColumn + finding.offset))
                    }
                }
            }
            hits.removeAll(keepingCapacity: true)
            coreSeen = 0
            state = 0
            count = 0
        }

        let n = bytes.count
        var i = 0
        while i < n {
            // A Swift string is well-formed UTF-8: a scalar is its lead byte's bits and its continuations'.
            let lead = UInt32(bytes[i])
            // Most Chinese text: a character in a block of 64 no pattern touches goes back to the root unread.
            if lead &- 0xE0 < 16 && i + 2 < n && matcher.skips(UInt8(lead), bytes[i + 1]) {
                i += 3
                count += 1
                state = 0
                continue
            }
            var value: UInt32
            if lead < 0x80 {
                value = lead
                i += 1
            } else if lead < 0xE0 {
                value = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                i += 2
            } else if lead < 0xF0 {
                value = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                i += 3
            } else {
                value =
                    (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F)
                i += 4
            }
            if value == 0x0A {
                finishLine(at: i - 1)
                lineStart = i
                lineNumber += 1
                firstColumn = 1
                continue
            }
            count += 1
            state = matcher.step(state, value)
            guard state != 0, matcher.hasMatches(at: state) else { continue }
            for id in matcher.matches(at: state) {
                let id = Int(id)
                if id >= coreBase {
                    coreSeen |= 1 << UInt16(id - coreBase)
                } else {
                    let length = matcher.lengths[id]
                    hits.append(Hit(start: count - length, length: length, id: id))
                }
            }
        }
        finishLine(at: n)
        return diagnostics
    }

    private func report(
        _ hits: [Hit], in line: [Unicode.Scalar], line lineNumber: Int, firstColumn: Int, file: String,
        field: String, into diagnostics: inout [Diagnostic]
    ) {
        let candidates = hits.filter { !isInsideRight($0, line) }.sorted {
            $0.start != $1.start ? $0.start < $1.start : $0.length > $1.length
        }
        var end = 0
        for hit in candidates where hit.start >= end {
            end = hit.start + hit.length
            let column = firstColumn + hit.start
            if hit.id < correctionCount {
                let correction = rules.corrections[hit.id]
                let note = correction.note.map { " (\($0))" } ?? ""
                diagnostics.append(
                    .error(
                        "wrong term '\(correction.wrong)' in \(field); write '\(correction.right)'\(note)",
                        code: "terms.correction", file: file, line: lineNumber, column: column))
            } else {
                let forbidden = rules.forbidden[hit.id - correctionCount]
                let note = forbidden.note.map { " (\($0))" } ?? ""
                diagnostics.append(
                    .error(
                        "forbidden term '\(forbidden.term)' in \(field); remove or rephrase it\(note)",
                        code: "terms.forbidden", file: file, line: lineNumber, column: column))
            }
        }
    }

    /// True when a correction's hit is part of its own correct form in the text.
    private func isInsideRight(_ hit: Hit, _ line: [Unicode.Scalar]) -> Bool {
        guard hit.id < correctionCount else { return false }
        let right = rightScalars[hit.id]
        for offset in wrongInRight[hit.id] {
            let start = hit.start - offset
            guard start >= 0, start + right.count <= line.count else { continue }
            if line[start..<(start + right.count)].elementsEqual(right) { return true }
        }
        return false
    }
}
