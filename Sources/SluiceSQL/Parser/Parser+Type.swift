import SluiceCore

/// Type names in CAST, TRY_CAST and `::`, in Trino's spelling (`array(bigint)`, `row(a int)`)
/// and Hive's (`array<bigint>`, `struct<a:int>`), mapped onto ``DataType``.
extension Parser {
    /// The type names a user may write, for the "unknown type" hint.
    static let knownTypeNames = "boolean, tinyint, smallint, integer, bigint, real, double, decimal(p,s), varchar, "
        + "char(n), varbinary, date, timestamp, json, array(T), map(K,V), row(name T, …)"

    private static let simpleTypes: [String: DataType] = [
        "boolean": .boolean, "bool": .boolean, "tinyint": .int8, "smallint": .int16, "integer": .int32, "int": .int32,
        "bigint": .int64, "real": .float32, "float": .float32, "string": .string, "json": .string, "varbinary": .binary,
        "binary": .binary, "date": .date,
    ]

    mutating func parseType() throws(SluiceError) -> DataType {
        try enter()
        defer { leave() }
        let token = current
        guard token.kind == .word else { throw expected("a type name") }
        let name = token.text.lowercased()
        advance()
        switch name {
        case "array":
            let (open, close) = try openTypeParameters(of: token)
            let element = try parseType()
            try expectClosing(close, opening: open)
            return .list(element)
        case "map":
            let (open, close) = try openTypeParameters(of: token)
            let key = try parseType()
            try expect(.comma)
            let value = try parseType()
            try expectClosing(close, opening: open)
            return .map(key: key, value: value)
        case "row":
            let open = try expect(.leftParenthesis)
            var fields: [Field] = []
            repeat {
                let fieldName = rowFieldHasName() ? try parseFieldName().value : "field\(fields.count)"
                fields.append(Field(fieldName, try parseType()))
            } while accept(.comma)
            try expectClosing(.rightParenthesis, opening: open)
            return .struct(fields)
        case "struct":
            let open = try expect(.less)
            var fields: [Field] = []
            repeat {
                let fieldName = try parseFieldName().value
                try expect(.colon)
                fields.append(Field(fieldName, try parseType()))
            } while accept(.comma)
            try expectClosing(.greater, opening: open)
            return .struct(fields)
        case "timestamp":
            if current.is(.leftParenthesis) { _ = try parseTypeNumbers(of: token, count: 1...1) }
            if current.is(.with) || current.is(.without) {
                advance()
                try expect(.time)
                try expect(.zone)
            }
            return .timestamp
        case "double":
            _ = accept(.precision)
            return .float64
        case "decimal", "numeric", "dec":
            guard current.is(.leftParenthesis) else { return .decimal(precision: DataType.maximumDecimalPrecision, scale: 0) }
            let numbers = try parseTypeNumbers(of: token, count: 1...2)
            let precision = numbers[0]
            let scale = numbers.count > 1 ? numbers[1] : 0
            guard (1...DataType.maximumDecimalPrecision).contains(precision), (0...precision).contains(scale) else {
                throw error("The type \(name)(\(numbers.map(String.init).joined(separator: ","))) is out of range.",
                            at: token.span.start,
                            hint: "Decimal precision must be 1 to \(DataType.maximumDecimalPrecision), and the scale 0 to the precision.",
                            code: "sql.type")
            }
            return .decimal(precision: precision, scale: scale)
        case "varchar", "char", "character":
            if current.is(.leftParenthesis) { _ = try parseTypeNumbers(of: token, count: 1...1) }
            return .string
        case "time", "interval", "uuid", "ipaddress", "hyperloglog", "qdigest", "tdigest", "geometry":
            throw error("The type \(name) is not supported.", at: token.span.start,
                        hint: "Supported types: \(Parser.knownTypeNames).", code: "sql.type")
        default:
            guard let type = Parser.simpleTypes[name] else {
                throw error("Unknown type '\(token.text)'.", at: token.span.start,
                            hint: "Known types: \(Parser.knownTypeNames).", code: "sql.type")
            }
            return type
        }
    }

    /// `(` or `<` after ARRAY or MAP, and the symbol that closes it.
    private mutating func openTypeParameters(of token: Token) throws(SluiceError) -> (Token, Symbol) {
        if current.is(.leftParenthesis) { return (advance(), .rightParenthesis) }
        if current.is(.less) { return (advance(), .greater) }
        throw expected("'(' or '<'")
    }

    /// `(n)` or `(p, s)`: whole-number type parameters.
    private mutating func parseTypeNumbers(of token: Token, count: ClosedRange<Int>) throws(SluiceError) -> [Int] {
        let open = advance()
        var numbers: [Int] = []
        repeat {
            guard current.kind == .integer, let number = Int(current.text) else {
                throw expected("a whole number in \(token.text)(…)")
            }
            advance()
            numbers.append(number)
        } while numbers.count < count.upperBound && accept(.comma)
        try expectClosing(.rightParenthesis, opening: open)
        return numbers
    }

    /// In `row(…)`: does the field start with a name (`row(id bigint)`) rather than a type (`row(bigint)`)?
    private func rowFieldHasName() -> Bool {
        let token = current
        if token.kind == .quotedIdentifier { return true }
        guard token.kind == .word else { return false }
        let next = peek()
        guard next.kind == .word || next.kind == .quotedIdentifier else { return false }
        let word = token.text.lowercased()
        if word == "timestamp" && (next.is(.with) || next.is(.without)) { return false }
        if word == "double" && next.is(.precision) { return false }
        return true
    }
}
