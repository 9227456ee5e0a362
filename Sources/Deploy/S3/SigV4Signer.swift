import CampaignCore
import Crypto
import Foundation

/// AWS Signature Version 4 (header-based), written against the published specification
/// ("Create a signed AWS API request": canonical request, string to sign, signing key).
///
/// Pure: the caller gives the request's parts and the time; nothing is read from the clock or
/// the environment. The payload hash is always precomputed by the caller (never
/// `UNSIGNED-PAYLOAD`, never aws-chunked: several S3-compatible stores refuse both).
public struct SigV4Signer: Sendable {
    public var credentials: Credentials
    public var region: String
    public var service: String

    public init(credentials: Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The parts of a signature, kept apart so each step can be checked against the test suite.
    public struct Signature: Sendable, Equatable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signedHeaders: String
        /// The value of the `Authorization` header.
        public var authorization: String
    }

    /// Signs a request.
    /// - Parameters:
    ///   - path: the canonical URI, already percent-encoded the way it is sent (`S3Path.encode`).
    ///   - query: decoded name/value pairs; encoded and sorted here.
    ///   - headers: every header to sign (at least `host` and `x-amz-date`), in any case and order;
    ///     repeated names are joined with commas in the order given.
    ///   - payloadHash: lowercase hex SHA-256 of the body.
    ///   - date: the time written in `x-amz-date`.
    public func sign(
        method: String, path: String, query: [(String, String)], headers: [(String, String)], payloadHash: String,
        date: Date
    ) -> Signature {
        let amzDate = Self.amzDate(date)
        let day = String(amzDate.prefix(8))
        var merged: [String: [String]] = [:]
        for (name, value) in headers {
            merged[name.lowercased(), default: []].append(Self.trimmed(value))
        }
        let names = merged.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\((merged[$0] ?? []).joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let canonicalRequest = [
            method, path.isEmpty ? "/" : path, Self.canonicalQuery(query), canonicalHeaders, signedHeaders, payloadHash,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Hex.lowercase(SHA256.hash(data: Data(canonicalRequest.utf8))),
        ].joined(separator: "\n")
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let signature = Hex.lowercase(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), "
            + "Signature=\(signature)"
        return Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signedHeaders: signedHeaders,
            authorization: authorization)
    }

    /// `20150830T123600Z`.
    public static func amzDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { (n ?? 0) < 10 ? "0\(n ?? 0)" : "\(n ?? 0)" }
        return "\(c.year ?? 1970)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
    }

    /// Query pairs percent-encoded (RFC 3986 unreserved kept) and sorted by name, then value.
    public static func canonicalQuery(_ query: [(String, String)]) -> String {
        let encoded: [(name: String, value: String)] = query.map { pair in
            (S3Path.percentEncode(pair.0), S3Path.percentEncode(pair.1))
        }
        let sorted = encoded.sorted { a, b in a.name == b.name ? a.value < b.value : a.name < b.name }
        return sorted.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
    }

    /// Leading and trailing spaces removed, runs of spaces inside collapsed to one.
    static func trimmed(_ value: String) -> String {
        var result = ""
        var lastWasSpace = false
        for ch in value.trimmingCharacters(in: .whitespaces) {
            if ch == " " || ch == "\t" {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(ch)
                lastWasSpace = false
            }
        }
        return result
    }
}

/// Percent-encoding of object keys and query values, as S3 signs them.
public enum S3Path {
    private static let unreserved: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    /// Every byte outside the unreserved set as `%XX` (upper-case hex).
    public static func percentEncode(_ text: String, keepSlash: Bool = false) -> String {
        var out = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(Character(UnicodeScalar(byte)))
            } else {
                let h = String(byte, radix: 16, uppercase: true)
                out += byte < 16 ? "%0\(h)" : "%\(h)"
            }
        }
        return out
    }

    /// The URI path of an object key: each segment encoded once (S3 does not normalise paths).
    public static func encode(key: String) -> String {
        percentEncode(key, keepSlash: true)
    }
}
