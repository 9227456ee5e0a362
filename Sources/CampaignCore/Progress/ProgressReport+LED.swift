// `daysToInspection` (`{days_to_inspection}`) is a stored property of the report.
extension ProgressReport {
    /// `{indicators_met}` of LED message templates.
    public var indicatorsMet: Int { indicators.met }

    /// `{indicators_total}` of LED message templates.
    public var indicatorsTotal: Int { indicators.total }

    /// The progress values of LED message templates by placeholder name (`days_to_inspection`,
    /// `indicators_met`, `indicators_total`); `days_to_inspection` is left out when no inspection day is set.
    public var ledVariables: [String: String] {
        var values = ["indicators_met": String(indicatorsMet), "indicators_total": String(indicatorsTotal)]
        if let days = daysToInspection { values["days_to_inspection"] = String(days) }
        return values
    }
}
