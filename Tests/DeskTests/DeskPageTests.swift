import CampaignCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import Desk

/// The Chinese pages: forms with the item's fields, preview through the site's renderer, photos.
@Suite struct DeskPageTests {
    @Test func editorFormShowsEveryFieldWithItsValue() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let editor = try await client.session("bianji")
            let page = try await client.call(.get, "/items/news/2026-11-20-signed-article", as: editor)
            #expect(page.status == .ok)
            #expect(page.text.contains("<html lang=\"zh-CN\">"))
            #expect(page.text.contains("value=\"全市开展文明交通劝导行动\""))
            #expect(page.text.contains("value=\"文明交通\""))
            #expect(page.text.contains("<label for=\"f-date\">"))
            #expect(page.text.contains("志愿者身穿红马甲"))
            #expect(page.text.contains("<meta name=\"csrf-token\" content=\"\(editor.csrf)\">"))
            let notice = try await client.call(.get, "/items/exposure/BG-2026-0001", as: editor)
            #expect(
                notice.text.contains("id=\"f-rectification-date\"") && notice.text.contains("<canvas id=\"canvas-1\""))
            #expect(notice.text.contains("data-boxes=\"[[568,583,144,54]]\""))
            let list = try await client.call(.get, "/items/news", as: editor)
            #expect(list.text.contains("href=\"/items/news/2026-11-20-signed-article\""))
            #expect(list.text.contains("href=\"/items/news/new\""))
            // No external resources.
            #expect(!page.text.contains("http://") && !page.text.contains("https://"))
        }
    }

    @Test func previewRendersWithTheSiteRendererAndMasksPersonalData() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let editor = try await client.session("bianji")
            let answer = try await client.call(
                .post, "/api/preview", json: ["body": "## 小标题\n\n联系电话 13912345678。"], as: editor)
            let html = try #require(answer.json["html"] as? String)
            #expect(html.contains("<h2") && html.contains("小标题"))
            #expect(!html.contains("13912345678"))
            let css = try await client.call(.get, "/theme/style.css")
            #expect(css.status == .ok && css.text.contains("--red"))
        }
    }

    @Test func photoIsServedMetadataFreeToEditorsOnly() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let editor = try await client.session("bianji")
            let image = try await client.execute(
                uri: "/api/items/exposure/BG-2026-0001/photos/1", method: .get, headers: [.cookie: editor.cookie])
            #expect(image.status == .ok)
            #expect([UInt8](image.body.readableBytesView).starts(with: [0xFF, 0xD8, 0xFF]))
            let reviewer = try await client.session("chushen")
            #expect(
                try await client.call(.get, "/api/items/exposure/BG-2026-0001/photos/1", as: reviewer).status
                    == .forbidden)
            #expect(
                try await client.call(.get, "/api/items/exposure/BG-2026-0001/photos/7", as: editor).status == .notFound
            )
        }
    }

    @Test func homeShowsOverdueExposureCases() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let editor = try await client.session("bianji")
            #expect(try await client.call(.get, "/", as: editor).text.contains("逾期未整改的曝光</h2><p>暂无"))
            site.clock.advance(by: 6 * 24 * 3600)  // 2026-11-26, the day after the deadline
            let later = try await client.session("bianji")
            let home = try await client.call(.get, "/", as: later)
            #expect(home.text.contains("测试路段人行道机动车违规停放") && home.text.contains("逾期 1 天"))
        }
    }

    @Test func loginFormWorksWithoutJavaScript() async throws {
        let site = try DeskTestSite()
        try await site.test { client in
            let wrong = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "login=bianji&password=nope"))
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("登录名或密码错误"))
            let right = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "login=bianji&password=Wenming2026%21"))
            #expect(right.status == .seeOther)
            let cookie = try #require(right.headers[.setCookie]).split(separator: ";")[0]
            let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: String(cookie)])
            #expect(home.status == .ok)
            #expect(String(buffer: home.body).contains("我的草稿"))
        }
    }
}
