import Foundation
import NIOCore

/// The fields of an `application/x-www-form-urlencoded` body (the desk's forms that work without
/// JavaScript: login, publish). A name given twice keeps its last value.
enum FormFields {
    static func parse(_ buffer: ByteBuffer) -> [String: String] {
        parse(String(buffer: buffer))
    }

    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }
}
