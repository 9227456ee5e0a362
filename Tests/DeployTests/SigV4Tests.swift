import Foundation
import Testing

@testable import Deploy

/// The signer against the AWS Signature Version 4 test suite (Fixtures/sigv4-test-suite.json
/// names its source): canonical request, string to sign and Authorization header, each checked.
@Suite struct SigV4Tests {
    struct Suite: Decodable {
        struct Config: Decodable {
            var region: String
            var service: String
            var accessKeyId: String
            var secretAccessKey: String
        }
        struct Case: Decodable {
            var name: String
            var req: String
            var creq: String
            var sts: String
            var authz: String
        }
        var config: Config
        var cases: [Case]
    }

    static let suite: Suite? = {
        guard let data = try? Data(contentsOf: fixtures.appendingPathComponent("sigv4-test-suite.json")) else {
            return nil
        }
        return try? JSONDecoder().decode(Suite.self, from: data)
    }()

    static var names: [String] { suite?.cases.map(\.name) ?? [] }

    @Test func theFixtureHoldsTheVectors() {
        #expect(Self.names.count >= 6)
    }

    @Test(arguments: names)
    func vector(_ name: String) throws {
        let suite = try #require(Self.suite)
        let vector = try #require(suite.cases.first { $0.name == name })
        // The request file: request line, header lines, an empty line, the body.
        let parts = vector.req.components(separatedBy: "\n\n")
        var lines = parts[0].components(separatedBy: "\n")
        let body = parts.count > 1 ? parts[1...].joined(separator: "\n\n") : ""
        let requestLine = lines.removeFirst().components(separatedBy: " ")
        let method = requestLine[0]
        let target = requestLine[1...].dropLast().joined(separator: " ")
        let pathAndQuery = target.split(separator: "?", maxSplits: 1).map(String.init)
        var query: [(String, String)] = []
        if pathAndQuery.count > 1 {
            for pair in pathAndQuery[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                query.append((kv[0], kv.count > 1 ? kv[1] : ""))
            }
        }
        let headers = lines.map { line -> (String, String) in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return (String(line[..<colon]), String(line[line.index(after: colon)...]))
        }
        let signer = SigV4Signer(
            credentials: Credentials(
                accessKeyID: suite.config.accessKeyId, secretAccessKey: suite.config.secretAccessKey),
            region: suite.config.region, service: suite.config.service)
        let date = try #require(ISO8601DateFormatter().date(from: "2015-08-30T12:36:00Z"))
        let signature = signer.sign(
            method: method, path: pathAndQuery[0], query: query, headers: headers,
            payloadHash: sha256(Data(body.utf8)), date: date)
        #expect(signature.canonicalRequest == vector.creq)
        #expect(signature.stringToSign == vector.sts)
        #expect(signature.authorization == vector.authz)
    }

    /// The GET Object example of the Amazon S3 API Reference ("Signature calculations for the
    /// Authorization header"): an S3 request with `x-amz-content-sha256` and a `Range` header.
    @Test func amazonS3GetObjectExample() throws {
        let signer = SigV4Signer(
            credentials: Credentials(
                accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            region: "us-east-1")
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        let date = try #require(ISO8601DateFormatter().date(from: "2013-05-24T00:00:00Z"))
        let signature = signer.sign(
            method: "GET", path: "/test.txt", query: [],
            headers: [
                ("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"), ("x-amz-content-sha256", empty),
                ("x-amz-date", "20130524T000000Z"),
            ], payloadHash: empty, date: date)
        #expect(
            signature.authorization.hasSuffix(
                "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                    + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"))
    }

    @Test func keysAreEncodedOnceSegmentBySegment() {
        #expect(
            S3Path.encode(key: "site/news/文明 城市/a+b.html")
                == "site/news/%E6%96%87%E6%98%8E%20%E5%9F%8E%E5%B8%82/a%2Bb.html")
        #expect(
            SigV4Signer.canonicalQuery([("prefix", "site/"), ("list-type", "2"), ("delete", "")])
                == "delete=&list-type=2&prefix=site%2F")
    }

    @Test func credentialsNeverShowInText() {
        let credentials = Credentials(
            accessKeyID: "AKIAEXAMPLEKEY123", secretAccessKey: "s3cr3t-v4lue/abc", sessionToken: "tok-123456")
        #expect(!"\(credentials)".contains("s3cr3t"))
        #expect(!"\(credentials)".contains("AKIAEXAMPLEKEY123"))
        #expect(
            credentials.masked("key AKIAEXAMPLEKEY123 secret s3cr3t-v4lue/abc tok-123456") == "key *** secret *** ***")
    }
}
