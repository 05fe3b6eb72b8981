public import SluiceCore
public import SluiceFormats

/// A table the engine can scan: its schema, its partition columns, and the independent pieces
/// of work ("scan units") a scan splits into. Lake folders, catalog tables, connectors and
/// in-memory batches all look like this to the engine.
public protocol TableSource: Sendable {
    /// How plans and errors name it: `read_parquet('lake/orders/')`, `sales.orders`.
    var displayName: String { get }
    var schema: Schema { get }
    /// Names of the partition columns (part of ``schema``), whose values each unit knows
    /// without reading data, so filters on them skip whole units.
    var partitionColumns: [String] { get }
    /// Rough size, for choosing the build side of joins.
    var estimatedSizeBytes: Int { get }
    /// The scan's pieces of work for reading `columns` (names of ``schema``). `predicate` may
    /// rule out units by statistics (the engine filters rows anyway).
    func scanUnits(columns: [String], predicate: ScanPredicate?) throws(SluiceError) -> ScanUnits
}

/// The units a scan reads, and how many statistics ruled out without reading them.
public struct ScanUnits: Sendable {
    public var units: [ScanUnit]
    public var skippedByStatistics: Int

    public init(units: [ScanUnit], skippedByStatistics: Int = 0) {
        self.units = units
        self.skippedByStatistics = skippedByStatistics
    }
}

/// One independently readable piece of a table: a file, some row groups of a Parquet file,
/// or some in-memory batches.
public struct ScanUnit: Sendable {
    /// Values of the table's partition columns for every row of this unit (strings, in
    /// ``TableSource/partitionColumns`` order).
    public var partitionValues: [Value]
    public var sizeBytes: Int
    /// Opens a reader of the unit's batches (with the scan's columns, in order), decoding on
    /// up to `threads` threads.
    public var open: @Sendable (_ threads: Int) throws(SluiceError) -> any BatchReader

    public init(partitionValues: [Value], sizeBytes: Int,
                open: @escaping @Sendable (_ threads: Int) throws(SluiceError) -> any BatchReader) {
        self.partitionValues = partitionValues
        self.sizeBytes = sizeBytes
        self.open = open
    }
}

/// Resolves table names in queries (`orders`, `sales.orders`). The catalog implements it;
/// without one the engine only reads lake paths through table functions.
public protocol TableProvider: Sendable {
    /// The table with this name (parts as written, unquoted parts case-insensitive), or nil.
    func table(named parts: [String]) throws(SluiceError) -> (any TableSource)?
    /// Every known table name, for "did you mean" suggestions.
    func tableNames() -> [String]
}

/// No tables: only table functions over lake paths.
public struct NoTables: TableProvider {
    public init() {}
    public func table(named parts: [String]) throws(SluiceError) -> (any TableSource)? { nil }
    public func tableNames() -> [String] { [] }
}
