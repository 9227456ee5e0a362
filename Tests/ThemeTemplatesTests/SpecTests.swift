import Foundation
import Testing
import ThemeTemplates

/// Every case of the official Mustache spec files in `Spec/` (mustache/spec v1.4.2, MIT, see
/// `Spec/LICENSE`): interpolation, sections, inverted, comments, partials, delimiters and the optional
/// inheritance module. The lambda module (`~lambdas.json`) is not here: a lambda is code in the data,
/// which `TemplateValue` cannot hold. Dynamic names (`~dynamic-names.json`) are not implemented and are
/// a parse error instead (`TemplateErrorTests`).
@Suite struct SpecTests {
    static let files = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance",
    ]

    @Test(arguments: SpecCase.load(SpecTests.files))
    func rendersAsTheSpecSays(_ spec: SpecCase) throws {
        var sources = spec.partials
        sources[SpecCase.templateName] = spec.template
        let library = try TemplateLibrary(sources: sources)
        let rendered = library.render(SpecCase.templateName, spec.data)
        #expect(rendered == spec.expected, "\(spec.description)")
    }

    @Test func everySpecFileHasItsCases() {
        let counts = Dictionary(grouping: SpecCase.load(Self.files), by: \.file).mapValues(\.count)
        #expect(
            counts == [
                "comments": 12, "delimiters": 14, "interpolation": 42, "inverted": 22, "partials": 12,
                "sections": 34, "~inheritance": 27,
            ])
    }
}

/// One test of a spec file.
struct SpecCase: Sendable, CustomTestStringConvertible {
    /// Not a name a partial tag can spell, so no spec partial can include the template by accident.
    static let templateName = "spec template"

    let file: String
    let name: String
    let description: String
    let data: TemplateValue
    let template: String
    let partials: [String: String]
    let expected: String

    var testDescription: String { "\(file): \(name)" }

    /// The cases of the named files (without `.json`) in the test bundle's `Spec` folder.
    static func load(_ files: [String]) -> [SpecCase] {
        files.flatMap { file -> [SpecCase] in
            guard let url = Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Spec"),
                let data = try? Data(contentsOf: url),
                let spec = try? JSONDecoder().decode(SpecFile.self, from: data)
            else {
                Issue.record("cannot read Spec/\(file).json")
                return []
            }
            return spec.tests.map {
                SpecCase(
                    file: file, name: $0.name, description: $0.desc, data: $0.data.templateValue,
                    template: $0.template, partials: $0.partials ?? [:], expected: $0.expected)
            }
        }
    }
}

/// The shape of a spec file.
private struct SpecFile: Decodable {
    struct Test: Decodable {
        let name: String
        let desc: String
        let data: JSONValue
        let template: String
        let partials: [String: String]?
        let expected: String
    }

    let tests: [Test]
}

/// Any JSON value, to turn spec data into template values.
private enum JSONValue: Decodable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? container.decode(Int.self) {
            self = .integer(integer)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Objects become dictionaries, arrays lists, integral numbers `.number`, the others `.decimal`.
    var templateValue: TemplateValue {
        switch self {
        case .string(let string): .text(string)
        case .integer(let integer): .number(integer)
        case .number(let number): .decimal(number)
        case .bool(let bool): .bool(bool)
        case .array(let array): .list(array.map(\.templateValue))
        case .object(let object): .object(object.mapValues(\.templateValue))
        case .null: .null
        }
    }
}
