import SluiceCore

extension Parser {
    /// One FROM item: a relation and the joins after it.
    mutating func parseRelation() throws(SluiceError) -> Relation {
        try enter()
        defer { leave() }
        return try parseJoins(onto: try parseAliasedRelation())
    }

    /// `left JOIN right ON …` repeated, left-associative. A join's right side may itself hold joins
    /// before its ON (`a JOIN b JOIN c ON … ON …`), as in Trino.
    private mutating func parseJoins(onto first: Relation) throws(SluiceError) -> Relation {
        var left = first
        while true {
            let start = current.span.start
            if current.is(.cross) {
                advance()
                try expect(.join)
                let right = try parseAliasedRelation()
                left = .join(Join(kind: .cross, left: left, right: right, criteria: nil, span: left.span.union(span(from: start))))
                continue
            }
            let isNatural = accept(.natural)
            guard let kind = try parseJoinKind(required: isNatural) else { return left }
            if isNatural {
                let right = try parseAliasedRelation()
                left = .join(Join(kind: kind, left: left, right: right, criteria: .natural,
                                  span: left.span.union(span(from: start))))
                continue
            }
            var right = try parseAliasedRelation()
            if startsJoin() {
                try enter()
                right = try parseJoins(onto: right)
                leave()
            }
            let criteria: Join.Criteria
            if accept(.on) {
                criteria = .on(try parseExpression())
            } else if current.is(.using) {
                advance()
                criteria = .using(try parseIdentifierList())
            } else {
                throw expected("ON or USING to say how to join")
            }
            left = .join(Join(kind: kind, left: left, right: right, criteria: criteria, span: left.span.union(span(from: start))))
        }
    }

    /// True when the current token begins a join clause.
    private func startsJoin() -> Bool {
        let token = current
        return token.is(.join) || token.is(.inner) || token.is(.left) || token.is(.right) || token.is(.full)
            || token.is(.cross) || token.is(.natural)
    }

    /// `[INNER] JOIN`, `LEFT|RIGHT|FULL [OUTER] JOIN`; nil when no join starts here (unless `required`).
    private mutating func parseJoinKind(required: Bool) throws(SluiceError) -> Join.Kind? {
        let kind: Join.Kind
        if accept(.join) { return .inner }
        if accept(.inner) {
            kind = .inner
        } else if accept(.left) {
            kind = .left
        } else if accept(.right) {
            kind = .right
        } else if accept(.full) {
            kind = .full
        } else {
            if required { throw expected("JOIN") }
            return nil
        }
        if kind != .inner { _ = accept(.outer) }
        try expect(.join)
        return kind
    }

    /// A relation with an optional `[AS] alias [(columns)]`.
    private mutating func parseAliasedRelation() throws(SluiceError) -> Relation {
        let relation = try parseRelationPrimary()
        let start = current.span.start
        guard let name = try parseAlias() else {
            try refuseSampling()
            return relation
        }
        let columns = current.is(.leftParenthesis) ? try parseIdentifierList() : []
        let alias = TableAlias(name: name, columns: columns, span: span(from: start))
        try refuseSampling()
        let whole = relation.span.union(alias.span)
        switch relation {
        case .table(let tableName, _): return .table(tableName, alias: alias)
        case .function(let functionName, let arguments, _, _):
            return .function(name: functionName, arguments: arguments, alias: alias, span: whole)
        case .subquery(let query, _, _): return .subquery(query, alias: alias, span: whole)
        case .unnest(let arguments, let withOrdinality, _, _):
            return .unnest(arguments: arguments, withOrdinality: withOrdinality, alias: alias, span: whole)
        case .join:
            throw unsupported("An alias after a parenthesised join is not supported.", at: start,
                              hint: "Alias the tables inside the parentheses, or write the join as a subquery: (SELECT … FROM a JOIN b ON …) AS name.")
        }
    }

    private func refuseSampling() throws(SluiceError) {
        if current.is(.tablesample) {
            throw unsupported("TABLESAMPLE is not supported.", at: current.span.start,
                              hint: "Filter rows with WHERE, for example WHERE rand() < 0.1.")
        }
    }

    /// A table name, a table function, `(query)`, `(relation)`, or `UNNEST(…)`.
    private mutating func parseRelationPrimary() throws(SluiceError) -> Relation {
        let token = current
        if token.is(.leftParenthesis) { return try parseParenthesizedRelation() }
        if token.is(.unnest) && peek().is(.leftParenthesis) {
            advance()
            let open = advance()
            var arguments = [try parseExpression()]
            while accept(.comma) { arguments.append(try parseExpression()) }
            try expectClosing(.rightParenthesis, opening: open)
            var withOrdinality = false
            if current.is(.with) && peek().is(.ordinality) {
                advance()
                advance()
                withOrdinality = true
            }
            return .unnest(arguments: arguments, withOrdinality: withOrdinality, alias: nil, span: span(from: token.span.start))
        }
        if token.is(.lateral) && peek().is(.leftParenthesis) {
            throw unsupported("LATERAL subqueries are not supported.", at: token.span.start,
                              hint: "Join the subquery's tables directly, or use CROSS JOIN UNNEST(…) for arrays.")
        }
        if token.is(.values) {
            var failure = expected("a table name, a subquery or UNNEST(…)")
            failure.hint = "Put VALUES in parentheses and name its columns: FROM (VALUES (1, 'a')) AS t (id, name)."
            throw failure
        }
        let name = try parseQualifiedName("a table name, a subquery or UNNEST(…)")
        guard current.is(.leftParenthesis) else { return .table(name, alias: nil) }
        let open = advance()
        var arguments: [Expression] = []
        if !current.is(.rightParenthesis) {
            repeat {
                arguments.append(try parseExpression())
            } while accept(.comma)
        }
        try expectClosing(.rightParenthesis, opening: open)
        return .function(name: name, arguments: arguments, alias: nil, span: span(from: token.span.start))
    }

    /// `(SELECT …)` as a subquery, or `(a JOIN b ON …)` as a parenthesised join; `((…` is tried
    /// as a query first, and when both readings fail, the one that got further reports.
    private mutating func parseParenthesizedRelation() throws(SluiceError) -> Relation {
        let next = peek()
        if next.is(.select) || next.is(.with) || next.is(.values) || next.is(.table) {
            return try parseSubqueryRelation()
        }
        guard next.is(.leftParenthesis), parenthesesLeadToQuery() else { return try parseParenthesizedJoin() }
        let saved = self
        let queryError: SluiceError
        do {
            return try parseSubqueryRelation()
        } catch {
            queryError = error
        }
        self = saved
        do {
            return try parseParenthesizedJoin()
        } catch {
            throw SyntaxErrors.isFurther(queryError, than: error) ? queryError : error
        }
    }

    private mutating func parseSubqueryRelation() throws(SluiceError) -> Relation {
        let open = advance()
        let query = try parseQuery()
        try expectClosing(.rightParenthesis, opening: open)
        return .subquery(query, alias: nil, span: span(from: open.span.start))
    }

    private mutating func parseParenthesizedJoin() throws(SluiceError) -> Relation {
        let open = advance()
        let relation = try parseRelation()
        try expectClosing(.rightParenthesis, opening: open)
        return relation
    }
}
