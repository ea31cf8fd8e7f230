import Markdown
/// Flattens a Markdown source into readable blocks, keeping emphasis and safe
/// outbound links. Raw HTML is dropped: a source's markup never reaches a page.
enum MarkdownBlocks {
    static func blocks(of document: MarkdownNode, lineOffset: Int) -> [TextBlock] {
        var blocks: [TextBlock] = []
        collect(document, as: .paragraph, lineOffset: lineOffset, into: &blocks)
        return blocks.filter { !$0.text.isEmpty }
    }

    private static func collect(_ node: MarkdownNode, as container: TextBlock.Kind, lineOffset: Int, into blocks: inout [TextBlock]) {
        let position = SourcePosition(line: node.range.start.line + lineOffset, column: node.range.start.column)
        switch node.kind {
        case .heading(let level):
            blocks.append(TextBlock(.heading(level: level), runs: runs(of: node), position: position))
        case .paragraph:
            blocks.append(TextBlock(container, runs: runs(of: node), position: position))
        case .codeBlock:
            let code = (node.literal ?? "").trimmingTrailingNewlines
            blocks.append(TextBlock(.code, runs: [TextRun(code, code: true)], position: position))
        case .blockQuote:
            for child in node.children { collect(child, as: .quote, lineOffset: lineOffset, into: &blocks) }
        case .item:
            for child in node.children { collect(child, as: container == .quote ? .quote : .listItem, lineOffset: lineOffset, into: &blocks) }
        case .document, .list:
            for child in node.children { collect(child, as: container, lineOffset: lineOffset, into: &blocks) }
        default:
            break // thematic breaks and raw HTML blocks carry no text
        }
    }

    private static func runs(of node: MarkdownNode) -> [TextRun] {
        var result: [TextRun] = []
        appendRuns(of: node, style: TextRun(""), into: &result)
        // Neighbouring runs with the same style read as one.
        return result.reduce(into: []) { merged, run in
            if var last = merged.last, last.emphasis == run.emphasis, last.strong == run.strong,
               last.code == run.code, last.link == run.link {
                last.text += run.text
                merged[merged.count - 1] = last
            } else {
                merged.append(run)
            }
        }
    }

    private static func appendRuns(of node: MarkdownNode, style: TextRun, into runs: inout [TextRun]) {
        for child in node.children {
            var run = style
            switch child.kind {
            case .text:
                run.text = child.literal ?? ""
                runs.append(run)
            case .code:
                run.text = child.literal ?? ""
                run.code = true
                runs.append(run)
            case .softBreak, .lineBreak:
                run.text = " "
                runs.append(run)
            case .emphasis:
                run.emphasis = true
                appendRuns(of: child, style: run, into: &runs)
            case .strong:
                run.strong = true
                appendRuns(of: child, style: run, into: &runs)
            case .link:
                run.link = child.url.flatMap { URLPolicy.isSafeOutbound($0) ? $0 : nil }
                appendRuns(of: child, style: run, into: &runs)
            case .image:
                appendRuns(of: child, style: run, into: &runs) // its alt text
            default:
                break // inline raw HTML is dropped
            }
        }
    }
}

private extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
