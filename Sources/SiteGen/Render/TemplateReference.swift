/// `docs/templates.md`, made from `TemplateContexts`: every template and every name it is
/// given. `TemplateReferenceTests` fails when the file in the repository is not this text.
public enum TemplateReference {
    public static func markdown() -> String {
        var text = """
            # Template reference

            <!-- Made from Sources/SiteGen/Render/TemplateContexts.swift; do not edit by hand.
                 SITEGEN_UPDATE_DOCS=1 swift test --filter TemplateReferenceTests writes it again. -->

            The built-in theme's templates are in `Sources/SiteGen/Theme/`. A file of the same name in a
            project's `Templates/` replaces the built-in one (`sitegen init --templates` copies them all
            there to start from). Templates are [Mustache](https://mustache.github.io/mustache.5.html),
            rendered by swift-mustache: `{{name}}` is escaped text, `{{{name}}}` is HTML that sitegen
            made safe, `{{#name}}…{{/name}}` shows its inside when `name` is there (and once for each item
            of a list, with the item's names), `{{^name}}…{{/name}}` when it is not.

            **Strict names.** Every name a template uses is checked when the templates load, as Mustache
            looks it up (inside the sections open around it, then outwards). A name that is not given is
            an error at `template:line:col` that lists the names there are, so a misspelling cannot render
            as nothing. Inside a list, swift-mustache also gives `{{index()}}`, `{{#first()}}`,
            `{{#last()}}`, `{{#even()}}` and `{{#odd()}}`; its transforms (`{{uppercased(name)}}`,
            `{{#empty(list)}}`, `{{count(list)}}`…) are checked by name too, and `{{.name}}` looks in
            the innermost section only. A partial (`{{> pager}}`) sees the names where it is included.

            **Script.** Published pages run no script: the layout's Content-Security-Policy says
            `script-src 'none'`, and the JSON-LD blocks are data. `sitegen serve` alone adds its
            live-reload script, and relaxes the policy to `script-src 'self'` in what it serves.

            Names marked *sometimes* are given only on some pages or when they have a value: use them
            inside a section on themselves. In the tables, `a.b` is the name `b` inside `a`, and `a[].b`
            the name `b` of each item of the list `a`.


            """
        text += "## Every page: `layout`\n\n"
        text += "Page templates extend `layout` (`{{<layout}}{{$main}}…{{/main}}{{/layout}}`) and are given its names as well as their own.\n\n"
        text += table(TemplateContexts.layout, expandSite: true)
        for entry in TemplateContexts.entries where entry.template != "layout" {
            text += "\n## `\(entry.template)`\n\n\(entry.purpose)"
            if entry.isPage { text += " A page: it also has every name of `layout`." }
            text += "\n\n"
            text += entry.variables.isEmpty ? "No names of its own.\n" : table(entry.variables, expandSite: false)
        }
        return text
    }

    /// `expandSite` false: `site`, the same group everywhere, is one row that points to `layout`'s.
    private static func table(_ variables: [TemplateVariable], expandSite: Bool) -> String {
        var rows = "| Name | Kind | Meaning |\n|---|---|---|\n"
        func add(_ variables: [TemplateVariable], prefix: String) {
            for variable in variables {
                let name = prefix + variable.name
                if !expandSite && prefix.isEmpty && variable.name == TemplateContexts.site.name {
                    rows += "| `site` | group | site.yaml: the same names as in `layout`. |\n"
                    continue
                }
                rows += "| `\(name)` | \(kind(variable)) | \(variable.meaning.replacingOccurrences(of: "|", with: "\\|")) |\n"
                switch variable.kind {
                case .list(let fields): add(fields, prefix: name + "[].")
                case .object(let fields): add(fields, prefix: name + ".")
                default: break
                }
            }
        }
        add(variables, prefix: "")
        return rows
    }

    private static func kind(_ variable: TemplateVariable) -> String {
        let kind: String
        switch variable.kind {
        case .text: kind = "text"
        case .html: kind = "HTML `{{{…}}}`"
        case .flag: kind = "true or absent"
        case .number: kind = "number"
        case .texts: kind = "list of texts `{{.}}`"
        case .list: kind = "list"
        case .object: kind = "group"
        }
        return variable.optional && variable.kind.isValue ? kind + ", sometimes" : kind
    }
}

private extension TemplateVariable.Kind {
    /// A flag is "true or absent" already: "sometimes" says nothing more about it.
    var isValue: Bool {
        if case .flag = self { return false }
        return true
    }
}
