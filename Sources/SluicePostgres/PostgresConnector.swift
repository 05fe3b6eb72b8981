public import Logging
public import SluiceCore
public import SluiceSecrets

/// The PostgreSQL connector's front door: one database's settings, how to resolve its
/// password, and every operation on it — test the connection, list schemas and tables,
/// describe a table, plan and run reads, expose a table to the engine.
///
///     let connector = try PostgresConnector(properties: connection.properties, secrets: resolver)
///     let result = await connector.testConnection()
///     let tables = try await connector.tables(including: [PostgresIncludePattern(parsing: "appdb/public/%")])
///     let batches = try await connector.readAll(.table("public", "orders"))
///
/// Each operation opens its own connections and closes them before it returns.
public struct PostgresConnector: Sendable {
    public let settings: PostgresConnectionSettings
    public let secrets: SecretResolver
    public let logger: Logger

    public init(settings: PostgresConnectionSettings, secrets: SecretResolver, logger: Logger = PostgresSession.quietLogger) {
        self.settings = settings
        self.secrets = secrets
        self.logger = logger
    }

    /// A connector from a connection record's properties (see ``ConnectionProperty``).
    public init(properties: [String: String], secrets: SecretResolver, logger: Logger = PostgresSession.quietLogger) throws(SluiceError) {
        self.init(settings: try PostgresConnectionSettings(properties: properties), secrets: secrets, logger: logger)
    }

    /// Runs `body` on a fresh session to this database (or `database` on the same server).
    public func withSession<Result: Sendable>(
        database: String? = nil, _ body: (PostgresSession) async throws(SluiceError) -> Result
    ) async throws(SluiceError) -> Result {
        let target = database.map { settings.with(database: $0) } ?? settings
        return try await PostgresSession.withSession(target, secrets: secrets, logger: logger, body)
    }

    // MARK: Introspection

    /// The database's user schemas.
    public func schemas() async throws(SluiceError) -> [String] {
        try await withSession { session throws(SluiceError) in try await PostgresIntrospector(session: session).schemas() }
    }

    /// The tables and views the patterns include. A pattern with a literal database part is
    /// read from that database on the same server; one with `%` from the connection's own.
    public func tables(including patterns: [PostgresIncludePattern]) async throws(SluiceError) -> [PostgresTableDescription] {
        var byDatabase: [(String, [PostgresIncludePattern])] = []
        for pattern in patterns {
            let database = pattern.hasWildcardDatabase ? settings.database : pattern.database
            guard pattern.matches(database: database) else { continue }
            if let index = byDatabase.firstIndex(where: { $0.0 == database }) {
                byDatabase[index].1.append(pattern)
            } else {
                byDatabase.append((database, [pattern]))
            }
        }
        var result: [PostgresTableDescription] = []
        for (database, patterns) in byDatabase {
            result += try await withSession(database: database) { session throws(SluiceError) in
                try await PostgresIntrospector(session: session).tables(matching: patterns)
            }
        }
        return result
    }

    /// One table or view by schema and name.
    public func describeTable(schema: String, name: String) async throws(SluiceError) -> PostgresTableDescription {
        try await withSession { session throws(SluiceError) in
            try await PostgresIntrospector(session: session).table(schema: schema, name: name)
        }
    }

    // MARK: Reading

    /// Resolves a request into a plan: the source's columns and types, the projection, and
    /// (for a partitioned read) the ranges, asking the server for the column's minimum and
    /// maximum when no bounds are given.
    public func plan(_ request: PostgresReadRequest) async throws(SluiceError) -> PostgresReadPlan {
        try await withSession { session throws(SluiceError) in
            try await PostgresReadPlanner(session: session).plan(request)
        }
    }

    /// Reads partition `partition` of `plan` over its own connection, handing each batch to
    /// `emit` before the next is decoded.
    public func read(
        _ plan: PostgresReadPlan, partition: Int, emit: (RecordBatch) async throws(SluiceError) -> Void
    ) async throws(SluiceError) {
        guard plan.partitionFilters.indices.contains(partition) else {
            throw SluiceError.internal("Partition \(partition) of a read with \(plan.partitionCount) partitions.", domain: .connector)
        }
        try await withSession { session throws(SluiceError) in
            try await PostgresBatchProducer.run(plan, partition: partition, session: session, emit: emit)
        }
    }

    /// Reads everything into memory, partitions in parallel, batches in partition order
    /// (tests, previews and small tables; larger reads stream through ``read(_:partition:emit:)``
    /// or ``table(schema:name:partitioning:)``).
    public func readAll(_ request: PostgresReadRequest) async throws(SluiceError) -> [RecordBatch] {
        let plan = try await plan(request)
        do {
            return try await withThrowingTaskGroup(of: (Int, [RecordBatch]).self) { group in
                for partition in 0..<plan.partitionCount {
                    group.addTask {
                        var batches: [RecordBatch] = []
                        try await read(plan, partition: partition) { batch throws(SluiceError) in batches.append(batch) }
                        return (partition, batches)
                    }
                }
                var results = [[RecordBatch]](repeating: [], count: plan.partitionCount)
                for try await (partition, batches) in group { results[partition] = batches }
                return results.flatMap { $0 }
            }
        } catch let error as SluiceError {
            throw error
        } catch {
            throw SluiceError.internal("Reading from PostgreSQL failed: \(error)", domain: .connector)
        }
    }
}
