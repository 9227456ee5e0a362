import Foundation

extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal: the one spelling of SHA-256 digests in build records,
    /// signed reviews, the audit chain and S3 signatures.
    public var lowercaseHex: String {
        if let hex = withContiguousStorageIfAvailable({ Hex.lowercase(UnsafeRawBufferPointer($0)) }) { return hex }
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(Hex.digits[Int(byte >> 4)])
            out.append(Hex.digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Lowercase hexadecimal of bytes in memory.
public enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The same spelling as `lowercaseHex`, read in place: a digest's bytes read one by one through its
    /// `Sequence` conformance cost an allocation each, and every file a build writes has one.
    public static func lowercase(_ bytes: some ContiguousBytes) -> String {
        bytes.withUnsafeBytes { lowercase($0) }
    }

    /// The same over a raw buffer.
    public static func lowercase(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            digits.withUnsafeBufferPointer { digits in
                var at = 0
                for byte in bytes {
                    out[at] = digits[Int(byte >> 4)]
                    out[at + 1] = digits[Int(byte & 0x0f)]
                    at += 2
                }
                return at
            }
        }
    }
}
