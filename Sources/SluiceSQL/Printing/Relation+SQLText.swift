extension Relation {
    /// Canonical SQL text: `orders AS o`, `(SELECT …) AS t (a, b)`, `a LEFT JOIN b ON …`.
    public var sqlText: String {
        switch self {
        case .table(let name, let alias):
            return SQLText.qualifiedName(name) + Relation.text(of: alias)
        case .function(let name, let arguments, let alias, _):
            return SQLText.qualifiedName(name) + "(" + SQLText.list(arguments) + ")" + Relation.text(of: alias)
        case .subquery(let query, let alias, _):
            return "(" + query.sqlText + ")" + Relation.text(of: alias)
        case .unnest(let arguments, let withOrdinality, let alias, _):
            return "UNNEST(" + SQLText.list(arguments) + ")" + (withOrdinality ? " WITH ORDINALITY" : "") + Relation.text(of: alias)
        case .join(let join):
            return join.sqlText
        }
    }

    private static func text(of alias: TableAlias?) -> String {
        guard let alias else { return "" }
        var text = " AS " + SQLText.identifier(alias.name)
        if !alias.columns.isEmpty { text += " (" + alias.columns.map(SQLText.identifier).joined(separator: ", ") + ")" }
        return text
    }
}

extension Join {
    /// `left [NATURAL] KIND JOIN right [ON …|USING (…)]`; a join on the right goes in parentheses.
    /// Left-deep chains of joins print in a loop rather than by recursion.
    public var sqlText: String {
        var joins: [Join] = [self]
        var node = left
        while case .join(let join) = node {
            joins.append(join)
            node = join.left
        }
        var text = node.sqlText
        for join in joins.reversed() { text += join.rightHandText }
        return text
    }

    /// ` LEFT JOIN right ON …`: everything after the left relation.
    private var rightHandText: String {
        var rightText = right.sqlText
        if case .join = right { rightText = "(" + rightText + ")" }
        let keyword: String =
            switch kind {
            case .inner: "JOIN"
            case .left: "LEFT JOIN"
            case .right: "RIGHT JOIN"
            case .full: "FULL JOIN"
            case .cross: "CROSS JOIN"
            }
        switch criteria {
        case .natural: return " NATURAL " + keyword + " " + rightText
        case .on(let condition): return " " + keyword + " " + rightText + " ON " + condition.sqlText
        case .using(let columns):
            return " " + keyword + " " + rightText + " USING (" + columns.map(SQLText.identifier).joined(separator: ", ") + ")"
        case nil: return " " + keyword + " " + rightText
        }
    }
}
