import Foundation
import Mustache

// A page's chrome as SiteGen's layout and header had it: about 35 look-ups, a seven-item list,
// a dotted name and a section that is not there (a miss walks the whole context stack).
let template = """
<html lang="{{site.language}}"><title>{{page_title}}</title><link rel="canonical" href="{{canonical}}">
<meta property="og:title" content="{{og_title}}"><meta property="og:site_name" content="{{site.title}}">
<link rel="icon" href="{{root}}assets/favicon.svg"><link rel="stylesheet" href="{{root}}assets/style.css">
<a class="site-title" href="{{home}}">{{site.title}}</a>
<ul>{{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{title}}</a></li>{{/nav}}</ul>
{{#missing}}x{{/missing}}{{^missing}}y{{/missing}}
"""

final class NavItem: MustacheParent {
    let title: String, href: String, current: Bool
    init(title: String, href: String, current: Bool) { (self.title, self.href, self.current) = (title, href, current) }
    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "href": return href
        case "current": return current
        default: return nil
        }
    }
}

final class SiteContext: MustacheParent {
    let title = "The site", language = "en"
    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "language": return language
        default: return nil
        }
    }
}

final class PageContext: MustacheParent {
    let site = SiteContext(), root = "../../", pageTitle = "A page", canonical = "https://example.org/a/b/"
    let nav = (0..<7).map { NavItem(title: "Item \($0)", href: "../../item\($0)/", current: $0 == 3) }
    func child(named name: String) -> Any? {
        switch name {
        case "site": return site
        case "root", "home": return root
        case "nav": return nav
        case "page_title", "og_title": return pageTitle
        case "canonical": return canonical
        default: return nil
        }
    }
}

let dictionary: [String: Any] = [
    "site": ["title": "The site", "language": "en"], "root": "../../", "home": "../../", "page_title": "A page",
    "og_title": "A page", "canonical": "https://example.org/a/b/",
    "nav": (0..<7).map { ["title": "Item \($0)", "href": "../../item\($0)/", "current": $0 == 3] as [String: Any] },
]
let typed = PageContext()

var library = MustacheLibrary()
library.register(try MustacheTemplate(string: template), named: "page")
precondition(library.render(dictionary, withTemplate: "page") == library.render(typed, withTemplate: "page"), "the two contexts differ")

let renders = 20_000
for round in 1...3 {
    for (name, context) in [("dictionaries", dictionary as Any), ("typed contexts", typed as Any)] {
        let start = DispatchTime.now().uptimeNanoseconds
        var bytes = 0
        for _ in 0..<renders { bytes += library.render(context, withTemplate: "page")!.utf8.count }
        let micros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(renders)
        print("round \(round), \(name): \(String(format: "%.1f", micros)) µs a page (\(bytes / renders) bytes)")
    }
}
