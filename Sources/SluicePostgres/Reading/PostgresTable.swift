public import SluiceCore
public import SluiceEngine
public import SluiceFormats

/// A PostgreSQL table or view as an engine ``TableSource``: `SELECT … FROM appdb.orders`
/// reads it over the connector, only the columns the query needs, in one scan unit per
/// partition (each its own connection, read in parallel by the engine's lanes). The
/// catalog registers crawled PostgreSQL tables as these.
public struct PostgresTable: TableSource {
    public let connector: PostgresConnector
    public let table: PostgresTableDescription
    public let displayName: String
    private let partitionFilters: [String?]

    init(connector: PostgresConnector, table: PostgresTableDescription, displayName: String, partitionFilters: [String?]) {
        self.connector = connector
        self.table = table
        self.displayName = displayName
        self.partitionFilters = partitionFilters
    }

    public var schema: Schema { table.schema }
    public var partitionColumns: [String] { [] }

    /// The planner's row estimate times a rough 16 bytes per column.
    public var estimatedSizeBytes: Int {
        Int(table.estimatedRowCount ?? 1000) * max(1, table.columns.count) * 16
    }

    public func scanUnits(columns: [String], predicate: ScanPredicate?) throws(SluiceError) -> ScanUnits {
        let plan = try PostgresReadPlan(
            sourceName: table.qualifiedName, fromClause: PostgresReadPlanner.fromClause(table), columns: table.columns,
            projection: columns, partitionFilters: partitionFilters.compactMap { $0 },
            batchRowCount: PostgresReadRequest.defaultBatchRowCount)
        let connector = connector
        let unitSize = estimatedSizeBytes / plan.partitionCount
        return ScanUnits(units: (0..<plan.partitionCount).map { partition in
            ScanUnit(partitionValues: [], sizeBytes: unitSize) { _ in
                PostgresBlockingReader(schema: plan.schema) { emit throws(SluiceError) in
                    try await connector.read(plan, partition: partition, emit: emit)
                }
            }
        })
    }
}

extension PostgresConnector {
    /// The table `schema.name` as an engine table source, named `displayName` in plans and
    /// errors (e.g. `appdb.orders`). With `partitioning`, scans split into its ranges.
    public func table(
        schema: String, name: String, displayName: String? = nil, partitioning: PostgresPartitioning? = nil
    ) async throws(SluiceError) -> PostgresTable {
        try await withSession { session throws(SluiceError) in
            let planner = PostgresReadPlanner(session: session)
            let description = try await PostgresIntrospector(session: session).table(schema: schema, name: name)
            var filters: [String?] = [nil]
            if let partitioning {
                let source = PostgresReadPlanner.Source(
                    name: description.qualifiedName, fromClause: PostgresReadPlanner.fromClause(description), columns: description.columns)
                let ranges = try await planner.partitionFilters(partitioning, source: source).filters
                if !ranges.isEmpty { filters = ranges }
            }
            return PostgresTable(
                connector: self, table: description, displayName: displayName ?? description.qualifiedName, partitionFilters: filters)
        }
    }
}
