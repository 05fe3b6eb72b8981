public import SluiceCore

/// Reads Sluice's SQL dialect (Trino/Athena) into the syntax tree. Errors are `SluiceError`s in
/// the `.query` domain with the line and column of the offending text (codes `sql.syntax`,
/// `sql.unsupported`, `sql.type`, `sql.tooDeep`). Deeply nested text is parsed on a thread
/// with a large stack, so nesting up to the limit never overflows the caller's stack.
public enum SQLParser {
    /// Parses exactly one statement (a trailing `;` allowed).
    public static func parse(_ sql: String) throws(SluiceError) -> Statement {
        let parser = try Parser(source: sql)
        return try run(parser) { (parser: inout Parser) throws(SluiceError) in try parser.parseSingleStatement() }
    }

    /// Parses one scalar expression (used by jobs and tests).
    public static func parseExpression(_ text: String) throws(SluiceError) -> Expression {
        let parser = try Parser(source: text)
        return try run(parser) { (parser: inout Parser) throws(SluiceError) in
            let expression = try parser.parseExpression()
            guard parser.isAtEnd else { throw parser.expected("the end of the expression") }
            return expression
        }
    }

    /// Runs `parse` here when the text nests shallowly, else on a large-stack thread.
    private static func run<Result>(_ parser: Parser, _ parse: (inout Parser) throws(SluiceError) -> Result) throws(SluiceError) -> Result {
        var parser = parser
        if parser.nestingEstimate <= inlineNestingLimit { return try parse(&parser) }
        let outcome = LargeStackThread.run { () -> Swift.Result<Result, SluiceError> in
            do throws(SluiceError) {
                return .success(try parse(&parser))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Up to this many nesting levels, parsing stays on the caller's thread: a debug build
    /// spends at most ~45 KB of stack per level, well within any thread's stack; starting a
    /// thread costs more than parsing a typical query.
    static let inlineNestingLimit = 12
}
