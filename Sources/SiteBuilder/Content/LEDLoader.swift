import CampaignCore
import Foundation
import LEDFeed

/// LED screens and messages: `Content/led/screens.yml` and `messages.yml` (docs/led-guide.md), read together
/// as one unit. No `led/` folder: no LED output and no finding.
///
/// Registered after news: `assemble` adds where the published headlines are written, checks review and terms
/// of the messages that play now, and their signatures.
struct LEDLoader: ContentKind {
    static let folder = "led"

    /// The screens and messages (masked); nil when there is no LED output.
    var led: SiteLED?
    var diagnostics: [Diagnostic] = []

    func unit(of path: String) -> String? {
        path == Self.folder || path.hasPrefix(Self.folder + "/") ? Self.folder : nil
    }

    mutating func loadAll(_ context: LoadContext) async {
        (led, diagnostics) = Self.load(context)
        if led != nil { context.loaded(2) }
    }

    mutating func reload(unit: String, _ context: LoadContext) async {
        (led, diagnostics) = Self.load(context)
    }

    /// Reads and parses `screens.yml` and `messages.yml`, masking the messages.
    static func load(_ context: LoadContext) -> (SiteLED?, [Diagnostic]) {
        let source = context.source
        guard source.isFolder(folder) else { return (nil, []) }
        var diagnostics: [Diagnostic] = []
        let screensPath = "\(folder)/screens.yml"
        let messagesPath = "\(folder)/messages.yml"
        let screensDisplay = context.display(screensPath)
        let messagesDisplay = context.display(messagesPath)
        guard source.info(screensPath) != nil else {
            diagnostics.append(
                .warning(
                    "the led folder has no screens.yml, so no LED feed is published; add screens.yml with a "
                        + "'screens:' list (see docs/led-guide.md) or remove the folder",
                    code: "led.screens-missing", file: screensDisplay))
            return (nil, diagnostics)
        }
        let (screensText, screensProblem) = source.readText(screensPath, display: screensDisplay, code: "led")
        var messagesText: String? = "messages: []\n"
        if source.info(messagesPath) != nil {
            let (text, problem) = source.readText(messagesPath, display: messagesDisplay, code: "led")
            messagesText = text
            if let problem { diagnostics.append(problem) }
        }
        if let screensProblem { diagnostics.append(screensProblem) }
        guard let screensText, let messagesText else { return (nil, diagnostics) }
        let (content, found) = LEDContent.parse(
            screens: screensText, screensFile: screensDisplay, messages: messagesText, messagesFile: messagesDisplay,
            timeZone: context.site.timeZone)
        diagnostics += found
        var led = SiteLED(content: content)
        let (messages, privacy) = PrivacyMasking.mask(
            content.messages, production: context.production, allow: context.privacy)
        led.content.messages = messages
        diagnostics += privacy
        led.messagesText = messagesText
        return (led, diagnostics)
    }

    mutating func assemble(into site: inout SiteAssembly, _ context: LoadContext) async {
        site.diagnostics += diagnostics
        var led = led
        led?.headlineLocations = site.headlineLocations
        let editorial = context.editorial
        site.diagnostics += editorial.check(led: led, now: context.now)
        let signatures = Self.signatures(led, editorial: editorial, now: context.now)
        site.diagnostics += signatures.diagnostics
        site.reviewItems += Self.reviewItems(led: led, now: context.now).map {
            editorial.reportItem($0, states: signatures.states[$0.title])
        }
        site.content.led = led
    }

    /// The signature checks of the LED messages that play at `now`, states keyed by message id.
    ///
    /// Each message's content is its own entry of `messages.yml`, from its line to the next message's.
    static func signatures(_ led: SiteLED?, editorial: EditorialChecks, now: Date) -> (
        diagnostics: [Diagnostic], states: [String: [ReviewStage: SignedReviewRules.StepState]]
    ) {
        var result: (diagnostics: [Diagnostic], states: [String: [ReviewStage: SignedReviewRules.StepState]]) = (
            [], [:]
        )
        guard editorial.signed, let led else { return result }
        let messages = led.content.messages
        let entries = LEDMessageEntry.entries(of: messages)
        for message in messages where message.isCurrent(at: now) {
            guard let entry = entries[message.id],
                let found = editorial.signatures(
                    message.review, kind: .led, id: message.id, file: message.location.file,
                    contentHash: entry.contentHash(in: led.messagesText))
            else { continue }
            result.diagnostics += found.diagnostics
            result.states[message.id] = found.states
        }
        return result
    }

    /// The LED messages that play at `now`, for the review report.
    static func reviewItems(led: SiteLED?, now: Date) -> [ReviewReport.Item] {
        (led?.content.messages ?? []).filter { $0.isCurrent(at: now) }.map(ReviewReport.Item.init(message:))
    }
}
