/// Which link destinations must never reach an `href` or `src`.
///
/// The same rule as cmark-gfm's own safe mode (`javascript:`, `vbscript:`, `file:`, and `data:` except
/// PNG, GIF, JPEG and WebP images), applied also when raw HTML is allowed.
enum URLSafety {
    static func isDangerous(_ destination: String) -> Bool {
        var scheme = ""
        for scalar in destination.unicodeScalars {
            if scalar == ":" { break }
            // Browsers ignore tabs and newlines inside a scheme ("java\tscript:").
            if scalar == "\t" || scalar == "\n" || scalar == "\r" { continue }
            if scheme.unicodeScalars.count > 12 { return false }
            scheme.unicodeScalars.append(scalar)
        }
        let lowered = destination.lowercased()
        switch scheme.trimmingLeadingControls().lowercased() {
        case "javascript", "vbscript", "file":
            return true
        case "data":
            let images = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            return !images.contains { lowered.hasPrefix($0) }
        default:
            return false
        }
    }
}

extension String {
    /// The string without leading spaces and control characters, which browsers skip before a scheme.
    fileprivate func trimmingLeadingControls() -> String {
        String(unicodeScalars.drop { $0.value <= 0x20 })
    }
}
