import CampaignCore
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The few S3 XML documents the deploy reads and writes.
enum S3XML {
    /// One page of a ListObjectsV2 answer.
    struct ListPage {
        var objects: [(key: String, etag: String, size: Int)] = []
        var isTruncated = false
        var nextToken: String?
    }

    /// `<Error><Code>…</Code><Message>…</Message></Error>`, or the errors of a multi-object delete.
    struct ErrorInfo {
        var code: String
        var message: String
        var key: String?
    }

    static func listPage(_ data: Data) -> ListPage? {
        let elements = parse(data, records: ["Contents"])
        guard let elements else { return nil }
        var page = ListPage()
        for record in elements.records {
            guard let key = record["Key"] else { continue }
            let etag = (record["ETag"] ?? "").replacingOccurrences(of: "\"", with: "").lowercased()
            page.objects.append((key, etag, Int(record["Size"] ?? "") ?? -1))
        }
        page.isTruncated = elements.top["IsTruncated"] == "true"
        page.nextToken = elements.top["NextContinuationToken"]
        return page
    }

    static func errors(_ data: Data) -> [ErrorInfo] {
        guard let parsed = parse(data, records: ["Error"]) else { return [] }
        var result = parsed.records.map {
            ErrorInfo(code: $0["Code"] ?? "", message: $0["Message"] ?? "", key: $0["Key"])
        }
        if result.isEmpty, let code = parsed.top["Code"] {
            result.append(ErrorInfo(code: code, message: parsed.top["Message"] ?? "", key: nil))
        }
        return result
    }

    /// `<Delete><Quiet>true</Quiet><Object><Key>…</Key></Object>…</Delete>`.
    static func deleteRequest(keys: [String]) -> Data {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete><Quiet>true</Quiet>"
        for key in keys { xml += "<Object><Key>\(MarkupEscaping.escape(key))</Key></Object>" }
        xml += "</Delete>"
        return Data(xml.utf8)
    }

    /// Text of the leaf elements: those inside a record element go to that record, the others to
    /// `top` (a flat view enough for S3's answers).
    static func parse(_ data: Data, records: Set<String>) -> (top: [String: String], records: [[String: String]])? {
        let delegate = Collector(records: records)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else { return nil }
        return (delegate.top, delegate.records)
    }

    private final class Collector: NSObject, XMLParserDelegate {
        let recordNames: Set<String>
        var top: [String: String] = [:]
        var records: [[String: String]] = []
        var current: [String: String]?
        var depthInRecord = 0
        var text = ""

        init(records: Set<String>) { self.recordNames = records }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if recordNames.contains(elementName) && current == nil {
                current = [:]
            }
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            if recordNames.contains(elementName), let record = current {
                records.append(record)
                current = nil
            } else if current != nil {
                current?[elementName] = text
            } else {
                top[elementName] = text
            }
            text = ""
        }
    }
}
