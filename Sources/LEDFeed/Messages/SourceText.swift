import CampaignCore

/// Finds where the characters of a YAML scalar are written, so a diagnostic about one character can name its
/// line and column.
///
/// Walks the source from the scalar's start and matches each value character to the next equal character a
/// short way ahead; quotes, folding and indentation are skipped over. A character written as an escape
/// (`\u9555`) is not found and gets the position reached so far.
enum SourceText {
    static func locations(of value: String, in source: String, from start: SourceLocation) -> [SourceLocation] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        var line = start.line - 1
        var index = max(0, start.column - 1)  // Yams columns are 1-based characters
        guard line >= 0, line < lines.count else {
            return Array(repeating: start, count: value.count)
        }
        func position(_ l: Int, _ i: Int) -> SourceLocation {
            let column = lines[l].prefix(i).reduce(0) { $0 + $1.unicodeScalars.count } + 1
            return SourceLocation(file: start.file, line: l + 1, column: column)
        }
        var result: [SourceLocation] = []
        for character in value {
            if character.isWhitespace {
                result.append(position(line, min(index, lines[line].count)))
                continue
            }
            var (l, i) = (line, index)
            var looked = 0
            var found = false
            while l < lines.count && looked < 40 {
                if i < lines[l].count {
                    if lines[l][i] == character {
                        found = true
                        break
                    }
                    i += 1
                } else {
                    l += 1
                    i = 0
                }
                looked += 1
            }
            if found {
                result.append(position(l, i))
                (line, index) = (l, i + 1)
            } else {
                result.append(position(line, min(index, lines[line].count)))
            }
        }
        return result
    }
}
