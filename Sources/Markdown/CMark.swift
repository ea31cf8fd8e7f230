import CCmark
import Foundation

// Every call into libcmark lives in this file. The rest of SiteGen sees only
// `MarkdownDocument` and the value tree of `MarkdownNode`s it produces.

/// What a link becomes: a new destination, and HTML written before and after it.
public struct LinkAnnotation {
    public var href: String
    public var before: String
    public var after: String

    public init(href: String, before: String = "", after: String = "") {
        self.href = href
        self.before = before
        self.after = after
    }
}

/// A parsed CommonMark document. It owns the cmark tree and frees it on deinit.
public final class MarkdownDocument {
    private let root: OpaquePointer

    /// Parses `text` with source positions. Raw HTML is kept in the tree
    /// (as `htmlBlock`/`htmlInline` nodes) but never rendered.
    public init(_ text: String) {
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
        var bytes = Array(text.utf8)
        let parsed: OpaquePointer? = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { pointer in
                cmark_parse_document(pointer, buffer.count, options)
            }
        }
        // cmark only returns NULL when it cannot allocate; there is nothing to recover then.
        guard let parsed else { fatalError("libcmark could not allocate a document") }
        root = parsed
    }

    deinit { cmark_node_free(root) }

    /// The whole document as an immutable Swift tree.
    public var tree: MarkdownNode { Self.snapshot(root) }

    /// Renders HTML in cmark's safe mode: raw HTML becomes a comment and
    /// `javascript:`, `vbscript:`, `file:` and most `data:` links are dropped.
    ///
    /// `annotate` sees every link's destination and may return an annotation
    /// for it (for example, `claim:<id>` becomes a link to the claim page with
    /// a numbered margin note after it). The annotation's HTML must come from
    /// SiteGen's own templates: cmark writes it out as it is. An annotated
    /// link no longer has the destination it was matched on, so rendering
    /// twice does not annotate twice.
    public func html(annotate: ((String) -> LinkAnnotation?)? = nil) -> String {
        if let annotate { annotateLinks(annotate) }
        guard let rendered = cmark_render_html(root, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// The deepest nesting of nodes, found without recursion so that hostile
    /// input (thousands of nested lists) cannot exhaust the stack.
    public var nestingDepth: Int {
        guard let iterator = cmark_iter_new(root) else { return 0 }
        defer { cmark_iter_free(iterator) }
        var depth = 0, deepest = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let isLeaf = cmark_node_first_child(node) == nil && event == CMARK_EVENT_ENTER
            if event == CMARK_EVENT_ENTER && !isLeaf { depth += 1; deepest = max(deepest, depth) }
            if event == CMARK_EVENT_EXIT { depth -= 1 }
        }
        return deepest
    }

    private func annotateLinks(_ annotate: (String) -> LinkAnnotation?) {
        // Collect first: the tree must not change under a live iterator.
        var links: [(OpaquePointer, LinkAnnotation)] = []
        guard let iterator = cmark_iter_new(root) else { return }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_LINK else { continue }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            if let annotation = annotate(url) { links.append((node, annotation)) }
        }
        cmark_iter_free(iterator)
        for (link, annotation) in links {
            cmark_node_set_url(link, annotation.href)
            guard !annotation.before.isEmpty || !annotation.after.isEmpty,
                  let wrapper = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            // A custom inline node prints its enter and exit text around its
            // children verbatim, in safe mode too.
            cmark_node_set_on_enter(wrapper, annotation.before)
            cmark_node_set_on_exit(wrapper, annotation.after)
            cmark_node_insert_before(link, wrapper)
            cmark_node_unlink(link)
            cmark_node_append_child(wrapper, link)
        }
    }

    private static func snapshot(_ node: OpaquePointer) -> MarkdownNode {
        var children: [MarkdownNode] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            children.append(snapshot(current))
            child = cmark_node_next(current)
        }
        let range = SourceRange(
            start: SourcePosition(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))),
            end: SourcePosition(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node))))
        return MarkdownNode(kind: kind(of: node), literal: string(cmark_node_get_literal(node)),
                            url: string(cmark_node_get_url(node)), range: range, children: children)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default: return .other
        }
    }
}

/// HTML for text SiteGen lays out itself, such as a source's paragraphs with
/// their marked passages, rendered by cmark so that every piece of text, every
/// address and every title is escaped by cmark's renderer. Only `open` and
/// `close` of `block` and `inline` are written out as they are: they must be
/// SiteGen's own markup (a tag, an id made of checked characters), never content.
public enum HTMLFragment {
    public indirect enum Node {
        case block(open: String, close: String, children: [Node])
        case inline(open: String, close: String, children: [Node])
        case text(String)
        case emphasis([Node])
        case strong([Node])
        case code(String)
        case link(url: String, title: String?, children: [Node])
    }

    public static func render(_ nodes: [Node]) -> String {
        guard let document = cmark_node_new(CMARK_NODE_DOCUMENT) else { return "" }
        defer { cmark_node_free(document) }
        for node in nodes { append(node, to: document) }
        guard let rendered = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    private static func append(_ node: Node, to parent: OpaquePointer) {
        let made: OpaquePointer?
        var children: [Node] = []
        switch node {
        case .block(let open, let close, let inner), .inline(let open, let close, let inner):
            if case .block = node { made = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) } else { made = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) }
            if let made { cmark_node_set_on_enter(made, open); cmark_node_set_on_exit(made, close) }
            children = inner
        case .text(let text):
            made = cmark_node_new(CMARK_NODE_TEXT)
            if let made { cmark_node_set_literal(made, text) }
        case .code(let text):
            made = cmark_node_new(CMARK_NODE_CODE)
            if let made { cmark_node_set_literal(made, text) }
        case .emphasis(let inner):
            made = cmark_node_new(CMARK_NODE_EMPH)
            children = inner
        case .strong(let inner):
            made = cmark_node_new(CMARK_NODE_STRONG)
            children = inner
        case .link(let url, let title, let inner):
            made = cmark_node_new(CMARK_NODE_LINK)
            if let made { cmark_node_set_url(made, url); cmark_node_set_title(made, title ?? "") }
            children = inner
        }
        guard let made else { return }
        // cmark refuses a child its parent cannot hold; the node is then dropped, not misplaced.
        guard cmark_node_append_child(parent, made) == 1 else { cmark_node_free(made); return }
        for child in children { append(child, to: made) }
    }
}

/// The libcmark the program runs with, which the build caches count as part of the tool.
public enum CMarkLibrary {
    public static var version: String { String(cString: cmark_version_string()) }
}
