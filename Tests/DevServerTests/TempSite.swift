import Foundation
import TestSupport

/// A temporary folder holding `Output/` (a tiny built site) and a file beside it that must never be served.
struct TempSite {
    let base: URL
    var output: URL { base.appendingPathComponent("Output") }

    init() throws {
        base = try TemporaryFolder.make(prefix: "devserver")
        try write("Output/index.html", "<!DOCTYPE html><html><body><h1>首页</h1></body></html>")
        try write("Output/news/index.html", "<!DOCTYPE html><html><body><h1>新闻</h1></body></html>")
        try write("Output/404.html", "<!DOCTYPE html><html><body><h1>页面不存在</h1></body></html>")
        try write("Output/style.css", "body { color: black; }")
        try write("Output/feed.json", "{\"items\":[]}")
        try write("secret.txt", "not for the web")
    }

    func write(_ path: String, _ text: String) throws { try base.write(text, to: path) }

    func read(_ path: String) throws -> String {
        try String(contentsOf: base.appendingPathComponent(path), encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: base)
    }
}
