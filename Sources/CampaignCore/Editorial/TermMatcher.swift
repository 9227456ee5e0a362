/// An Aho–Corasick automaton over Unicode scalars: finds every occurrence of many patterns in one
/// pass over a text.
///
/// Built once per lint run and shared by all tasks (it is an immutable value); the usual text, which
/// matches nothing, costs one bitmap test per scalar.
struct TermMatcher: Sendable {
    private var failure: [Int32] = [0]
    /// Pattern ids ending at each state, including those reached through failure links.
    private var outputs: [[Int32]] = [[]]
    /// Length in scalars of each pattern.
    private(set) var lengths: [Int] = []
    /// One bit per scalar of the Basic Multilingual Plane that occurs in some pattern: any other
    /// scalar sends every state back to the root, which spares the transition lookup for most text.
    private var alphabet = ScalarSet()
    /// The root's transitions for the Basic Multilingual Plane, by scalar value (0: back to the root):
    /// most text is read from the root, and this spares it the table of the other transitions.
    private var rootNext = [Int32](repeating: 0, count: 0x10000)
    /// Every transition but the root's in the Basic Multilingual Plane, in one open-addressing table keyed by
    /// `state + 1 << 32 | scalar` (never 0, which marks an empty slot), found with one multiplication: the
    /// dictionaries the automaton is built with would hash every lookup.
    private var edgeKeys: [UInt64] = []
    private var edgeTargets: [Int32] = []
    private var edgeShift: UInt64 = 64
    /// Whether some pattern ends at each state.
    private var ends: [Bool] = [false]

    /// Builds the automaton; the id of a pattern is its index in `patterns`. Empty patterns never match.
    init(patterns: [String]) {
        var transitions: [[UInt32: Int32]] = [[:]]
        for pattern in patterns {
            let id = Int32(lengths.count)
            lengths.append(pattern.unicodeScalars.count)
            guard !pattern.isEmpty else { continue }
            var state = 0
            for scalar in pattern.unicodeScalars {
                alphabet.insert(scalar)
                if let next = transitions[state][scalar.value] {
                    state = Int(next)
                } else {
                    transitions.append([:])
                    failure.append(0)
                    outputs.append([])
                    let next = transitions.count - 1
                    transitions[state][scalar.value] = Int32(next)
                    state = next
                }
            }
            outputs[state].append(id)
        }
        for (scalar, next) in transitions[0] where scalar < 0x10000 { rootNext[Int(scalar)] = next }
        // Breadth-first: a state's failure target is shallower, so its outputs are complete already.
        var queue: [Int] = transitions[0].values.map { Int($0) }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (scalar, child) in transitions[state] {
                let child = Int(child)
                queue.append(child)
                var fallback = Int(failure[state])
                while fallback != 0 && transitions[fallback][scalar] == nil {
                    fallback = Int(failure[fallback])
                }
                let target = state == 0 ? 0 : Int(transitions[fallback][scalar] ?? 0)
                failure[child] = Int32(target == child ? 0 : target)
                outputs[child] += outputs[Int(failure[child])]
            }
        }
        ends = outputs.map { !$0.isEmpty }
        var edges: [(key: UInt64, target: Int32)] = []
        for (state, map) in transitions.enumerated() {
            for (scalar, next) in map where state != 0 || scalar >= 0x10000 {
                edges.append((UInt64(state + 1) << 32 | UInt64(scalar), next))
            }
        }
        var bits: UInt64 = 4
        while 1 << bits < edges.count * 2 { bits += 1 }
        edgeShift = 64 - bits
        edgeKeys = [UInt64](repeating: 0, count: 1 << bits)
        edgeTargets = [Int32](repeating: 0, count: 1 << bits)
        let mask = (1 << Int(bits)) - 1
        for edge in edges {
            var slot = Self.slot(of: edge.key, shift: edgeShift)
            while edgeKeys[slot] != 0 { slot = (slot + 1) & mask }
            edgeKeys[slot] = edge.key
            edgeTargets[slot] = edge.target
        }
    }

    @inline(__always)
    private static func slot(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The transition of `state` on `value` other than the root's in the Basic Multilingual Plane, or nil.
    @inline(__always)
    private func edge(_ state: Int, _ value: UInt32) -> Int? {
        let key = UInt64(state + 1) << 32 | UInt64(value)
        let mask = edgeKeys.count - 1
        var slot = Self.slot(of: key, shift: edgeShift)
        while true {
            let held = edgeKeys[slot]
            if held == key { return Int(edgeTargets[slot]) }
            if held == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Whether no pattern holds a character of the block of 64 that a three-byte UTF-8 sequence starting
    /// with `lead`, `second` falls in: reading such a character sends every state back to the root.
    @inline(__always)
    func skips(_ lead: UInt8, _ second: UInt8) -> Bool {
        !alphabet.hasBlock(lead, second)
    }

    /// The state after reading `scalar` in `state`; start from 0.
    @inline(__always)
    func step(_ state: Int, _ scalar: Unicode.Scalar) -> Int { step(state, scalar.value) }

    /// The same for a scalar's value.
    @inline(__always)
    func step(_ state: Int, _ value: UInt32) -> Int {
        if value < 0x10000 && !alphabet.contains(value) { return 0 }
        var state = state
        while true {
            if state == 0 { return value < 0x10000 ? Int(rootNext[Int(value)]) : edge(0, value) ?? 0 }
            if let next = edge(state, value) { return next }
            state = Int(failure[state])
        }
    }

    /// True when some pattern ends at `state`.
    @inline(__always)
    func hasMatches(at state: Int) -> Bool { ends[state] }

    /// Patterns that end at `state`.
    @inline(__always)
    func matches(at state: Int) -> [Int32] { outputs[state] }
}
