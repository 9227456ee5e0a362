import DevServer
import Testing

@Suite struct LiveReloadTests {
    @Test func scriptGoesBeforeTheClosingBodyTag() {
        let html = "<html><body><p>正文</p></BODY></html>"
        let injected = LiveReload.inject(into: html)
        #expect(injected.hasPrefix("<html><body><p>正文</p><script>"))
        #expect(injected.hasSuffix("</script>\n</BODY></html>"))
        #expect(injected.contains(LiveReload.eventsPath))
    }

    @Test func pageWithoutBodyTagGetsTheScriptAtTheEnd() {
        #expect(LiveReload.inject(into: "<p>x</p>").hasSuffix("</script>\n"))
    }

    @Test(arguments: [
        ("text/css; charset=utf-8", false), ("application/json", false), ("text/javascript; charset=utf-8", false),
        ("application/xml", false), ("text/plain; charset=utf-8", false), ("text/html; charset=utf-8", true),
    ])
    func onlyHTMLIsChanged(contentType: String, injected: Bool) {
        let body = Array("<html><body></body></html>".utf8)
        let result = LiveReload.body(body, contentType: contentType)
        #expect((result != body) == injected)
    }

    @Test func buildErrorsAreEscapedIntoTheBanner() {
        let page = LiveReload.inject(into: "<body></body>", errors: ["a.md:1:1: error: <b> is not allowed"])
        #expect(page.contains("campaign-build-errors"))
        #expect(page.contains("&lt;b&gt; is not allowed"))
        #expect(!page.contains("<b> is not"))
    }
}
