/// FNV-1a 64-bit: the one fast, non-cryptographic hash of the project, for asset fingerprints, photo
/// cache keys, search records and stable vendor ids (stable across runs and machines).
///
/// `combine` is inlinable so that hashing a photo's megabytes is specialised at the call site.
public struct FNV1a: Sendable {
    /// The standard FNV-1a 64 offset basis.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    @usableFromInline static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of everything combined so far.
    public var value: UInt64

    /// A hasher starting from `seed` (the standard offset basis unless told otherwise).
    public init(seed: UInt64 = FNV1a.offsetBasis) {
        value = seed
    }

    @inlinable
    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* Self.prime
        }
        value = hash
    }

    @inlinable
    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine($0) }
    }

    /// Combines the little-endian bytes of an integer.
    @inlinable
    public mutating func combine(_ number: Int) {
        withUnsafeBytes(of: Int64(number).littleEndian) { combine($0) }
    }

    /// The hash of `text` alone.
    public static func hash(_ text: String) -> UInt64 {
        var hasher = FNV1a()
        hasher.combine(text)
        return hasher.value
    }

    /// Lowercase hex of the hash, `length` digits (at most 16).
    public func hex(_ length: Int = 16) -> String {
        let s = String(value, radix: 16)
        let full = String(repeating: "0", count: max(0, 16 - s.count)) + s
        return String(full.prefix(length))
    }
}
