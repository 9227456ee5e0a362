import ThemeTemplates

/// One field a template can use: its name in `{{…}}`, what it holds (for docs/theme.md) and how to read it.
struct TemplateField<Model>: Sendable {
    let name: String
    let doc: String
    let read: @Sendable (Model) -> TemplateValue?

    init(_ name: String, _ doc: String, _ read: @escaping @Sendable (Model) -> TemplateValue?) {
        self.name = name
        self.doc = doc
        self.read = read
    }
}

/// The fields of a model in the order docs/theme.md lists them, indexed by name for lookups.
struct FieldTable<Model>: Sendable {
    let fields: [TemplateField<Model>]
    private let index: [String: Int]

    init(_ fields: [TemplateField<Model>]) {
        self.fields = fields
        var index: [String: Int] = [:]
        for (offset, field) in fields.enumerated() { index[field.name] = offset }
        self.index = index
    }

    func value(_ key: String, of model: Model) -> TemplateValue? {
        guard let offset = index[key] else { return nil }
        return fields[offset].read(model)
    }
}

/// Typed data of a template or of a part of one (a card, a pager): the struct is the documentation
/// of what a template can use, and docs/theme.md is checked against `fields` by a test.
protocol TemplateModel: TemplateObject {
    /// One line for docs/theme.md: what this object is.
    static var summary: String { get }
    static var fields: FieldTable<Self> { get }
    /// An object whose fields this one also has (a notice has every field of its card), looked up
    /// after its own; nil for none.
    var inherited: (any TemplateObject)? { get }
}

extension TemplateModel {
    var inherited: (any TemplateObject)? { nil }

    func value(forKey key: String) -> TemplateValue? {
        Self.fields.value(key, of: self) ?? inherited?.value(forKey: key)
    }
}

/// The data of a whole page: its own fields, then the fields every page has (`PageChrome`).
protocol PageModel: TemplateModel {
    var chrome: PageChrome { get }
}

extension PageModel {
    var inherited: (any TemplateObject)? { chrome }
}

extension TemplateValue {
    /// A list of models.
    static func list(_ models: [some TemplateModel]) -> TemplateValue { .list(models.map { .object($0) }) }
}
