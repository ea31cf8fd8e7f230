import Yams

/// A person, organisation or product the sources name, with every spelling
/// the sources use for it (`Content/entities.yaml`).
public struct Entity: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case person, organisation, product

        var plural: String {
            switch self {
            case .person: return "People"
            case .organisation: return "Organisations"
            case .product: return "Products and platforms"
            }
        }
    }

    public var id: String
    public var name: String
    public var kind: Kind
    /// The site's own one-line description.
    public var description: String?
    /// Exact spellings that count as a mention; the name is always one of them.
    public var aliases: [String]
    public var path: String
    public var position: SourcePosition
}

/// Reads `Content/entities.yaml`: a list of entities, each with an id, a
/// name, a kind and its aliases. A spelling may belong to one entity only.
struct EntityLoader {
    private(set) var diagnostics: [Diagnostic] = []
    static let fields: Set<String> = ["id", "name", "kind", "description", "aliases"]

    mutating func load(_ text: String, path: String) -> [Entity] {
        var reader = YAMLReader(path: path)
        defer { diagnostics += reader.diagnostics }
        guard let root = reader.compose(text), let items = reader.sequence(root, "the entities file") else { return [] }
        var entities: [Entity] = []
        var owners: [String: String] = [:]
        var ids = Set<String>()
        for item in items {
            guard let map = reader.mapping(item, "an entity") else { continue }
            let before = reader.diagnostics.count
            reader.rejectUnknownKeys(map, allowed: Self.fields, in: "an entity")
            let id = reader.string(map, "id", required: true, in: "an entity")
            let what = id.map { "entity `\($0)`" } ?? "an entity"
            if let id, !ClaimLoader.isClaimID(id) {
                reader.error(map["id"], "the entity id `\(id)` must use lower-case letters, digits and `-` only")
            } else if let id, !ids.insert(id).inserted {
                reader.error(map["id"], "the entity id `\(id)` is used twice")
            }
            let name = reader.string(map, "name", required: true, in: what)
            let kind: Entity.Kind? = reader.string(map, "kind", required: true, in: what).flatMap { value in
                if let kind = Entity.Kind(rawValue: value) { return kind }
                reader.error(map["kind"], "unknown kind `\(value)` in \(what); use one of \(Entity.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            var aliases = name.map { [$0] } ?? []
            if let list = map["aliases"], let nodes = reader.sequence(list, "`aliases` of \(what)") {
                for node in nodes {
                    guard let alias = node.scalar?.string, !alias.trimmingCharacters(in: .whitespaces).isEmpty else {
                        reader.error(node, "each alias of \(what) must be a non-empty spelling"); continue
                    }
                    if !aliases.contains(alias) { aliases.append(alias) }
                }
            }
            for alias in aliases {
                if let owner = owners[alias], owner != id {
                    reader.error(map["aliases"] ?? map.node, "the spelling “\(alias)” belongs to both `\(owner)` and `\(id ?? "?")`")
                } else if let id { owners[alias] = id }
            }
            guard reader.diagnostics.count == before, let id, let name, let kind else { continue }
            entities.append(Entity(id: id, name: name, kind: kind, description: reader.string(map, "description", required: false, in: what),
                                   aliases: aliases, path: path, position: reader.position(item)))
        }
        return entities
    }
}
