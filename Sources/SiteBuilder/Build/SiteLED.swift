import CampaignCore
import Foundation
import LEDFeed

/// The LED part of a loaded site: the screens and messages of `Content/led/`, and where news `led` fields are
/// written (for diagnostics about characters a screen cannot show).
struct SiteLED: Sendable {
    var content: LEDContent
    /// News slug → location of its `led` field; only filled for headlines that hold characters outside GB2312,
    /// the only ones that can cause a charset error.
    var headlineLocations: [String: SourceLocation] = [:]
    /// The text of `messages.yml`, for the content hashes of signed reviews.
    var messagesText = ""
}
