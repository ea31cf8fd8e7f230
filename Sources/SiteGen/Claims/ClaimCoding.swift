import Markdown

// The binary forms of the claims model, for the load step's cache (see `SourceCoding.swift`).

extension Claim: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(statement)
        writer.write(kind.rawValue)
        writer.write(speaker)
        writer.write(attribution.rawValue)
        writer.write(verdict?.rawValue)
        writer.write(reference)
        writer.write(appearances)
        writer.write(notes)
        writer.write(notesHTML)
        writer.write(sumOf)
        writer.write(tolerance)
        writer.write(notIn)
        writer.write(notDisputed)
        writer.write(summary)
        writer.write(reviewed)
        writer.write(updated)
        writer.write(notChecked)
        writer.write(draft)
        writer.write(path)
        writer.write(position)
    }

    init(from reader: inout BinaryReader) throws {
        let id: String = try reader.read(), statement: String = try reader.read()
        guard let kind = ClaimKind(rawValue: try reader.read()) else { throw BinaryDecodingError() }
        let speaker: String = try reader.read()
        guard let attribution = Attribution(rawValue: try reader.read()) else { throw BinaryDecodingError() }
        let verdictName: String? = try reader.read()
        let verdict = try verdictName.map { name in
            guard let verdict = Verdict(rawValue: name) else { throw BinaryDecodingError() }
            return verdict
        }
        self.init(id: id, statement: statement, kind: kind, speaker: speaker, attribution: attribution, verdict: verdict,
                  reference: try reader.read(), appearances: try reader.read(), notes: try reader.read(), notesHTML: try reader.read(),
                  sumOf: try reader.read(), tolerance: try reader.read(), notIn: try reader.read(), notDisputed: try reader.read(),
                  summary: try reader.read(), reviewed: try reader.read(), updated: try reader.read(), notChecked: try reader.read(),
                  draft: try reader.read(), path: try reader.read(), position: try reader.read())
    }
}

extension QuoteSelector: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(source)
        writer.write(quote)
        writer.write(prefix)
        writer.write(suffix)
        writer.write(position)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(source: try reader.read(), quote: try reader.read(), prefix: try reader.read(), suffix: try reader.read(),
                  position: try reader.read())
    }
}

extension ClaimAppearance: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(selector)
        writer.write(attributedTo)
        writer.write(note)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(selector: try reader.read(), attributedTo: try reader.read(), note: try reader.read())
    }
}

extension SourceReference: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(position)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(id: try reader.read(), position: try reader.read())
    }
}
