import SluiceCore

extension Parser {
    /// One statement, an optional `;`, then the end of the text.
    mutating func parseSingleStatement() throws(SluiceError) -> Statement {
        let statement = try parseStatement()
        _ = accept(.semicolon)
        guard isAtEnd else {
            if let previous, previous.is(.semicolon) {
                throw error("Only one statement can run at a time, but more text follows the ';'.",
                            at: current.span.start, hint: "Run the statements one by one.")
            }
            throw expected("the end of the query")
        }
        return statement
    }

    /// `EXPLAIN [ANALYZE] statement` or a query; any other statement is named and refused.
    mutating func parseStatement() throws(SluiceError) -> Statement {
        try enter()
        defer { leave() }
        let start = current.span.start
        if current.is(.explain) {
            advance()
            let isAnalyze = accept(.analyze)
            _ = accept(.verbose)
            if current.is(.leftParenthesis) && !startsQuery(at: index + 1) {
                throw unsupported("EXPLAIN options such as (TYPE …) or (FORMAT …) are not supported.",
                                  at: current.span.start, hint: "Write EXPLAIN or EXPLAIN ANALYZE followed by the query.")
            }
            let inner = try parseStatement()
            return .explain(inner, isAnalyze: isAnalyze, span: span(from: start))
        }
        if let name = unsupportedStatementName() {
            throw unsupported(
                "\(name) is not supported here: Sluice SQL runs queries (SELECT, WITH, VALUES, TABLE, EXPLAIN).",
                at: start, hint: "Manage tables with crawlers, jobs or the catalog; use SQL here to read data.")
        }
        guard startsQuery(at: index) else {
            throw expected("a query (SELECT, WITH, VALUES or EXPLAIN)")
        }
        return .query(try parseQuery())
    }

    /// True when the token at `position` can begin a query.
    func startsQuery(at position: Int) -> Bool {
        let token = tokens[min(position, tokens.count - 1)]
        return token.is(.select) || token.is(.with) || token.is(.values) || token.is(.table) || token.is(.leftParenthesis)
    }

    /// `CREATE TABLE`, `INSERT`, `SHOW TABLES` …: how to name the statement at the current token, if it is one Sluice refuses.
    private func unsupportedStatementName() -> String? {
        let token = current
        guard token.kind == .word else { return nil }
        let word = token.text.uppercased()
        let single: Set<String> = [
            "INSERT", "DELETE", "UPDATE", "MERGE", "USE", "SET", "RESET", "GRANT", "REVOKE", "DENY", "CALL", "PREPARE",
            "EXECUTE", "DEALLOCATE", "COMMIT", "ROLLBACK", "START", "ANALYZE", "REFRESH", "COMMENT", "TRUNCATE",
            "MSCK", "UNLOAD", "DESCRIBE", "DESC", "VACUUM", "OPTIMIZE",
        ]
        if single.contains(word) { return word }
        let twoWords: Set<String> = ["SHOW", "CREATE", "DROP", "ALTER"]
        guard twoWords.contains(word) else { return nil }
        // Name up to the object: CREATE OR REPLACE VIEW, CREATE EXTERNAL TABLE, DROP TABLE, SHOW TABLES.
        let objects: Set<String> = [
            "TABLE", "VIEW", "SCHEMA", "DATABASE", "FUNCTION", "ROLE", "CATALOG", "TABLES", "COLUMNS", "SCHEMAS",
            "DATABASES", "CATALOGS", "FUNCTIONS", "PARTITIONS", "STATS", "SESSION", "GRANTS", "ROLES",
        ]
        var words = [word]
        var offset = 1
        while offset <= 4 {
            let next = peek(offset)
            guard next.kind == .word else { break }
            let nextWord = next.text.uppercased()
            words.append(nextWord)
            if objects.contains(nextWord) || word == "SHOW" { break }
            offset += 1
        }
        if words.count > 1, !objects.contains(words[words.count - 1]), word != "SHOW" { words = [word] }
        return words.joined(separator: " ")
    }
}
