/// The site figures that fill message templates (docs/led-guide.md, "Template figures"); the site builder computes them.
public struct LEDVariables: Sendable, Hashable {
    /// Whole days from today to the inspection (`campaign.inspection_date`); `{days_to_inspection}`.
    public var daysToInspection: Int
    /// Indicators with status `met`; `{indicators_met}`.
    public var indicatorsMet: Int
    /// All indicators; `{indicators_total}`.
    public var indicatorsTotal: Int
    /// Exposure notices not yet closed; `{exposures_open}`.
    public var exposuresOpen: Int
    /// Exposure notices closed (已销号); `{exposures_closed}`.
    public var exposuresClosed: Int
    /// The newest news `led` headline; `{latest_headline}`.
    public var latestHeadline: String

    public init(
        daysToInspection: Int = 0, indicatorsMet: Int = 0, indicatorsTotal: Int = 0, exposuresOpen: Int = 0,
        exposuresClosed: Int = 0, latestHeadline: String = ""
    ) {
        self.daysToInspection = daysToInspection
        self.indicatorsMet = indicatorsMet
        self.indicatorsTotal = indicatorsTotal
        self.exposuresOpen = exposuresOpen
        self.exposuresClosed = exposuresClosed
        self.latestHeadline = latestHeadline
    }

    /// The variable names a template may use, without braces.
    public static let names = [
        "days_to_inspection", "indicators_met", "indicators_total", "exposures_open", "exposures_closed",
        "latest_headline",
    ]

    /// The value of a variable by name, or nil for an unknown name.
    public func value(of name: String) -> String? {
        switch name {
        case "days_to_inspection": String(daysToInspection)
        case "indicators_met": String(indicatorsMet)
        case "indicators_total": String(indicatorsTotal)
        case "exposures_open": String(exposuresOpen)
        case "exposures_closed": String(exposuresClosed)
        case "latest_headline": latestHeadline
        default: nil
        }
    }
}
