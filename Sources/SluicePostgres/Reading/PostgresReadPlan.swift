public import SluiceCore

/// A read ready to run: the result schema, the SQL of each partition, and how to decode
/// each column. Build it with ``PostgresConnector/plan(_:)``; run a partition with
/// ``PostgresConnector/read(_:partition:emit:)``.
public struct PostgresReadPlan: Sendable {
    /// What is read, for messages: `public.orders` or `query`.
    public let sourceName: String
    public let schema: Schema
    let mappings: [PostgresTypeMapping]
    /// `SELECT … FROM …` without a partition filter.
    let selectSQL: String
    /// One `WHERE` condition per partition; a single nil when the read is not partitioned.
    let partitionFilters: [String?]
    public let batchRowCount: Int

    /// A batch is also cut when its builders hold this much, so wide rows (large text or
    /// bytea) keep memory bounded: a few batches in flight stay within tens of MiB.
    public static let maximumBatchBytes = 16 << 20

    public var partitionCount: Int { partitionFilters.count }

    /// The SQL that reads partition `index`.
    public func sql(partition index: Int) -> String {
        guard let filter = partitionFilters[index] else { return selectSQL }
        return selectSQL + " WHERE " + filter
    }

    /// A plan over `columns` of `fromClause` (a quoted table name or a parenthesized query
    /// with an alias), reading `projection` (all when nil).
    init(
        sourceName: String, fromClause: String, columns: [PostgresColumnDescription], projection: [String]?,
        partitionFilters: [String?], batchRowCount: Int
    ) throws(SluiceError) {
        var chosen: [PostgresColumnDescription] = []
        if let projection {
            for name in projection {
                guard let column = columns.first(where: { $0.name == name }) else {
                    let suggestion = NameSuggestion.closest(to: name, among: columns.map(\.name)).map { " Did you mean '\($0)'?" } ?? ""
                    throw SluiceError(
                        domain: .connector, code: "postgres.columnNotFound",
                        message: "Column '\(name)' not found in \(sourceName).\(suggestion)",
                        hint: "Its columns are: \(columns.map(\.name).joined(separator: ", ")).")
                }
                chosen.append(column)
            }
        } else {
            chosen = columns
        }
        self.sourceName = sourceName
        schema = Schema(chosen.map(\.field))
        mappings = chosen.map(\.mapping)
        let list = chosen.isEmpty
            ? "NULL"
            : chosen.map { $0.mapping.selectExpression(PostgresSQL.quoted($0.name)) }.joined(separator: ", ")
        // Without columns (`count(*)` scans) a NULL per row keeps the row count.
        selectSQL = "SELECT \(list) FROM \(fromClause)"
        self.partitionFilters = partitionFilters.isEmpty ? [nil] : partitionFilters
        self.batchRowCount = max(1, batchRowCount)
    }
}

/// Quoting for identifiers and literals in the SQL the connector writes.
enum PostgresSQL {
    /// `"Name"` with inner quotes doubled.
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingAll("\"", with: "\"\"") + "\""
    }

    /// `'text'` with inner quotes doubled (standard_conforming_strings is on since 9.1).
    static func literal(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "''") + "'"
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
