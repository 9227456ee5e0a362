import Foundation

/// Maps request paths onto the files of a built site folder, refusing every path that would leave it.
public struct StaticFiles: Sendable {
    /// What a request path leads to.
    public enum Resolution: Sendable, Equatable {
        /// A file inside the site folder, with its content type.
        case file(URL, contentType: String)
        /// A folder asked for without its trailing slash: redirect to this path.
        case redirect(String)
        /// The root of a host whose site lives under a sub-path: redirect there, for now (the sub-path
        /// follows `base_url`, so the redirect is not permanent).
        case siteRoot(String)
        /// Nothing at this path.
        case notFound
        /// The path tries to leave the site folder (`..`, encoded or not) or is malformed.
        case forbidden
    }

    /// The site folder, normally Output/.
    public let root: URL

    /// Serves the files under `root`.
    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// The path segments of a request path, percent-decoded, or nil when the path is unsafe.
    ///
    /// Pure: looks at the text only. Query and fragment are dropped; `.` and `..` segments, back-slashes,
    /// NUL bytes and undecodable escapes are refused rather than normalised, so `/a/../b` never reaches a file.
    public static func segments(of requestPath: String) -> [String]? {
        var path = Substring(requestPath)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(raw).removingPercentEncoding else { return nil }
            if decoded == "." || decoded == ".." || decoded.contains("/") || decoded.contains("\\")
                || decoded.contains("\0")
            {
                return nil
            }
            segments.append(decoded)
        }
        return segments
    }

    /// Resolves a request path: `/x/` is `x/index.html`, `/x` of a folder redirects to `/x/`.
    public func resolve(_ requestPath: String) -> Resolution {
        guard let segments = Self.segments(of: requestPath) else { return .forbidden }
        return resolve(segments, requestPath: requestPath)
    }

    /// Resolves a request path for a site published under `sitePath` (`/wmcj`, as the pages link to
    /// it): `/wmcj/x/` is `x/index.html`; `/` redirects to `/wmcj/`; anything else outside is not found.
    public func resolve(_ requestPath: String, under sitePath: String) -> Resolution {
        guard let site = Self.segments(of: sitePath), !site.isEmpty else { return resolve(requestPath) }
        guard let segments = Self.segments(of: requestPath) else { return .forbidden }
        guard segments.starts(with: site) else {
            return segments.isEmpty ? .siteRoot("/" + site.map(Self.encode).joined(separator: "/") + "/") : .notFound
        }
        return resolve(Array(segments.dropFirst(site.count)), requestPath: requestPath)
    }

    /// A path segment as a URL writes it.
    static func encode(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    /// Resolves the decoded `segments` below the root; `requestPath` is what a redirect extends.
    private func resolve(_ segments: [String], requestPath: String) -> Resolution {
        // The build record (`.campaign-output.json`) and other dot files are never published.
        if segments.contains(where: { $0.hasPrefix(".") }) { return .notFound }
        var url = root
        for segment in segments { url.appendPathComponent(segment) }
        guard contains(url) else { return .forbidden }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return .notFound }
        if isFolder.boolValue {
            let pathOnly = requestPath.split(separator: "?", maxSplits: 1).first.map(String.init) ?? requestPath
            guard pathOnly.hasSuffix("/") else { return .redirect(pathOnly + "/") }
            url.appendPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: url.path) else { return .notFound }
        }
        guard contains(url) else { return .forbidden }
        return .file(url, contentType: MediaTypes.contentType(forPath: url.lastPathComponent))
    }

    /// Whether `url`, with symbolic links followed, lies inside the root folder.
    func contains(_ url: URL) -> Bool {
        let base = root.resolvingSymlinksInPath().path
        let target = url.standardizedFileURL.resolvingSymlinksInPath().path
        return target == base || target.hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }
}
