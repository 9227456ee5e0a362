import Foundation

/// The live-reload snippet the server adds to HTML pages while serving; it is never written to Output/.
public enum LiveReload {
    /// The path of the server-sent events stream that announces finished builds.
    public static let eventsPath = "/__campaign/events"

    /// The script: listens on the events stream and reloads the page on a `rebuilt` event.
    public static let script = """
        <script>(function () {
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("rebuilt", function () { location.reload(); });
        })();</script>
        """

    /// `html` with the script (and a list of build errors, if any) before its last `</body>`, or at the end.
    public static func inject(into html: String, errors: [String] = []) -> String {
        let snippet = errorBanner(errors) + script + "\n"
        guard let range = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) else {
            return html + snippet
        }
        return html.replacingCharacters(in: range.lowerBound..<range.lowerBound, with: snippet)
    }

    /// Adds the snippet only when `contentType` is HTML; other bodies come back unchanged.
    public static func body(_ data: [UInt8], contentType: String, errors: [String] = []) -> [UInt8] {
        guard MediaTypes.isHTML(contentType), let html = String(validating: data, as: UTF8.self) else { return data }
        return Array(inject(into: html, errors: errors).utf8)
    }

    /// A fixed box listing the diagnostics of a failed build, so the editor sees them in the browser.
    static func errorBanner(_ errors: [String]) -> String {
        guard !errors.isEmpty else { return "" }
        let items = errors.prefix(50).map { "<li>\(escape($0))</li>" }.joined()
        return """
            <div id="campaign-build-errors" style="position:fixed;left:0;right:0;bottom:0;max-height:50vh;\
            overflow:auto;margin:0;padding:1em;background:#fff0f0;color:#8a0000;border-top:3px solid #c00;\
            font:14px/1.5 monospace;z-index:99999"><strong>The build failed; this is the previous version.</strong>\
            <ul>\(items)</ul></div>

            """
    }

    /// Escapes text for HTML element content.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A small page shown when there is no page to show, e.g. the first build failed and Output/ is empty.
    public static func errorPage(title: String, errors: [String]) -> String {
        let items = errors.map { "<li>\(escape($0))</li>" }.joined()
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>\(escape(title))</title></head>
            <body><h1>\(escape(title))</h1><ul>\(items)</ul></body></html>
            """
    }
}
