/// Which link destinations must never reach an `href` or `src`.
///
/// The same rule as cmark-gfm's own safe mode (`javascript:`, `vbscript:`, `file:`, and `data:` except
/// PNG, GIF, JPEG and WebP images), applied also when raw HTML is allowed.
enum URLSafety {
    private static let safeDataPrefixes = ["image/png", "image/gif", "image/jpeg", "image/webp"]

    static func isDangerous(_ destination: String) -> Bool {
        var scheme: [UInt8] = []
        var colonOffset: Int?
        for (offset, byte) in destination.utf8.enumerated() {
            // Browsers drop tabs and newlines anywhere ("java\tscript:") and spaces and controls in front.
            if byte == 0x09 || byte == 0x0A || byte == 0x0D || (byte <= 0x20 && scheme.isEmpty) { continue }
            if byte == UInt8(ascii: ":") {
                colonOffset = offset
                break
            }
            let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            guard isLetter, scheme.count < 10 else { return false }
            scheme.append(byte | 0x20)
        }
        guard let colonOffset else { return false }
        switch String(decoding: scheme, as: UTF8.self) {
        case "javascript", "vbscript", "file":
            return true
        case "data":
            let rest = String(decoding: destination.utf8.dropFirst(colonOffset + 1), as: UTF8.self).lowercased()
            return !safeDataPrefixes.contains { rest.hasPrefix($0) }
        default:
            return false
        }
    }
}
