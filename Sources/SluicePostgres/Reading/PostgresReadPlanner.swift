import SluiceCore

/// Turns a ``PostgresReadRequest`` into a ``PostgresReadPlan`` over one session: describes
/// the table or query, checks the projection, and computes partition ranges.
struct PostgresReadPlanner {
    let session: PostgresSession

    func plan(_ request: PostgresReadRequest) async throws(SluiceError) -> PostgresReadPlan {
        let source = try await resolveSource(request.source)
        if request.columns != nil, case .query = request.source {
            throw SluiceError(
                domain: .usage, code: "postgres.queryColumns",
                message: "A query read takes its columns from the query; a column list is for table reads.",
                hint: "Name the columns in the query's SELECT list.")
        }
        var filters: [String] = []
        if let partitioning = request.partitioning {
            filters = try await partitionFilters(partitioning, source: source).filters
        }
        return try PostgresReadPlan(
            sourceName: source.name, fromClause: source.fromClause, columns: source.columns, projection: request.columns,
            partitionFilters: filters, batchRowCount: request.batchRowCount)
    }

    /// What a read selects from: its name for messages, the `FROM` text, its columns.
    struct Source {
        var name: String
        var fromClause: String
        var columns: [PostgresColumnDescription]
    }

    func resolveSource(_ source: PostgresReadRequest.Source) async throws(SluiceError) -> Source {
        switch source {
        case .table(let schema, let name):
            let table = try await PostgresIntrospector(session: session).table(schema: schema, name: name)
            return Source(name: table.qualifiedName, fromClause: Self.fromClause(table), columns: table.columns)
        case .query(let sql):
            var cleaned = sql.trimmingWhitespace
            while cleaned.hasSuffix(";") { cleaned = String(cleaned.dropLast()).trimmingWhitespace }
            guard !cleaned.isEmpty else {
                throw SluiceError(domain: .usage, code: "postgres.emptyQuery", message: "The query to read is empty.", hint: "Give a SELECT statement.")
            }
            let columns = try await PostgresIntrospector(session: session).describeQuery(cleaned)
            return Source(name: "query", fromClause: "(\(cleaned)) AS sluice_query", columns: columns)
        }
    }

    static func fromClause(_ table: PostgresTableDescription) -> String {
        PostgresSQL.quoted(table.schemaName) + "." + PostgresSQL.quoted(table.tableName)
    }

    /// The ranges of a partitioned read; bounds not given are the column's minimum and maximum.
    func partitionFilters(_ partitioning: PostgresPartitioning, source: Source) async throws(SluiceError) -> PostgresPartitionRanges {
        guard (1...PostgresPartitioning.maximumPartitionCount).contains(partitioning.partitionCount) else {
            throw SluiceError(
                domain: .usage, code: "postgres.invalidPartitionCount",
                message: "A read can be split into 1 to \(PostgresPartitioning.maximumPartitionCount) partitions, not \(partitioning.partitionCount).",
                hint: "Each partition is one connection to the server; a few per core are plenty.")
        }
        guard let column = source.columns.first(where: { $0.name == partitioning.column }) else {
            let suggestion = NameSuggestion.closest(to: partitioning.column, among: source.columns.map(\.name)).map { " Did you mean '\($0)'?" } ?? ""
            throw SluiceError(
                domain: .usage, code: "postgres.columnNotFound",
                message: "Partition column '\(partitioning.column)' not found in \(source.name).\(suggestion)",
                hint: "Its columns are: \(source.columns.map(\.name).joined(separator: ", ")).")
        }
        let kind = try PostgresPartitionRanges.kind(of: column, source: source.name)
        var lower = try partitioning.lowerBound.map { value throws(SluiceError) in
            try PostgresPartitionRanges.bound(value, kind: kind, column: column.name, which: "lower")
        }
        var upper = try partitioning.upperBound.map { value throws(SluiceError) in
            try PostgresPartitionRanges.bound(value, kind: kind, column: column.name, which: "upper")
        }
        if lower == nil || upper == nil {
            let quoted = PostgresSQL.quoted(column.name)
            let asInteger: (String) -> String = { aggregate in
                switch kind {
                case .integer: "\(aggregate)(\(quoted))::bigint::text"
                case .date: "(\(aggregate)(\(quoted)) - DATE '1970-01-01')::text"
                case .timestamp: "floor(extract(epoch FROM \(aggregate)(\(quoted))) * 1000000)::bigint::text"
                }
            }
            let rows = try await session.textRows(
                "SELECT \(asInteger("min")), \(asInteger("max")) FROM \(source.fromClause)",
                purpose: "finding the range of partition column '\(column.name)' in \(source.name)")
            lower = lower ?? rows.first?[0].flatMap { Int64($0) }
            upper = upper ?? rows.first?[1].flatMap { Int64($0) }
        }
        // An empty table (or an all-NULL column) reads as one partition.
        guard let lower, let upper else { return PostgresPartitionRanges(quotedColumn: "", kind: kind, lower: 0, upper: 0, count: 1) }
        guard lower <= upper else {
            throw SluiceError(
                domain: .usage, code: "postgres.invalidPartitionBound",
                message: "The lower bound of partition column '\(column.name)' is above its upper bound.",
                hint: "Swap the bounds.")
        }
        return PostgresPartitionRanges(
            quotedColumn: PostgresSQL.quoted(column.name), kind: kind, lower: lower, upper: upper, count: partitioning.partitionCount)
    }
}
