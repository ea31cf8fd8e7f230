/// "1 source", "3 sources": a count with its noun, for text readers see. Templates get these
/// beside the bare numbers, because Mustache cannot choose a plural.
public enum Counted {
    public static func text(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
