public import SluiceCore

/// Reads Sluice's SQL dialect (Trino/Athena) into the syntax tree. Errors are `SluiceError`s in
/// the `.query` domain with the line and column of the offending text (codes `sql.syntax`,
/// `sql.unsupported`, `sql.type`, `sql.tooDeep`).
public enum SQLParser {
    /// Parses exactly one statement (a trailing `;` allowed).
    public static func parse(_ sql: String) throws(SluiceError) -> Statement {
        var parser = try Parser(source: sql)
        return try parser.parseSingleStatement()
    }

    /// Parses one scalar expression (used by jobs and tests).
    public static func parseExpression(_ text: String) throws(SluiceError) -> Expression {
        var parser = try Parser(source: text)
        let expression = try parser.parseExpression()
        guard parser.isAtEnd else { throw parser.expected("the end of the expression") }
        return expression
    }
}
