/// A value a theme template can show: what `{{name}}`, `{{#name}}` and `{{^name}}` see
/// (docs/theme.md, "Template data").
///
/// Page models are typed structs that answer `TemplateObject.value(forKey:)`; this enum is the small,
/// closed set of shapes a Mustache tag can meet, so rendering never casts `Any`.
public enum TemplateValue: Sendable {
    /// Text, HTML-escaped by `{{name}}`, written as is by `{{{name}}}` and `{{& name}}`.
    case text(String)
    /// A whole number, written in decimal.
    case number(Int)
    /// A decimal number, written as Swift's shortest round-trip form (`1.21`).
    case decimal(Double)
    /// A flag: a section shows once when true, an inverted section when false.
    case bool(Bool)
    /// A list: a section repeats once per element, an inverted section shows when it is empty.
    case list([TemplateValue])
    /// An object whose fields are looked up by name.
    case object(any TemplateObject)
    /// Known but absent (an optional field with no value): falsey, writes nothing.
    case null
}

/// An object in the template context: a page model or one of its parts.
public protocol TemplateObject: Sendable {
    /// The value of field `key`, or nil when this object has no such field, so the lookup goes on to
    /// the enclosing contexts (Mustache's context stack). A field that exists but has no value
    /// answers `.null`, not nil: nil means "not a field of this object".
    func value(forKey key: String) -> TemplateValue?
}

/// A dictionary is an object with its keys as fields (spec tests, small ad-hoc contexts).
extension Dictionary: TemplateObject where Key == String, Value == TemplateValue {
    public func value(forKey key: String) -> TemplateValue? { self[key] }
}

extension TemplateValue {
    /// `.text` of an optional string, `.null` when absent.
    public static func text(_ value: String?) -> TemplateValue { value.map { .text($0) } ?? .null }

    /// `.object` of an optional object, `.null` when absent.
    public static func object(_ value: (any TemplateObject)?) -> TemplateValue { value.map { .object($0) } ?? .null }

    /// A list of objects.
    public static func list(_ objects: [any TemplateObject]) -> TemplateValue { .list(objects.map { .object($0) }) }
}
