public import SluiceCore

/// What a catalog table is: its columns, where its files are, how to read them, its partition
/// keys and its parameters. A table version is one snapshot of this.
///
/// `location` is a lake URI (`s3://bucket/prefix/`, resolved into the lake folder) or a
/// local folder. An unpartitioned table reads the data files directly in its location (a
/// location may also name one file); a partitioned table reads the files directly in each
/// registered partition's location, as Hive and Athena do.
public struct TableDefinition: Sendable, Equatable, Codable {
    /// The data columns (partition keys not included).
    public var columns: [CatalogColumn]
    public var partitionKeys: [CatalogColumn]
    public var location: String
    public var classification: TableClassification
    /// Format options: for CSV ``TableParameter/delimiter`` and ``TableParameter/skipHeaderLineCount``.
    public var formatOptions: [String: String]
    /// Glue-style parameters (``TableParameter``): classification, record counts, crawler…
    public var parameters: [String: String]
    public var description: String?

    public init(
        columns: [CatalogColumn], partitionKeys: [CatalogColumn] = [], location: String,
        classification: TableClassification, formatOptions: [String: String] = [:],
        parameters: [String: String] = [:], description: String? = nil
    ) {
        self.columns = columns
        self.partitionKeys = partitionKeys
        self.location = location
        self.classification = classification
        self.formatOptions = formatOptions
        self.parameters = parameters
        self.description = description
    }

    /// Data columns then partition keys, as queries see the table.
    public var schema: Schema { Schema((columns + partitionKeys).map(\.field)) }

    /// True when `other` differs in what a reader sees: columns, keys, location or format.
    /// Parameters alone (counts, crawl times) do not make a new version.
    public func differsInShape(from other: TableDefinition) -> Bool {
        columns != other.columns || partitionKeys != other.partitionKeys || location != other.location
            || classification != other.classification || formatOptions != other.formatOptions
    }
}

/// A table as the catalog holds it: its database, name, current definition and version.
public struct CatalogTable: Sendable, Equatable {
    public var databaseName: String
    public var name: String
    public var definition: TableDefinition
    /// The current version number; 1 for a new table, one more for every change of shape.
    public var version: Int
    /// Seconds since 1970 (UTC).
    public var createdAt: Double
    public var updatedAt: Double

    public init(databaseName: String, name: String, definition: TableDefinition, version: Int, createdAt: Double, updatedAt: Double) {
        self.databaseName = databaseName
        self.name = name
        self.definition = definition
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// `database.table`.
    public var qualifiedName: String { "\(databaseName).\(name)" }
}

/// One kept version of a table's definition.
public struct TableVersion: Sendable, Equatable {
    public var version: Int
    public var definition: TableDefinition
    /// When this version became current (seconds since 1970, UTC).
    public var createdAt: Double
}
