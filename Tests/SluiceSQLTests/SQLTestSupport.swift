import SluiceCore
import Testing
@testable import SluiceSQL

/// The canonical text of a parsed statement.
func canonical(_ sql: String) throws(SluiceError) -> String {
    try SQLParser.parse(sql).sqlText
}

/// The canonical text of a parsed expression.
func canonicalExpression(_ text: String) throws(SluiceError) -> String {
    try SQLParser.parseExpression(text).sqlText
}

/// The query of a statement that must be a plain query.
func query(_ sql: String) throws(SluiceError) -> Query {
    guard case .query(let query) = try SQLParser.parse(sql) else {
        Issue.record("not a query: \(sql)")
        throw SluiceError.internal("not a query")
    }
    return query
}

/// The SELECT of a query that must be a plain SELECT.
func select(_ sql: String) throws(SluiceError) -> Select {
    guard case .select(let select) = try query(sql).body else {
        Issue.record("not a SELECT: \(sql)")
        throw SluiceError.internal("not a SELECT")
    }
    return select
}

/// The error parsing `sql` raises (nil when it parses).
func parseError(_ sql: String) -> SluiceError? {
    do {
        _ = try SQLParser.parse(sql)
        return nil
    } catch {
        return error
    }
}

/// The error parsing the expression `text` raises (nil when it parses).
func expressionError(_ text: String) -> SluiceError? {
    do {
        _ = try SQLParser.parseExpression(text)
        return nil
    } catch {
        return error
    }
}

/// The text a span covers.
func text(of span: SourceSpan, in sql: String) -> String {
    let bytes = Array(sql.utf8)
    return String(decoding: bytes[span.start..<span.end], as: UTF8.self)
}
