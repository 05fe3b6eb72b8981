extension DataType {
    /// Parses the Hive/Glue type text produced by ``description`` (case-insensitive; also
    /// accepts the aliases `integer`, `long`, `int8`…`int64`, `float32`, `float64`, `real`,
    /// `bool`, `varchar`, `char`, `text`, `list<…>`, and `decimal` alone as `decimal(10,0)`).
    public init(parsing text: String) throws(SluiceError) {
        var parser = TypeTextParser(text: Array(text.utf8), original: text)
        let type = try parser.parseType()
        parser.skipSpaces()
        guard parser.position == parser.text.count else {
            throw parser.error("unexpected text after the type")
        }
        self = type
    }
}

/// Recursive-descent parser for type text; positions are byte offsets into `text`.
private struct TypeTextParser {
    let text: [UInt8]
    let original: String
    var position = 0

    init(text: [UInt8], original: String) {
        self.text = text
        self.original = original
    }

    mutating func skipSpaces() {
        while position < text.count, text[position] == UInt8(ascii: " ") { position += 1 }
    }

    func error(_ what: String) -> SluiceError {
        SluiceError(
            domain: .core, code: "type.syntax",
            message: "Cannot read the type '\(original)': \(what) at character \(position + 1).",
            hint: "Write types as Hive names, e.g. bigint, double, string, decimal(10,2), "
                + "array<string>, map<string,int>, struct<os:string,version:int>.")
    }

    mutating func word() -> String {
        skipSpaces()
        let start = position
        while position < text.count {
            let byte = text[position]
            let isWordByte = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
            if !isWordByte { break }
            position += 1
        }
        return String(decoding: text[start..<position], as: UTF8.self)
    }

    mutating func expect(_ character: Character) throws(SluiceError) {
        skipSpaces()
        guard position < text.count, text[position] == character.asciiValue! else {
            throw error("expected '\(character)'")
        }
        position += 1
    }

    mutating func peek(_ character: Character) -> Bool {
        skipSpaces()
        return position < text.count && text[position] == character.asciiValue!
    }

    mutating func integer() throws(SluiceError) -> Int {
        let digits = word()
        guard let value = Int(digits) else { throw error("expected a number") }
        return value
    }

    mutating func parseType() throws(SluiceError) -> DataType {
        let name = word().lowercased()
        switch name {
        case "boolean", "bool": return .boolean
        case "tinyint", "int8", "byte": return .int8
        case "smallint", "int16", "short": return .int16
        case "int", "integer", "int32": return .int32
        case "bigint", "int64", "long": return .int64
        case "float", "float32", "real": return .float32
        case "double", "float64": return .float64
        case "string", "varchar", "char", "text":
            if peek("(") {  // varchar(255): the length does not matter to us
                try expect("(")
                _ = try integer()
                try expect(")")
            }
            return .string
        case "binary", "varbinary", "bytes": return .binary
        case "date": return .date
        case "timestamp": return .timestamp
        case "decimal", "numeric":
            guard peek("(") else { return .decimal(precision: 10, scale: 0) }
            try expect("(")
            let precision = try integer()
            var scale = 0
            if peek(",") {
                try expect(",")
                scale = try integer()
            }
            try expect(")")
            guard (1...DataType.maximumDecimalPrecision).contains(precision), (0...precision).contains(scale) else {
                throw error("decimal precision must be 1...38 and scale 0...precision")
            }
            return .decimal(precision: precision, scale: scale)
        case "array", "list":
            try expect("<")
            let element = try parseType()
            try expect(">")
            return .list(element)
        case "map":
            try expect("<")
            let key = try parseType()
            try expect(",")
            let value = try parseType()
            try expect(">")
            return .map(key: key, value: value)
        case "struct":
            try expect("<")
            var fields: [Field] = []
            if !peek(">") {
                repeat {
                    if !fields.isEmpty { try expect(",") }
                    let fieldName = try fieldNameText()
                    try expect(":")
                    fields.append(Field(fieldName, try parseType()))
                } while peek(",")
            }
            try expect(">")
            return .struct(fields)
        case "":
            throw error("expected a type name")
        default:
            throw SluiceError(
                domain: .core, code: "type.unknown",
                message: "Unknown type '\(name)' in '\(original)'.",
                hint: "Known types: boolean, tinyint, smallint, int, bigint, float, double, decimal(p,s), "
                    + "string, binary, date, timestamp, array<…>, map<…,…>, struct<…>.")
        }
    }

    /// A struct field name: a word, or a back-quoted name that may hold any character but '`'.
    mutating func fieldNameText() throws(SluiceError) -> String {
        skipSpaces()
        if position < text.count, text[position] == UInt8(ascii: "`") {
            position += 1
            let start = position
            while position < text.count, text[position] != UInt8(ascii: "`") { position += 1 }
            guard position < text.count else { throw error("unclosed '`'") }
            let name = String(decoding: text[start..<position], as: UTF8.self)
            position += 1
            return name
        }
        let name = word()
        guard !name.isEmpty else { throw error("expected a field name") }
        return name
    }
}
