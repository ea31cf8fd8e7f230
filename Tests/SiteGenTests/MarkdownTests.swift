import Markdown
import XCTest
@testable import SiteGen

final class MarkdownTests: XCTestCase {
    func testNodesCarrySourcePositions() {
        let tree = MarkdownDocument("# Title\n\nSome *text* and a [link](https://example.org/).\n").tree
        XCTAssertEqual(tree.children.count, 2)
        XCTAssertEqual(tree.children[0].kind, .heading(level: 1))
        XCTAssertEqual(tree.children[1].range.start, SourcePosition(line: 3, column: 1))
        var link: MarkdownNode?
        tree.walk { if $0.kind == .link { link = $0 } }
        XCTAssertEqual(link?.url, "https://example.org/")
        XCTAssertEqual(link?.range.start, SourcePosition(line: 3, column: 19))
        XCTAssertEqual(tree.children[1].plainText, "Some text and a link.")
    }

    func testSafeModeDropsRawHTMLAndDangerousLinks() {
        let html = MarkdownDocument("""
        <script>alert(1)</script>

        Text <img src=x onerror=alert(1)> and [click](javascript:alert(1)) and [ok](https://example.org/).
        """).html()
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("onerror"))
        XCTAssertFalse(html.contains("javascript:"))
        XCTAssertTrue(html.contains("<a href=\"https://example.org/\">ok</a>"))
        XCTAssertTrue(html.contains("<!-- raw HTML omitted -->"))
    }

    func testLinkAnnotationChangesOnlyChosenLinksAndKeepsSafeMode() {
        let document = MarkdownDocument("[a](claim:x) and [b](https://example.org/) <b>raw</b>")
        let annotate: (String) -> LinkAnnotation? = { url in
            url.hasPrefix("claim:") ? LinkAnnotation(href: "../claims/\(url.dropFirst(6))/", before: "<span class=\"c\">", after: "<sup>1</sup></span>") : nil
        }
        let html = document.html(annotate: annotate)
        XCTAssertTrue(html.contains("<span class=\"c\"><a href=\"../claims/x/\">a</a><sup>1</sup></span>"), html)
        XCTAssertTrue(html.contains("<a href=\"https://example.org/\">b</a>"))
        XCTAssertFalse(html.contains("<b>"), "raw HTML from content stays out in safe mode")
        // The destination it matched on is gone, so a second rendering does not wrap it again.
        XCTAssertEqual(document.html(annotate: annotate), html)
    }

    func testNestingDepthIsMeasuredWithoutRecursion() {
        let deep = String(repeating: "> ", count: 300) + "quote\n"
        XCTAssertGreaterThan(MarkdownDocument(deep).nestingDepth, 300)
        XCTAssertEqual(MarkdownDocument("para\n").nestingDepth, 2)
    }

    func testMarkdownSourcesBecomeBlocksWithSafeLinksOnly() {
        let document = MarkdownDocument("# H\n\nA [safe](https://example.org/) and [bad](javascript:alert(1)) link.\n\n- one\n- two\n\n<div>raw</div>\n")
        let blocks = MarkdownBlocks.blocks(of: document.tree, lineOffset: 5)
        XCTAssertEqual(blocks.map(\.kind), [.heading(level: 1), .paragraph, .listItem, .listItem])
        XCTAssertEqual(blocks[1].text, "A safe and bad link.")
        XCTAssertEqual(blocks[1].runs.compactMap(\.link), ["https://example.org/"])
        XCTAssertEqual(blocks[1].position.line, 8)
    }
}
