/// Shared pieces of canonical SQL text: quoting of names and strings.
enum SQLText {
    /// `name`, or `"Name ""quoted"""` when it was quoted.
    static func identifier(_ identifier: Identifier) -> String {
        identifier.isQuoted ? "\"" + identifier.value.replacing("\"", with: "\"\"") + "\"" : identifier.value
    }

    static func qualifiedName(_ name: QualifiedName) -> String {
        name.parts.map(identifier).joined(separator: ".")
    }

    /// `'it''s'`.
    static func string(_ value: String) -> String {
        "'" + value.replacing("'", with: "''") + "'"
    }

    static func list(_ expressions: [Expression]) -> String {
        expressions.map(\.sqlText).joined(separator: ", ")
    }

    /// `a, b DESC NULLS FIRST`.
    static func orderBy(_ items: [OrderByItem]) -> String {
        items.map { item in
            var text = item.expression.sqlText
            if !item.isAscending { text += " DESC" }
            if let nullsFirst = item.nullsFirst { text += nullsFirst ? " NULLS FIRST" : " NULLS LAST" }
            return text
        }.joined(separator: ", ")
    }
}
