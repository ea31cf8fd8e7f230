/// Splits a Markdown file into its YAML front matter and its body.
///
/// Front matter opens with `---` on the first line and closes with `---` (or
/// `...`) on a line of its own. `bodyLineOffset` is the number of lines before
/// the body, so cmark's body positions can be turned into file positions.
struct FrontMatter {
    var yaml: String
    var body: String
    var bodyLineOffset: Int

    enum Problem: Error, Equatable {
        case missing
        case unclosed
    }

    static func split(_ text: String) -> Result<FrontMatter, Problem> {
        // Read by scalar, as splitting at newline Characters would, several times faster.
        var lines = ScrapeCleaner.lines(text)[...]
        guard let first = lines.first, first == "---" else { return .failure(.missing) }
        lines = lines.dropFirst()
        var yamlLines: [String] = []
        var consumed = 1
        while let line = lines.first {
            lines = lines.dropFirst()
            consumed += 1
            if line == "---" || line == "..." {
                return .success(FrontMatter(yaml: yamlLines.joined(separator: "\n"),
                                            body: lines.joined(separator: "\n"),
                                            bodyLineOffset: consumed))
            }
            yamlLines.append(line)
        }
        return .failure(.unclosed)
    }
}
