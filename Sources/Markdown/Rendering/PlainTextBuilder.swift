/// Collects the text of a document without markup, deciding the whitespace between pieces.
struct PlainTextBuilder {
    private(set) var text = ""
    private var pending = Separator.none

    private enum Separator: Comparable {
        case none, softBreak, cell, block
    }

    /// Appends text of an inline or code block.
    mutating func append(_ piece: String) {
        guard let first = piece.unicodeScalars.first else { return }
        if let last = text.unicodeScalars.last {
            switch pending {
            case .none: break
            case .softBreak:
                // A wrapped line of Chinese is one run of text: no space where the source broke it.
                if !(last.isCJKWide && first.isCJKWide) { text += " " }
            case .cell: text += " "
            case .block: text += "\n"
            }
        }
        pending = .none
        text += piece
    }

    /// A soft line break inside a paragraph.
    mutating func softBreak() { pending = max(pending, .softBreak) }

    /// The end of a table cell.
    mutating func endCell() { pending = max(pending, .cell) }

    /// The end of a block, or a hard line break.
    mutating func endBlock() { pending = .block }
}
