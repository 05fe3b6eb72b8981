import SluiceCore

extension Parser {
    /// `[WITH …] body [ORDER BY …] [OFFSET n] [LIMIT n | FETCH FIRST n ROWS ONLY]`.
    mutating func parseQuery() throws(SluiceError) -> Query {
        try enter()
        defer { leave() }
        let start = current.span.start
        var commonTables: [CommonTableExpression] = []
        if accept(.with) {
            if current.is(.recursive) {
                throw unsupported("WITH RECURSIVE is not supported.", at: current.span.start,
                                  hint: "Remove RECURSIVE; each WITH query may use the ones before it.")
            }
            repeat {
                commonTables.append(try parseCommonTable())
            } while accept(.comma)
        }
        let body = try parseSetExpression()
        return try parseQueryTail(body: body, with: commonTables, start: start)
    }

    /// `name [(a, b)] AS (query)`.
    private mutating func parseCommonTable() throws(SluiceError) -> CommonTableExpression {
        let start = current.span.start
        let name = try parseIdentifier("a name for the WITH query")
        let columns = current.is(.leftParenthesis) ? try parseIdentifierList() : nil
        try expect(.as)
        let open = try expect(.leftParenthesis)
        let query = try parseQuery()
        try expectClosing(.rightParenthesis, opening: open)
        return CommonTableExpression(name: name, columnNames: columns, query: query, span: span(from: start))
    }

    /// ORDER BY, OFFSET, LIMIT and FETCH after a query body (OFFSET and LIMIT in either order).
    private mutating func parseQueryTail(body: QueryBody, with commonTables: [CommonTableExpression],
                                         start: Int) throws(SluiceError) -> Query {
        var orderBy: [OrderByItem] = []
        if current.is(.order) {
            advance()
            try expect(.by)
            orderBy = try parseOrderByItems()
        }
        var limit: Expression?
        var offset: Expression?
        var sawLimit = false
        var sawOffset = false
        while true {
            let keywordToken = current
            if current.is(.offset) {
                guard !sawOffset else { throw error("OFFSET is written twice.", at: keywordToken.span.start) }
                advance()
                offset = try parseRowCount()
                if !accept(.row) { _ = accept(.rows) }
                sawOffset = true
            } else if current.is(.limit) {
                guard !sawLimit else { throw error("LIMIT is written twice.", at: keywordToken.span.start) }
                advance()
                limit = accept(.all) ? nil : try parseRowCount()
                sawLimit = true
            } else if current.is(.fetch) {
                guard !sawLimit else {
                    throw error("A query can have LIMIT or FETCH FIRST, not both.", at: keywordToken.span.start)
                }
                advance()
                guard accept(.first) || accept(.next) else { throw expected("FIRST or NEXT") }
                if current.kind == .integer {
                    limit = try parseRowCount()
                } else {
                    limit = Expression(.literal(.integer("1")), span: span(from: keywordToken.span.start))
                }
                guard accept(.row) || accept(.rows) else { throw expected("ROWS") }
                if current.is(.with) {
                    throw unsupported("FETCH FIRST … WITH TIES is not supported.", at: current.span.start,
                                      hint: "Write ROWS ONLY.")
                }
                try expect(.only)
                sawLimit = true
            } else {
                break
            }
        }
        return Query(with: commonTables, body: body, orderBy: orderBy, limit: limit, offset: offset, span: span(from: start))
    }

    /// A whole number of rows for LIMIT, OFFSET or FETCH.
    private mutating func parseRowCount() throws(SluiceError) -> Expression {
        let token = current
        guard token.kind == .integer else {
            throw expected("a number of rows (a whole number)")
        }
        advance()
        return Expression(.literal(.integer(token.text)), span: token.span)
    }

    /// `expression [ASC|DESC] [NULLS FIRST|LAST]`, comma-separated.
    mutating func parseOrderByItems() throws(SluiceError) -> [OrderByItem] {
        var items: [OrderByItem] = []
        repeat {
            let start = current.span.start
            let expression = try parseExpression()
            var isAscending = true
            if accept(.desc) { isAscending = false } else { _ = accept(.asc) }
            var nullsFirst: Bool?
            if accept(.nulls) {
                if accept(.first) { nullsFirst = true } else if accept(.last) { nullsFirst = false } else {
                    throw expected("FIRST or LAST")
                }
            }
            items.append(OrderByItem(expression: expression, isAscending: isAscending, nullsFirst: nullsFirst,
                                     span: span(from: start)))
        } while accept(.comma)
        return items
    }

    // MARK: - Set operations

    /// UNION and EXCEPT (left-associative) over INTERSECT terms, which bind tighter.
    private mutating func parseSetExpression() throws(SluiceError) -> QueryBody {
        var left = try parseIntersectTerm()
        while current.is(.union) || current.is(.except) {
            let kind: SetOperation.Kind = current.is(.union) ? .union : .except
            advance()
            let isAll = try parseSetQuantifier()
            let right = try parseIntersectTerm()
            left = .setOperation(SetOperation(kind: kind, isAll: isAll, left: left, right: right,
                                              span: left.span.union(right.span)))
        }
        return left
    }

    private mutating func parseIntersectTerm() throws(SluiceError) -> QueryBody {
        var left = try parseQueryPrimary()
        while current.is(.intersect) {
            advance()
            let isAll = try parseSetQuantifier()
            let right = try parseQueryPrimary()
            left = .setOperation(SetOperation(kind: .intersect, isAll: isAll, left: left, right: right,
                                              span: left.span.union(right.span)))
        }
        return left
    }

    /// `ALL` → true; `DISTINCT` or nothing → false.
    private mutating func parseSetQuantifier() throws(SluiceError) -> Bool {
        if accept(.all) { return true }
        _ = accept(.distinct)
        return false
    }

    /// SELECT, VALUES, `TABLE name`, or a parenthesised query.
    private mutating func parseQueryPrimary() throws(SluiceError) -> QueryBody {
        let token = current
        if token.is(.select) { return .select(try parseSelect()) }
        if token.is(.values) { return try parseValues() }
        if token.is(.table) {
            advance()
            let name = try parseQualifiedName("a table name")
            let star = SelectItem.all(qualifier: nil, span: token.span)
            return .select(Select(items: [star], from: [.table(name, alias: nil)], span: span(from: token.span.start)))
        }
        if token.is(.leftParenthesis) {
            advance()
            let query = try parseQuery()
            try expectClosing(.rightParenthesis, opening: token)
            if query.with.isEmpty, query.orderBy.isEmpty, query.limit == nil, query.offset == nil {
                return query.body
            }
            return .nested(Query(with: query.with, body: query.body, orderBy: query.orderBy, limit: query.limit,
                                 offset: query.offset, span: span(from: token.span.start)))
        }
        throw expected("SELECT, VALUES or '('")
    }

    /// `VALUES row, row …` where a row is `(a, b)` or a single expression.
    private mutating func parseValues() throws(SluiceError) -> QueryBody {
        let start = try expect(.values).span.start
        var rows: [[Expression]] = []
        repeat {
            let row = try parseExpression()
            if case .row(let items) = row.kind {
                rows.append(items)
            } else {
                rows.append([row])
            }
        } while accept(.comma)
        return .values(rows, span: span(from: start))
    }

    // MARK: - SELECT

    /// `SELECT [DISTINCT|ALL] items [FROM …] [WHERE …] [GROUP BY …] [HAVING …]`.
    private mutating func parseSelect() throws(SluiceError) -> Select {
        let start = try expect(.select).span.start
        var isDistinct = false
        if accept(.distinct) { isDistinct = true } else { _ = accept(.all) }
        var items: [SelectItem] = []
        repeat {
            items.append(try parseSelectItem())
        } while accept(.comma)
        var from: [Relation] = []
        if accept(.from) {
            repeat {
                from.append(try parseRelation())
            } while accept(.comma)
        }
        var whereClause: Expression?
        if accept(.where) { whereClause = try parseExpression() }
        var groupBy: [Expression] = []
        if current.is(.group) {
            advance()
            try expect(.by)
            groupBy = try parseGroupBy()
        }
        var having: Expression?
        if accept(.having) { having = try parseExpression() }
        if current.is(.window) && peek().isName && peek(2).is(.as) {
            throw unsupported("Named windows (WINDOW w AS …) are not supported.", at: current.span.start,
                              hint: "Write the window inline: OVER (PARTITION BY … ORDER BY …).")
        }
        return Select(isDistinct: isDistinct, items: items, from: from, whereClause: whereClause, groupBy: groupBy,
                      having: having, span: span(from: start))
    }

    /// Grouping expressions or ordinals; grouping sets are refused by name.
    private mutating func parseGroupBy() throws(SluiceError) -> [Expression] {
        var expressions: [Expression] = []
        repeat {
            let token = current
            let construct: String? =
                if token.is(.rollup) && peek().is(.leftParenthesis) { "ROLLUP" }
                else if token.is(.cube) && peek().is(.leftParenthesis) { "CUBE" }
                else if token.is(.grouping) && peek().is(.sets) { "GROUPING SETS" }
                else { nil }
            if let construct {
                throw unsupported("GROUP BY \(construct) is not supported.", at: token.span.start,
                                  hint: "Group by plain columns, and combine several grouped queries with UNION ALL.")
            }
            if token.is(.leftParenthesis) && peek().is(.rightParenthesis) {
                throw unsupported("GROUP BY () (the empty grouping set) is not supported.", at: token.span.start,
                                  hint: "Leave out GROUP BY to aggregate all rows into one.")
            }
            expressions.append(try parseExpression())
        } while accept(.comma)
        return expressions
    }

    /// `*`, `t.*`, or `expression [[AS] alias]`.
    private mutating func parseSelectItem() throws(SluiceError) -> SelectItem {
        let start = current.span.start
        if current.is(.star) {
            advance()
            return .all(qualifier: nil, span: span(from: start))
        }
        if let qualifierLength = qualifiedStarLength() {
            var parts: [Identifier] = []
            for _ in 0..<qualifierLength {
                parts.append(try parseFieldName())
                advance()  // the dot
            }
            advance()  // the star
            let qualifier = QualifiedName(parts, span: parts[0].span.union(parts[parts.count - 1].span))
            return .all(qualifier: qualifier, span: span(from: start))
        }
        let expression = try parseExpression()
        return .expression(expression, alias: try parseAlias())
    }

    /// For `a.b.*` at the current token: the number of name parts before the star.
    private func qualifiedStarLength() -> Int? {
        var offset = 0
        var parts = 0
        while true {
            let token = peek(offset)
            guard token.kind == .word || token.kind == .quotedIdentifier, peek(offset + 1).is(.dot) else { return nil }
            parts += 1
            if peek(offset + 2).is(.star) { return parts }
            offset += 2
        }
    }

    /// `AS name`, or a bare name that cannot start the next clause.
    mutating func parseAlias() throws(SluiceError) -> Identifier? {
        if accept(.as) { return try parseIdentifier("a name") }
        let token = current
        switch token.kind {
        case .quotedIdentifier:
            advance()
            return Identifier(token.text, isQuoted: true, span: token.span)
        case .word:
            if let keyword = token.keyword, keyword.endsImplicitAlias { return nil }
            advance()
            if SyntaxErrors.suggestedKeyword(for: token.text) != nil { suspiciousAlias = index - 1 }
            return Identifier(token.text, isQuoted: false, span: token.span)
        default:
            return nil
        }
    }
}

extension QueryBody {
    /// Where the body is in the SQL text.
    var span: SourceSpan {
        switch self {
        case .select(let select): select.span
        case .values(_, let span): span
        case .nested(let query): query.span
        case .setOperation(let operation): operation.span
        }
    }
}
