/// One record of a `.slt` file: a statement or query, what it must produce, and the line it
/// starts on (for failure reports).
struct SQLLogicRecord: Sendable, Equatable {
    /// What the record expects from running its SQL.
    enum Expectation: Sendable, Equatable {
        /// `statement ok`: runs without error.
        case success
        /// `statement error <text>` / `query error <text>`: fails with an error whose message or
        /// description contains the text (any error when the text is empty).
        case error(containing: String)
        /// `query <types> [sort]`: the result's column classes and its rows as printed text.
        case rows(types: [SQLLogicColumnClass], sort: SQLLogicSortMode, expected: [String])
    }

    var expectation: Expectation
    /// The SQL as written, lines joined by `\n`, placeholders not yet replaced.
    var sql: String
    /// 1-based line of the record's header (`query …`, `statement …`).
    var line: Int
}

/// The class of a result column's type, one letter per column in a `query` header.
enum SQLLogicColumnClass: Character, Sendable, Equatable, CaseIterable {
    /// tinyint, smallint, int, bigint.
    case integer = "I"
    /// float, double, decimal.
    case real = "R"
    /// string, binary, date, timestamp and nested types.
    case text = "T"
    case boolean = "B"
}

/// How a query's rows are ordered before they are compared.
enum SQLLogicSortMode: String, Sendable, Equatable, CaseIterable {
    /// As the engine returns them (the query's ORDER BY fixes the order).
    case nosort
    /// Printed rows sorted as text on both sides.
    case rowsort
    /// Every value on its own, sorted (rows split at single spaces).
    case valuesort
    /// Each expected line appears somewhere in the printed rows, ignoring case (for text whose
    /// exact form is the engine's choice, such as `EXPLAIN` plans).
    case contains
}
