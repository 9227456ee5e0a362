extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal: the one spelling of SHA-256 digests in build records,
    /// signed reviews, the audit chain and S3 signatures.
    public var lowercaseHex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
