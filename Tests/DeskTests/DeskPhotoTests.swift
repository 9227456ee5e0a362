import CampaignCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import Desk

/// Photo upload and redaction for exposure notices.
@Suite struct DeskPhotoTests {
    static let uri = "/api/items/exposure/BG-2026-0001/photos"
    static let bundle = "Content/exposures/bg-2026-0001-test-parking"

    func upload(
        _ client: any TestClientProtocol, _ data: Data, alt: String = "路边违停车辆", after: Bool = false,
        as session: Login
    ) async throws -> Answer {
        let boundary = "deskboundary42"
        var body = Data()
        if after {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"rectification\"\r\n\r\ntrue\r\n".utf8)
        }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\n\(alt)\r\n".utf8)
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
                .utf8)
        body += data
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        let response = try await client.execute(
            uri: Self.uri, method: .post,
            headers: [
                .cookie: session.cookie, HTTPField.Name("X-CSRF-Token")!: session.csrf,
                .contentType: "multipart/form-data; boundary=\(boundary)",
            ], body: ByteBuffer(bytes: body))
        return Answer(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    @Test func uploadKeepsTheOriginalInTheBundleAndListsIt() async throws {
        let site = try DeskTestSite()
        let jpeg = try Data(contentsOf: site.root.appendingPathComponent("\(Self.bundle)/before-1.jpg"))
        try await site.test { client in
            let editor = try await client.session("bianji")
            let answer = try await upload(client, jpeg, as: editor)
            #expect(answer.status == .created, "\(answer.text)")
            #expect(answer.json["file"] as? String == "photo-1.jpg")
            #expect(answer.json["n"] as? Int == 2)
            #expect(try Data(contentsOf: site.root.appendingPathComponent("\(Self.bundle)/photo-1.jpg")) == jpeg)
            let text = try site.read("\(Self.bundle)/index.md")
            #expect(text.contains("{\"alt\":\"路边违停车辆\",\"file\":\"photo-1.jpg\"}"))
            // Not an image by its bytes: refused whatever its name says.
            #expect(try await upload(client, Data("<script>".utf8), as: editor).status == .unsupportedMediaType)
            // No alt text.
            #expect(try await upload(client, jpeg, alt: " ", as: editor).status == .unprocessableContent)
            // Reviewers do not upload.
            let reviewer = try await client.session("chushen")
            #expect(try await upload(client, jpeg, as: reviewer).status == .forbidden)
        }
    }

    @Test func redactPreviewsThroughTheImagingPipelineAndSavesTheBoxes() async throws {
        let site = try DeskTestSite()
        let indexPath = "\(Self.bundle)/index.md"
        try await site.test { client in
            let editor = try await client.session("bianji")
            let redact = "\(Self.uri)/1/redact"
            let before = try site.read(indexPath)
            let preview = try await client.execute(
                uri: redact, method: .post,
                headers: [
                    .cookie: editor.cookie, HTTPField.Name("X-CSRF-Token")!: editor.csrf,
                    .contentType: "application/json",
                ],
                body: ByteBuffer(string: #"{"boxes":[[100,100,300,200]],"save":false}"#))
            #expect(preview.status == .ok)
            #expect(preview.headers[.contentType] == "image/jpeg")
            let bytes = [UInt8](preview.body.readableBytesView)
            #expect(bytes.starts(with: [0xFF, 0xD8, 0xFF]))
            #expect(String(decoding: bytes, as: UTF8.self).range(of: "Exif") == nil)
            #expect(try site.read(indexPath) == before)
            let saved = try await client.call(
                .post, redact, json: ["boxes": [[100, 100, 300, 200], [10, 10, 20, 20]]], as: editor)
            #expect(saved.status == .ok)
            #expect(try site.read(indexPath).contains("\"redact\":[[100,100,300,200],[10,10,20,20]]"))
            let outside = try await client.call(.post, redact, json: ["boxes": [[0, 0, 99999, 10]]], as: editor)
            #expect(outside.status == .unprocessableContent)
            #expect(
                try await client.call(.post, "\(Self.uri)/9/redact", json: ["boxes": []], as: editor).status
                    == .notFound)
        }
    }

    @Test func afterPhotosGoToTheRectification() async throws {
        let site = try DeskTestSite()
        let jpeg = try Data(contentsOf: site.root.appendingPathComponent("\(Self.bundle)/before-1.jpg"))
        let indexPath = "\(Self.bundle)/index.md"
        try await site.test { client in
            let editor = try await client.session("bianji")
            // No rectification written yet.
            #expect(try await upload(client, jpeg, after: true, as: editor).status == .unprocessableContent)
            let text = try site.read(indexPath).replacingOccurrences(
                of: "status: open\n",
                with: "status: rectified\nrectification: {date: 2026-11-22, note: 车辆已挪离。}\n")
            try site.write(text, to: indexPath)
            let answer = try await upload(client, jpeg, alt: "整改后人行道畅通", after: true, as: editor)
            #expect(answer.status == .created, "\(answer.text)")
            #expect(answer.json["n"] as? Int == 2)
            #expect(try site.read(indexPath).contains("\"photos\":[{\"alt\":\"整改后人行道畅通\",\"file\":\"photo-1.jpg\"}]"))
            let redact = try await client.call(
                .post, "\(Self.uri)/2/redact", json: ["boxes": [[10, 10, 50, 50]]], as: editor)
            #expect(redact.status == .ok)
            let saved = try site.read(indexPath)
            #expect(saved.contains("\"file\":\"photo-1.jpg\",\"redact\":[[10,10,50,50]]"))
            #expect(saved.contains("\"file\":\"before-1.jpg\",\"redact\":[[568,583,144,54]]"))
        }
    }

    @Test(arguments: [
        ([0xFF, 0xD8, 0xFF, 0xE0] as [UInt8], "jpg"), ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "png"),
        (Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBP".utf8), "webp"), (Array("GIF89a".utf8), nil), (Array("<svg".utf8), nil),
    ])
    func photoTypeByContent(bytes: [UInt8], type: String?) {
        #expect(DeskItems.photoType(Data(bytes)) == type)
    }
}
