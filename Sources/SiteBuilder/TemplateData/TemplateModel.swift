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
    private let index: TemplateKeyTable
    /// The fields' readers alone: a lookup then copies (and counts a reference to) no name or description.
    private let reads: [@Sendable (Model) -> TemplateValue?]

    init(_ fields: [TemplateField<Model>]) {
        self.fields = fields
        index = TemplateKeyTable(fields.map(\.name))
        reads = fields.map(\.read)
    }

    @inline(__always)
    func value(_ key: TemplateKey, of model: Model) -> TemplateValue? {
        guard let offset = index.position(of: key) else { return nil }
        return reads[offset](model)
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
    /// The value of `key` in `inherited`. A page answers from its chrome directly, without boxing it.
    func inheritedValue(for key: TemplateKey) -> TemplateValue?
}

extension TemplateModel {
    var inherited: (any TemplateObject)? { nil }

    func inheritedValue(for key: TemplateKey) -> TemplateValue? { inherited?.value(for: key) }

    func value(forKey key: String) -> TemplateValue? { value(for: TemplateKey(key)) }

    func value(for key: TemplateKey) -> TemplateValue? {
        Self.fields.value(key, of: self) ?? inheritedValue(for: key)
    }
}

/// The data of a whole page: its own fields, then the fields every page has (`PageChrome`).
protocol PageModel: TemplateModel {
    var chrome: PageChrome { get }
}

extension PageModel {
    var inherited: (any TemplateObject)? { chrome }

    func inheritedValue(for key: TemplateKey) -> TemplateValue? { chrome.value(for: key) }
}

extension TemplateValue {
    /// A list of models.
    static func list(_ models: [some TemplateModel]) -> TemplateValue { .list(models.map { .object($0) }) }
}
