/// How a published file is served and when it is uploaded (docs/deploy.md).
public enum PublishClass {
    /// Upload order: everything a page refers to arrives before the page, and the pages before
    /// the entry points (home, feeds, sitemap) that lead readers and crawlers to them.
    public enum Phase: Int, Sendable, Comparable, CaseIterable, Codable {
        case assetsAndMedia = 0
        case pages = 1
        case entryPoints = 2

        public static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }
    }

    public static func phase(of path: String) -> Phase {
        let ext = fileExtension(path)
        if path.hasPrefix("assets/") || path.hasPrefix("media/") { return .assetsAndMedia }
        if path == "index.html" || path == "robots.txt" { return .entryPoints }
        if ["xml", "json"].contains(ext) { return .entryPoints }
        if path.hasPrefix("led/") && ext == "txt" { return .entryPoints }
        if ext == "html" || ext == "htm" { return .pages }
        return .assetsAndMedia
    }

    /// `Content-Type`, with `charset=utf-8` for text.
    ///
    /// The LED `.txt` exports are written in the screen's charset (GB18030 for gb2312/gbk
    /// profiles), so they carry no charset rather than a wrong one.
    public static func contentType(of path: String) -> String {
        let ext = fileExtension(path)
        if path.hasPrefix("led/") && ext == "txt" { return "text/plain" }
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "xml":
            return path.hasSuffix("atom.xml") ? "application/atom+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml; charset=utf-8"
        case "webmanifest": return "application/manifest+json; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "gif": return "image/gif"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "ttf": return "font/ttf"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }

    /// `Cache-Control`: fingerprinted assets forever, LED feeds never stored (a screen must show
    /// the latest), everything else revalidated on each visit.
    public static func cacheControl(of path: String) -> String {
        if path.hasPrefix("led/") && !path.hasSuffix(".html") { return "no-store" }
        if isFingerprinted(path) { return "public, max-age=31536000, immutable" }
        return "no-cache"
    }

    /// `name.<hash>.ext` under `assets/` or `media/`: the hash is at least 8 hex digits.
    public static func isFingerprinted(_ path: String) -> Bool {
        guard path.hasPrefix("assets/") || path.hasPrefix("media/") else { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let parts = name.split(separator: ".")
        guard parts.count >= 3 else { return false }
        let hash = parts[parts.count - 2]
        return hash.count >= 8 && hash.allSatisfy(\.isHexDigit)
    }

    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
