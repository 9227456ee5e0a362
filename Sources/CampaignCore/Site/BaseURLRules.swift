import Foundation

/// What `site.yml`'s `base_url` may hold: it is written into every page, feed and sitemap, so it must be a
/// plain `https://host/path` with nothing that could leak a secret or break out of an attribute.
public enum BaseURLRules {
    /// Why `url` cannot be the site's address, or nil when it can. The message never repeats a password.
    public static func problem(_ url: String) -> String? {
        let scheme: String
        if url.hasPrefix("https://") {
            scheme = "https://"
        } else if url.hasPrefix("http://") {
            scheme = "http://"
        } else {
            return "'base_url' must start with https:// or http://, found '\(redacted(url))'"
        }
        let rest = url.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "/" }
        if authority.contains("@") {
            return "'base_url' 不能包含用户名或密码（user:password@），它会出现在每个页面上 "
                + "(credentials would be published on every page): write it as \(scheme)"
                + (authority.split(separator: "@").last.map(String.init) ?? "host") + "/"
        }
        if authority.isEmpty { return "'base_url' has no host name, found '\(url)'" }
        // The query may hold a token: it is not repeated.
        if url.contains("?") { return "'base_url' 不能包含查询参数 '?…'，请删去问号及其后的内容 (no query)" }
        if url.contains("#") { return "'base_url' 不能包含片段 '#…'，请删去 # 及其后的内容 (no fragment)" }
        let refused = url.unicodeScalars.filter { scalar in
            scalar.properties.isWhitespace || "\"'<>\\`{}|^".unicodeScalars.contains(scalar)
                || scalar.value < 0x20 || scalar.value == 0x7F
        }
        if let first = refused.first {
            let name = first.properties.isWhitespace ? "空格 (a space)" : "'\(first)'"
            return "'base_url' 不能包含 \(name)，found '\(url)'：网址中的空格请写成 %20"
        }
        return nil
    }

    /// `url` with any `user:password@` replaced by `***@`.
    static func redacted(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@") else { return url }
        let start = url.range(of: "://")?.upperBound ?? url.startIndex
        guard start <= at else { return url }
        return String(url[..<start]) + "***" + String(url[at...])
    }
}
