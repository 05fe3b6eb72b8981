import SluiceCore

extension Parser {
    /// Literals, names, function calls, parentheses and the special forms.
    mutating func parsePrimary() throws(SluiceError) -> Expression {
        let token = current
        switch token.kind {
        case .integer:
            advance()
            return Expression(.literal(.integer(token.text)), span: token.span)
        case .decimal:
            advance()
            return Expression(.literal(.decimal(token.text)), span: token.span)
        case .double:
            advance()
            return Expression(.literal(.double(token.text)), span: token.span)
        case .string:
            advance()
            return Expression(.literal(.string(token.text)), span: token.span)
        case .binaryString:
            return try parseBinaryLiteral()
        case .symbol(.leftParenthesis):
            return try parseParenthesizedExpression()
        case .symbol(.questionMark):
            throw unsupported("Query parameters ('?') are not supported.", at: token.span.start,
                              hint: "Write the value into the query as a literal.")
        case .word, .quotedIdentifier:
            return try parseWordExpression()
        default:
            throw expected("an expression", nameExpected: true)
        }
    }

    /// `X'0aff'`: hex digits (spaces allowed between them), an even number of them.
    private mutating func parseBinaryLiteral() throws(SluiceError) -> Expression {
        let token = advance()
        var digits: [UInt8] = []
        for byte in token.text.utf8 where byte != UInt8(ascii: " ") {
            let isHex = Lexer.isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
            guard isHex else {
                throw error("The binary literal \(Parser.text(of: token, in: source)) holds a character that is not a hex digit.",
                            at: token.span.start, hint: "Write bytes as pairs of hex digits: X'0aff'.")
            }
            digits.append(byte)
        }
        guard digits.count % 2 == 0 else {
            throw error("The binary literal \(Parser.text(of: token, in: source)) has an odd number of hex digits.",
                        at: token.span.start, hint: "Write each byte as two hex digits: X'0a', not X'a'.")
        }
        return Expression(.literal(.typed(type: "X", value: String(decoding: digits, as: UTF8.self))), span: token.span)
    }

    /// `(expression)`, a row `(a, b)`, or a scalar subquery `(SELECT …)`.
    private mutating func parseParenthesizedExpression() throws(SluiceError) -> Expression {
        let open = current
        if let query = try parseParenthesizedQueryIfAny() {
            return Expression(.scalarSubquery(query), span: span(from: open.span.start))
        }
        advance()
        if current.is(.rightParenthesis) && peek().is(.arrow) { throw lambdaError(at: open.span.start) }
        var items = [try parseExpression()]
        while accept(.comma) { items.append(try parseExpression()) }
        try expectClosing(.rightParenthesis, opening: open)
        if current.is(.arrow) { throw lambdaError(at: open.span.start) }
        if items.count == 1 { return Expression(items[0].kind, span: span(from: open.span.start)) }
        return Expression(.row(items), span: span(from: open.span.start))
    }

    func lambdaError(at offset: Int) -> SluiceError {
        unsupported("Lambda expressions (x -> …) are not supported.", at: offset,
                    hint: "Use UNNEST to work on array elements, or the array functions that take no lambda.")
    }

    /// Expressions that start with a word: keywords' special forms, typed literals, names and calls.
    private mutating func parseWordExpression() throws(SluiceError) -> Expression {
        let token = current
        let next = peek()
        if token.kind == .word, let keyword = token.keyword {
            switch keyword {
            case .null:
                advance()
                return Expression(.literal(.null), span: token.span)
            case .true, .false:
                advance()
                return Expression(.literal(.boolean(keyword == .true)), span: token.span)
            case .case:
                return try parseCase()
            case .cast, .tryCast:
                if next.is(.leftParenthesis) { return try parseCast() }
            case .exists where next.is(.leftParenthesis):
                advance()
                let open = advance()
                let query = try parseQuery()
                try expectClosing(.rightParenthesis, opening: open)
                return Expression(.exists(query), span: span(from: token.span.start))
            case .array where next.is(.leftBracket):
                advance()
                let open = advance()
                var items: [Expression] = []
                if !current.is(.rightBracket) {
                    repeat { items.append(try parseExpression()) } while accept(.comma)
                }
                try expectClosing(.rightBracket, opening: open)
                return Expression(.array(items), span: span(from: token.span.start))
            case .row where next.is(.leftParenthesis):
                advance()
                let open = advance()
                var items = [try parseExpression()]
                while accept(.comma) { items.append(try parseExpression()) }
                try expectClosing(.rightParenthesis, opening: open)
                return Expression(.row(items), span: span(from: token.span.start))
            case .interval where next.kind == .string || next.kind == .integer
                || ((next.is(.minus) || next.is(.plus)) && peek(2).kind == .string):
                return try parseInterval()
            case .extract where next.is(.leftParenthesis):
                return try parseExtract()
            case .position where next.is(.leftParenthesis):
                return try parsePosition()
            case .substring where next.is(.leftParenthesis):
                return try parseSubstring()
            case .trim where next.is(.leftParenthesis):
                return try parseTrim()
            case .currentDate, .currentTime, .currentTimestamp, .localTime, .localTimestamp, .currentUser,
                 .currentCatalog, .currentSchema, .currentPath, .currentRole:
                return try parseSpecialFunction()
            case .double where next.is(.precision) && peek(2).kind == .string:
                advance()
                advance()
                let value = advance()
                return Expression(.literal(.typed(type: "DOUBLE", value: value.text)), span: span(from: token.span.start))
            default:
                break
            }
        }
        if token.kind == .word, next.kind == .string, token.isName {
            // DATE '2026-11-03', TIMESTAMP '…', DECIMAL '1.5', REAL '1.5' …: Trino's generic type constructor.
            advance()
            let value = advance()
            return Expression(.literal(.typed(type: token.text.uppercased(), value: value.text)), span: span(from: token.span.start))
        }
        guard token.isName else { throw expected("an expression", nameExpected: true) }
        if next.is(.arrow) { throw lambdaError(at: token.span.start) }
        var parts = [try parseIdentifier()]
        while current.is(.dot) && (peek().kind == .word || peek().kind == .quotedIdentifier) {
            advance()
            parts.append(try parseFieldName())
        }
        if current.is(.leftParenthesis) {
            let name = QualifiedName(parts, span: parts[0].span.union(parts[parts.count - 1].span))
            return try parseFunctionCall(name: name)
        }
        var expression = Expression(.identifier(parts[0]), span: parts[0].span)
        for part in parts.dropFirst() {
            expression = Expression(.dereference(expression, part), span: expression.span.union(part.span))
        }
        return expression
    }
}
