import SluiceCore

/// CASE, CAST, INTERVAL, and the SQL-standard forms that Trino maps onto plain functions:
/// `EXTRACT`, `POSITION(x IN y)` → `strpos(y, x)`, `SUBSTRING(x FROM a FOR b)` → `substr(x, a, b)`,
/// `TRIM(LEADING c FROM x)` → `ltrim(x, c)`, `CURRENT_DATE` → `current_date()`.
extension Parser {
    /// `CASE [operand] WHEN … THEN … [ELSE …] END`.
    mutating func parseCase() throws(SluiceError) -> Expression {
        let start = try expect(.case).span.start
        if current.is(.end) { throw expected("WHEN") }
        let operand = current.is(.when) ? nil : try parseExpression()
        var whens: [WhenClause] = []
        while accept(.when) {
            let condition = try parseExpression()
            try expect(.then)
            whens.append(WhenClause(condition: condition, result: try parseExpression()))
        }
        guard !whens.isEmpty else { throw expected("WHEN") }
        let elseResult = accept(.else) ? try parseExpression() : nil
        guard accept(.end) else { throw expected(elseResult == nil ? "WHEN, ELSE or END" : "END") }
        return Expression(.caseWhen(operand: operand, whens: whens, elseResult: elseResult), span: span(from: start))
    }

    /// `CAST(x AS type)` or `TRY_CAST(x AS type)`.
    mutating func parseCast() throws(SluiceError) -> Expression {
        let keyword = advance()
        let open = advance()
        let value = try parseExpression()
        try expect(.as)
        let type = try parseType()
        try expectClosing(.rightParenthesis, opening: open)
        return Expression(.cast(value, to: type, isTry: keyword.is(.tryCast)), span: span(from: keyword.span.start))
    }

    /// `INTERVAL [+|-] '3' DAY [TO unit]`; a minus sign is folded into the value text.
    mutating func parseInterval() throws(SluiceError) -> Expression {
        let start = try expect(.interval).span.start
        var isNegative = false
        if accept(.minus) { isNegative = true } else { _ = accept(.plus) }
        let valueToken = current
        guard valueToken.kind == .string || valueToken.kind == .integer else {
            throw expected("the interval's value as a string, as in INTERVAL '3' DAY")
        }
        advance()
        var value = valueToken.text
        if isNegative { value = value.hasPrefix("-") ? String(value.dropFirst()) : "-" + value }
        let unit = try parseIntervalUnit()
        var toUnit: IntervalUnit?
        if accept(.to) { toUnit = try parseIntervalUnit() }
        return Expression(.interval(value: value, unit: unit, toUnit: toUnit), span: span(from: start))
    }

    /// YEAR, MONTH, DAY … (plural forms accepted).
    private mutating func parseIntervalUnit() throws(SluiceError) -> IntervalUnit {
        let token = current
        var word = token.kind == .word ? token.text.uppercased() : ""
        if word.count > 1, word.hasSuffix("S") { word.removeLast() }
        guard let unit = IntervalUnit(rawValue: word) else {
            let units = IntervalUnit.allCases.map(\.rawValue).joined(separator: ", ")
            var failure = expected("an interval unit (\(units))")
            failure.hint = "Write the unit after the value, as in INTERVAL '3' DAY."
            throw failure
        }
        advance()
        return unit
    }

    /// `EXTRACT(field FROM x)`.
    mutating func parseExtract() throws(SluiceError) -> Expression {
        let start = advance().span.start
        let open = advance()
        let fieldToken = current
        guard fieldToken.kind == .word || fieldToken.kind == .quotedIdentifier else {
            throw expected("a field to extract (YEAR, MONTH, DAY, HOUR …)")
        }
        advance()
        let field = Identifier(fieldToken.text, isQuoted: fieldToken.kind == .quotedIdentifier, span: fieldToken.span)
        try expect(.from)
        let value = try parseExpression()
        try expectClosing(.rightParenthesis, opening: open)
        return Expression(.extract(field: field, from: value), span: span(from: start))
    }

    /// `POSITION(needle IN haystack)` → `strpos(haystack, needle)`.
    mutating func parsePosition() throws(SluiceError) -> Expression {
        let keyword = advance()
        let open = advance()
        let needle = try parseBinary(Precedence.concatenate)
        try expect(.in)
        let haystack = try parseBinary(Precedence.concatenate)
        try expectClosing(.rightParenthesis, opening: open)
        return call("strpos", at: keyword, [haystack, needle])
    }

    /// `SUBSTRING(x FROM a [FOR b])` → `substr(x, a[, b])`; `substring(x, a, b)` stays a call.
    mutating func parseSubstring() throws(SluiceError) -> Expression {
        let keyword = current
        guard peek(2).kind != .symbol(.rightParenthesis) else { return try parsePlainCall() }
        let saved = self
        advance()
        let open = advance()
        let value = try parseExpression()
        guard accept(.from) else {
            self = saved
            return try parsePlainCall()
        }
        var arguments = [value, try parseExpression()]
        if accept(.for) { arguments.append(try parseExpression()) }
        try expectClosing(.rightParenthesis, opening: open)
        return call("substr", at: keyword, arguments)
    }

    /// `TRIM([BOTH|LEADING|TRAILING] [characters] FROM x)` → `trim|ltrim|rtrim(x[, characters])`;
    /// `trim(x)` stays a call.
    mutating func parseTrim() throws(SluiceError) -> Expression {
        let keyword = advance()
        let open = advance()
        var name = "trim"
        var specified = false
        let afterSpecification = peek()
        if !afterSpecification.is(.comma) && !afterSpecification.is(.rightParenthesis) {
            if accept(.both) { specified = true }
            else if accept(.leading) { name = "ltrim"; specified = true }
            else if accept(.trailing) { name = "rtrim"; specified = true }
        }
        var characters: Expression?
        if !current.is(.from) {
            let first = try parseExpression()
            if !specified && !current.is(.from) {
                // trim(x) or trim(x, characters): an ordinary call.
                var arguments = [first]
                while accept(.comma) { arguments.append(try parseExpression()) }
                try expectClosing(.rightParenthesis, opening: open)
                return call(keyword.text, at: keyword, arguments)
            }
            characters = first
        }
        try expect(.from)
        let value = try parseExpression()
        try expectClosing(.rightParenthesis, opening: open)
        return call(name, at: keyword, characters.map { [value, $0] } ?? [value])
    }

    /// `CURRENT_DATE`, `CURRENT_TIMESTAMP[(p)]`, `LOCALTIMESTAMP` …: calls named in lower case.
    mutating func parseSpecialFunction() throws(SluiceError) -> Expression {
        let keyword = advance()
        var arguments: [Expression] = []
        if current.is(.leftParenthesis) {
            let open = advance()
            if !current.is(.rightParenthesis) { arguments.append(try parseExpression()) }
            try expectClosing(.rightParenthesis, opening: open)
        }
        return call(keyword.text.lowercased(), at: keyword, arguments)
    }

    /// A call of `name` whose span runs from `token` to the last consumed token.
    private func call(_ name: String, at token: Token, _ arguments: [Expression]) -> Expression {
        let qualified = QualifiedName([Identifier(name, span: token.span)], span: token.span)
        let span = span(from: token.span.start)
        return Expression(.function(FunctionCall(name: qualified, arguments: arguments, span: span)), span: span)
    }

    /// A keyword used as an ordinary function name (`substring(x, 1, 2)`).
    private mutating func parsePlainCall() throws(SluiceError) -> Expression {
        let token = advance()
        let identifier = Identifier(token.text, span: token.span)
        return try parseFunctionCall(name: QualifiedName([identifier], span: token.span))
    }
}
