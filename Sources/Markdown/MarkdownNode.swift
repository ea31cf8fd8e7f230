/// A 1-based line and column, as cmark and compilers count them.
public struct SourcePosition: Hashable, Sendable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
}

public struct SourceRange: Hashable, Sendable {
    public var start: SourcePosition
    public var end: SourcePosition
}

/// An immutable snapshot of one cmark node and its children.
public struct MarkdownNode: Sendable {
    public enum Kind: Hashable, Sendable {
        case document, blockQuote, list(ordered: Bool), item, codeBlock, htmlBlock, paragraph
        case heading(level: Int), thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link, image
        case other
    }

    public var kind: Kind
    public var literal: String?
    public var url: String?
    public var range: SourceRange
    public var children: [MarkdownNode]

    /// Calls `visit` for this node and every descendant, depth first, in document order.
    public func walk(_ visit: (MarkdownNode) -> Void) {
        visit(self)
        for child in children { child.walk(visit) }
    }

    /// The node's text with all markup removed; breaks become spaces.
    public var plainText: String {
        var text = ""
        walk { node in
            switch node.kind {
            case .text, .code: text += node.literal ?? ""
            case .softBreak, .lineBreak: text += " "
            default: break
            }
        }
        return text
    }
}
