import Foundation
import HTTPTypes

/// A minimal `multipart/form-data` reader (RFC 7578) for photo uploads: parts with their name,
/// optional file name and bytes. Anything malformed gives nil.
struct Multipart {
    struct Part {
        var name: String
        var fileName: String?
        var data: Data
    }

    /// The boundary of a `Content-Type: multipart/form-data; boundary=…` header.
    static func boundary(contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = String(pair[1])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty || value.count > 200 ? nil : value
        }
        return nil
    }

    static func parse(_ body: Data, boundary: String) -> [Part]? {
        let delimiter = Data("--\(boundary)".utf8)
        let bytes = body
        var parts: [Part] = []
        guard var cursor = bytes.range(of: delimiter)?.upperBound else { return nil }
        while true {
            // After a delimiter: "--" ends, CRLF starts a part.
            if bytes[cursor...].starts(with: Data("--".utf8)) { break }
            guard bytes[cursor...].starts(with: Data("\r\n".utf8)) else { return nil }
            cursor += 2
            guard let headerEnd = bytes.range(of: Data("\r\n\r\n".utf8), in: cursor..<bytes.endIndex) else {
                return nil
            }
            let headers = String(decoding: bytes[cursor..<headerEnd.lowerBound], as: UTF8.self)
            let contentStart = headerEnd.upperBound
            guard let next = bytes.range(of: Data("\r\n".utf8) + delimiter, in: contentStart..<bytes.endIndex)
            else { return nil }
            var name: String?
            var fileName: String?
            for line in headers.components(separatedBy: "\r\n")
            where line.lowercased().hasPrefix("content-disposition:") {
                name = parameter("name", in: line)
                fileName = parameter("filename", in: line)
            }
            guard let name else { return nil }
            parts.append(Part(name: name, fileName: fileName, data: bytes[contentStart..<next.lowerBound]))
            cursor = next.upperBound
        }
        return parts
    }

    static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var value = String(pair[1])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}
