import Foundation
import HTTPTypes

/// A refusal of the desk: an HTTP status and a message for the person (Chinese, English gloss).
public struct DeskError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var status: HTTPResponse.Status
    public var message: String
    /// Extra JSON-able details (field messages, what changed).
    public var details: [String: DeskJSON] = [:]

    public init(_ status: HTTPResponse.Status, _ message: String, details: [String: DeskJSON] = [:]) {
        self.status = status
        self.message = message
        self.details = details
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

/// A JSON value for answers whose shape varies (details of errors).
public enum DeskJSON: Sendable, Hashable, Encodable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([DeskJSON])
    case object([String: DeskJSON])
    case null

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}
