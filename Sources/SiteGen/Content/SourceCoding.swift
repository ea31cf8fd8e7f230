import Markdown

// The binary forms of a source and its parts, for the load step's cache.
// Fields are written and read in the same order; `StepCache` drops files
// written by any other build of sitegen, so the order may change freely.

extension Source: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(id)
        writer.write(path)
        writer.write(format.rawValue)
        writer.write(metadata)
        writer.write(headline)
        writer.write(text)
    }

    init(from reader: inout BinaryReader) throws {
        let id: String = try reader.read(), path: String = try reader.read()
        guard let format = Format(rawValue: try reader.read()) else { throw BinaryDecodingError() }
        self.init(id: id, path: path, format: format, metadata: try reader.read(), headline: try reader.read(), text: try reader.read())
    }
}

extension SourceMetadata: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        for field in [title, publisher, date, url, author, note] { writer.write(field) }
        writer.write(kind.rawValue)
        writer.write(draft)
    }

    init(from reader: inout BinaryReader) throws {
        self.init()
        title = try reader.read()
        publisher = try reader.read()
        date = try reader.read()
        url = try reader.read()
        author = try reader.read()
        note = try reader.read()
        guard let kind = SourceKind(rawValue: try reader.read()) else { throw BinaryDecodingError() }
        self.kind = kind
        draft = try reader.read()
    }
}

extension SourceText: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        // The joined string is made again on reading: storing it would double the file.
        writer.write(blocks)
        writer.write(blockStarts)
        writer.write(sentences)
    }

    init(from reader: inout BinaryReader) throws {
        let blocks: [TextBlock] = try reader.read()
        self.init(blocks: blocks, string: blocks.map(\.text).joined(separator: Self.blockSeparator),
                  blockStarts: try reader.read(), sentences: try reader.read())
        guard blockStarts.count == blocks.count else { throw BinaryDecodingError() }
    }
}

extension TextBlock: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        switch kind {
        case .paragraph: writer.write(0)
        case .heading(let level): writer.write(1); writer.write(level)
        case .quote: writer.write(2)
        case .listItem: writer.write(3)
        case .code: writer.write(4)
        case .embed: writer.write(5)
        }
        writer.write(runs)
        writer.write(position)
    }

    init(from reader: inout BinaryReader) throws {
        let kind: Kind
        switch try reader.read() as Int {
        case 0: kind = .paragraph
        case 1: kind = .heading(level: try reader.read())
        case 2: kind = .quote
        case 3: kind = .listItem
        case 4: kind = .code
        case 5: kind = .embed
        default: throw BinaryDecodingError()
        }
        self.init(kind, runs: try reader.read(), position: try reader.read())
    }
}

extension TextRun: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(text)
        writer.write((emphasis ? 1 : 0) | (strong ? 2 : 0) | (code ? 4 : 0))
        writer.write(link)
    }

    init(from reader: inout BinaryReader) throws {
        let text: String = try reader.read()
        let flags: Int = try reader.read()
        self.init(text, emphasis: flags & 1 != 0, strong: flags & 2 != 0, code: flags & 4 != 0, link: try reader.read())
    }
}

extension SourcePosition: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(line)
        writer.write(column)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(line: try reader.read(), column: try reader.read())
    }
}
