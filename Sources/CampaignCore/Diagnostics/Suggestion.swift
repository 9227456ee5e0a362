/// "Did you mean …?" suggestions for names typed by editors.
public enum Suggestion {
    /// The closest candidate by edit distance, if it is close enough to be a likely typo.
    ///
    /// Chinese names are short, so one wrong character in a three-character district name is a typo
    /// while two are not; the threshold scales with length.
    public static func closest(to value: String, in candidates: [String]) -> String? {
        let target = Array(value)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate))
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        guard let (name, distance) = best else { return nil }
        let limit = max(1, min(target.count, name.count) / 3)
        return distance <= limit ? name : nil
    }

    /// The message suffix ` (did you mean 'X'?)`, or an empty string.
    public static func hint(for value: String, in candidates: [String]) -> String {
        guard let match = closest(to: value, in: candidates) else { return "" }
        return " (did you mean '\(match)'?)"
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// neighbours (`titel` → `title` is one edit).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
