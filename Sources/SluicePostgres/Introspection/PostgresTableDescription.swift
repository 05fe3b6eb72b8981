public import SluiceCore

/// A table or view as the server describes it: its columns with PostgreSQL types and their
/// Sluice mapping, primary key, and the planner's row estimate.
public struct PostgresTableDescription: Sendable, Equatable {
    /// What kind of relation it is (`pg_class.relkind`).
    public enum Kind: String, Sendable, Equatable {
        case table
        case partitionedTable = "partitioned table"
        case view
        case materializedView = "materialized view"
        case foreignTable = "foreign table"
    }

    public var database: String
    public var schemaName: String
    public var tableName: String
    public var kind: Kind
    public var columns: [PostgresColumnDescription]
    /// Primary key columns in key order; empty when there is none (views never have one).
    public var primaryKey: [String]
    /// `pg_class.reltuples`: the planner's estimate, nil when the table was never analyzed.
    public var estimatedRowCount: Int64?
    public var comment: String?

    public init(
        database: String, schemaName: String, tableName: String, kind: Kind, columns: [PostgresColumnDescription],
        primaryKey: [String], estimatedRowCount: Int64?, comment: String?
    ) {
        self.database = database
        self.schemaName = schemaName
        self.tableName = tableName
        self.kind = kind
        self.columns = columns
        self.primaryKey = primaryKey
        self.estimatedRowCount = estimatedRowCount
        self.comment = comment
    }

    /// `public.orders`.
    public var qualifiedName: String { "\(schemaName).\(tableName)" }

    /// `appdb/public/orders`, the include-path form.
    public var path: String { "\(database)/\(schemaName)/\(tableName)" }

    /// The Sluice schema the table reads as.
    public var schema: Schema { Schema(columns.map(\.field)) }
}

/// One column: its PostgreSQL type (as `format_type` prints it) and Sluice mapping.
public struct PostgresColumnDescription: Sendable, Equatable {
    public var name: String
    /// `integer`, `numeric(12,2)`, `character varying(40)`, `mood`, `text[]`.
    public var typeName: String
    public var isNullable: Bool
    public var mapping: PostgresTypeMapping
    public var comment: String?

    public init(name: String, typeName: String, isNullable: Bool, mapping: PostgresTypeMapping, comment: String? = nil) {
        self.name = name
        self.typeName = typeName
        self.isNullable = isNullable
        self.mapping = mapping
        self.comment = comment
    }

    public var field: Field { Field(name, mapping.dataType, isNullable: isNullable) }
}
