/// A set of scalars of the Basic Multilingual Plane as a bitmap: one load and a mask per lookup, for the
/// hot loops that read Chinese text (the privacy scanner's address starts, the term linter's alphabet).
struct ScalarSet: Sendable {
    private var words = [UInt64](repeating: 0, count: 1024)

    /// The empty set.
    init() {}

    /// The set of the BMP scalars of `characters`.
    init(_ characters: String) {
        for scalar in characters.unicodeScalars { insert(scalar) }
    }

    /// Adds `scalar`; one beyond the BMP is left out.
    mutating func insert(_ scalar: Unicode.Scalar) {
        guard scalar.value < 0x10000 else { return }
        words[Int(scalar.value >> 6)] |= 1 << UInt64(scalar.value & 63)
    }

    @inline(__always) func contains(_ value: UInt32) -> Bool {
        value < 0x10000 && words[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0
    }

    /// Whether the set holds a character of the block of 64 that a three-byte UTF-8 sequence starting with
    /// `lead`, `second` falls in: the character's bits but the last six.
    @inline(__always) func hasBlock(_ lead: UInt8, _ second: UInt8) -> Bool {
        words[Int(lead & 0x0F) << 6 | Int(second & 0x3F)] != 0
    }
}
