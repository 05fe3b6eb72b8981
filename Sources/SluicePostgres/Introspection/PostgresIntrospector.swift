public import SluiceCore

/// Reads the catalog of the database a ``PostgresSession`` is connected to: schemas, tables
/// and views with their columns, types, nullability, primary keys and row estimates. Only
/// `pg_catalog` is queried, so any user who can connect can introspect what they can see.
public struct PostgresIntrospector: Sendable {
    public let session: PostgresSession

    public init(session: PostgresSession) {
        self.session = session
    }

    /// System schemas never listed.
    static let systemSchemaFilter = """
        n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
        """

    /// The user schemas of the database, sorted.
    public func schemas() async throws(SluiceError) -> [String] {
        try await session.textRows(
            "SELECT n.nspname FROM pg_namespace n WHERE \(Self.systemSchemaFilter) ORDER BY 1",
            purpose: "listing schemas"
        ).compactMap { $0[0] }
    }

    /// Tables, partitioned tables, views, materialized views and foreign tables whose schema
    /// and name match a pattern (the database part is the caller's business), sorted by
    /// schema and name. Partitions of a partitioned table are not listed: the parent reads them.
    public func tables(matching patterns: [PostgresIncludePattern]) async throws(SluiceError) -> [PostgresTableDescription] {
        var seen = Set<String>()
        var result: [PostgresTableDescription] = []
        for pattern in patterns {
            for table in try await tables(schemaLike: PostgresIncludePattern.likePattern(pattern.schema),
                                          tableLike: PostgresIncludePattern.likePattern(pattern.table))
            where seen.insert(table.qualifiedName).inserted {
                result.append(table)
            }
        }
        return result.sorted { ($0.schemaName, $0.tableName) < ($1.schemaName, $1.tableName) }
    }

    /// One table or view by exact name; a missing one is an error that suggests near names.
    public func table(schema: String, name: String) async throws(SluiceError) -> PostgresTableDescription {
        let found = try await tables(
            schemaLike: PostgresIncludePattern.likePattern(schema), tableLike: PostgresIncludePattern.likePattern(name))
        if let table = found.first { return table }
        let known = try await tables(schemaLike: "%", tableLike: "%").map(\.qualifiedName)
        let wanted = "\(schema).\(name)"
        let suggestion = NameSuggestion.closest(to: wanted, among: known).map { " Did you mean '\($0)'?" } ?? ""
        throw SluiceError(
            domain: .connector, code: "postgres.tableNotFound",
            message: "Table '\(wanted)' not found in database '\(session.settings.database)' on \(session.settings.address).\(suggestion)",
            hint: known.isEmpty
                ? "User '\(session.settings.user)' sees no tables there; check the database name and the user's privileges."
                : "Names are case-sensitive; user '\(session.settings.user)' sees: \(known.prefix(10).joined(separator: ", "))\(known.count > 10 ? ", …" : "").")
    }

    // MARK: Catalog queries

    private func tables(schemaLike: String, tableLike: String) async throws(SluiceError) -> [PostgresTableDescription] {
        let filter = """
            c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition AND \(Self.systemSchemaFilter)
              AND n.nspname LIKE $1 AND c.relname LIKE $2
            """
        let relations = try await session.textRows("""
            SELECT c.oid::text, n.nspname, c.relname, c.relkind::text, c.reltuples::bigint::text,
                   obj_description(c.oid, 'pg_class')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE \(filter)
            ORDER BY n.nspname, c.relname
            """, bindings: [schemaLike, tableLike], purpose: "listing tables")
        guard !relations.isEmpty else { return [] }
        let columns = try await session.textRows("""
            SELECT c.oid::text, a.attname, format_type(a.atttypid, a.atttypmod),
                   base.oid::text, (CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)::text,
                   (CASE WHEN base.typcategory = 'A' THEN base.typelem ELSE 0 END)::text,
                   a.attnotnull::text, col_description(c.oid, a.attnum)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
              JOIN pg_type t ON t.oid = a.atttypid
              JOIN pg_type base ON base.oid = (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END)
            WHERE \(filter)
            ORDER BY c.oid, a.attnum
            """, bindings: [schemaLike, tableLike], purpose: "reading column types")
        let keys = try await session.textRows("""
            SELECT c.oid::text, a.attname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
              CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE \(filter)
            ORDER BY c.oid, k.position
            """, bindings: [schemaLike, tableLike], purpose: "reading primary keys")

        var columnsByTable: [String: [PostgresColumnDescription]] = [:]
        for row in columns {
            guard let oid = row[0] else { continue }
            columnsByTable[oid, default: []].append(Self.column(row, offset: 1))
        }
        var keysByTable: [String: [String]] = [:]
        for row in keys {
            guard let oid = row[0], let name = row[1] else { continue }
            keysByTable[oid, default: []].append(name)
        }
        return relations.compactMap { row in
            guard let oid = row[0], let schema = row[1], let name = row[2] else { return nil }
            let estimate = row[4].flatMap { Int64($0) }
            return PostgresTableDescription(
                database: session.settings.database, schemaName: schema, tableName: name,
                kind: Self.kind(row[3] ?? "r"), columns: columnsByTable[oid] ?? [], primaryKey: keysByTable[oid] ?? [],
                estimatedRowCount: estimate.flatMap { $0 >= 0 ? $0 : nil }, comment: row[5])
        }
    }

    /// The result columns of a query, without running it: the query becomes a temporary view
    /// (visible to this session only) whose columns are read like a table's, then dropped.
    func describeQuery(_ sql: String) async throws(SluiceError) -> [PostgresColumnDescription] {
        let view = "sluice_describe_\(UInt32.random(in: 0...UInt32.max))"
        _ = try await session.textRows(
            "CREATE TEMPORARY VIEW \(view) AS \(sql)", purpose: "checking the query")
        let rows = try await session.textRows("""
            SELECT a.attname, format_type(a.atttypid, a.atttypmod),
                   base.oid::text, (CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END)::text,
                   (CASE WHEN base.typcategory = 'A' THEN base.typelem ELSE 0 END)::text,
                   'false', NULL
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
              JOIN pg_type base ON base.oid = (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END)
            WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, bindings: ["pg_temp.\(view)"], purpose: "reading the query's column types")
        _ = try await session.textRows("DROP VIEW IF EXISTS pg_temp.\(view)", purpose: "dropping the query's temporary view")
        return rows.map { Self.column($0, offset: 0) }
    }

    /// A column from catalog text: name, format_type, base type OID, modifier, element OID,
    /// not-null flag, comment.
    private static func column(_ row: [String?], offset: Int) -> PostgresColumnDescription {
        let typeOID = UInt32(row[offset + 2] ?? "") ?? 0
        let modifier = Int32(row[offset + 3] ?? "") ?? -1
        let element = UInt32(row[offset + 4] ?? "") ?? 0
        return PostgresColumnDescription(
            name: row[offset] ?? "", typeName: row[offset + 1] ?? "unknown", isNullable: row[offset + 5] != "true",
            mapping: PostgresTypeMapping(typeOID: typeOID, typeModifier: modifier, elementOID: element == 0 ? nil : element),
            comment: row[offset + 6])
    }

    private static func kind(_ code: String) -> PostgresTableDescription.Kind {
        switch code {
        case "p": .partitionedTable
        case "v": .view
        case "m": .materializedView
        case "f": .foreignTable
        default: .table
        }
    }
}
