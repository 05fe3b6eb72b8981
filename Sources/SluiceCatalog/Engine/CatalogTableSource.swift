public import SluiceCore
public import SluiceEngine
public import SluiceFormats

/// A catalog table as the engine scans it. The definition and partitions come from one read
/// of the catalog (``CatalogStore/snapshot(database:name:)``), so a crawler rewriting the
/// table meanwhile is not seen half-done.
///
/// Scan units come from the registered partitions: their typed values are the catalog's (not
/// re-parsed folder names), partitions the predicate rules out are neither listed nor opened,
/// and the files directly in each kept partition's folder are read by the engine's
/// ``DatasetTable`` with the table's schema and format options — no inference at query time.
public struct CatalogTableSource: TableSource {
    public let table: CatalogTable
    public let partitions: [CatalogPartition]
    public let displayName: String
    public let schema: Schema
    public let partitionColumns: [String]
    /// Folder that `s3://` locations resolve into.
    public let lakeRoot: String?
    public let threads: Int

    public init(table: CatalogTable, partitions: [CatalogPartition], lakeRoot: String?, threads: Int = ProcessorCount.active) {
        self.table = table
        self.partitions = partitions
        self.lakeRoot = lakeRoot
        self.threads = threads
        displayName = table.qualifiedName
        schema = table.definition.schema
        partitionColumns = table.definition.partitionKeys.map(\.name)
    }

    public var estimatedSizeBytes: Int {
        if table.definition.partitionKeys.isEmpty {
            return Int(table.definition.parameters[TableParameter.sizeKey] ?? "") ?? 0
        }
        return partitions.reduce(0) { $0 + (Int($1.parameters[TableParameter.sizeKey] ?? "") ?? 0) }
    }

    public func scanUnits(columns: [String], predicate: ScanPredicate?) throws(SluiceError) -> ScanUnits {
        let definition = table.definition
        let keys = definition.partitionKeys
        var files: [Dataset.File] = []
        var skippedFiles = 0
        var typedValues: [String: [Value]] = [:]
        let format = definition.classification.fileFormat
        if keys.isEmpty {
            let location = try LakePath.resolve(definition.location, lakeRoot: lakeRoot)
            files = try LakeFiles.dataFiles(in: location).map { Dataset.File(path: $0.path, format: format, sizeBytes: $0.sizeBytes) }
        } else {
            for partition in partitions where partition.values.count == keys.count {
                let typed = zip(partition.values, keys).map { PartitionValueParsing.value($0, as: $1.type) }
                let location = try LakePath.resolve(partition.location, lakeRoot: lakeRoot)
                if let predicate, !PartitionPruning.mightMatch(predicate, values: Dictionary(zip(keys.map(\.name), typed)) { $1 }) {
                    // Counted (a folder listing, no file opened) so EXPLAIN's units=k/n shows what was skipped.
                    skippedFiles += try LakeFiles.dataFiles(in: location).count
                    continue
                }
                typedValues[partition.values.joined(separator: "\u{1F}")] = typed
                files += try LakeFiles.dataFiles(in: location).map {
                    Dataset.File(path: $0.path, format: format, partitionValues: partition.values, sizeBytes: $0.sizeBytes)
                }
            }
        }
        let dataset = Dataset(
            files: files, dataSchema: Schema(definition.columns.map(\.field)), partitionKeys: keys.map(\.name),
            options: datasetOptions)
        var planned = try DatasetTable(dataset: dataset, displayName: displayName).scanUnits(columns: columns, predicate: predicate)
        planned.skippedByStatistics += skippedFiles
        guard !keys.isEmpty else { return planned }
        // The dataset reads partition values as text; the catalog's key types apply on top.
        let outputFields = columns.compactMap { schema.field(named: $0) }
        planned.units = planned.units.map { unit in
            let text = unit.partitionValues.map { value -> String in
                if case .string(let string) = value { return string }
                return ""
            }
            let typed = typedValues[text.joined(separator: "\u{1F}")] ?? zip(text, keys).map { PartitionValueParsing.value($0, as: $1.type) }
            var converted = unit
            converted.partitionValues = typed
            let open = unit.open
            converted.open = { threads throws(SluiceError) in
                TypedPartitionReader(reader: try open(threads), fields: outputFields, keys: keys.map(\.name), values: typed)
            }
            return converted
        }
        return planned
    }

    /// How the table's files are read: its format, schema and CSV dialect, never inferred.
    var datasetOptions: Dataset.Options {
        let definition = table.definition
        var csv = CSVReadOptions()
        if let delimiter = definition.formatOptions[TableParameter.delimiter] {
            csv.delimiter = delimiter == "\\t" ? 0x09 : delimiter.utf8.first
        }
        if let skip = definition.formatOptions[TableParameter.skipHeaderLineCount] {
            csv.header = skip == "0" ? .absent : .present
        }
        var options = Dataset.Options(format: definition.classification.fileFormat, schema: Schema(definition.columns.map(\.field)), csv: csv)
        options.threads = threads
        return options
    }
}

/// Replaces the text partition columns of a dataset reader's batches with columns of the
/// catalog's key types (the same value on every row of a unit).
final class TypedPartitionReader: BatchReader {
    let schema: Schema
    private let reader: any BatchReader
    /// For each output column: the typed constant when it is a partition key.
    private let constants: [Value?]
    private var cached: [Int: Column] = [:]
    private var cachedCount = -1

    init(reader: any BatchReader, fields: [Field], keys: [String], values: [Value]) {
        self.reader = reader
        schema = Schema(fields)
        constants = fields.map { field in keys.firstIndex(of: field.name).map { values[$0] } }
    }

    func next() throws(SluiceError) -> RecordBatch? {
        guard let batch = try reader.next() else { return nil }
        if batch.count != cachedCount {
            cached = [:]
            cachedCount = batch.count
        }
        var columns = batch.columns
        for (index, constant) in constants.enumerated() {
            guard let constant else { continue }
            if let column = cached[index] {
                columns[index] = column
            } else {
                let column = try Column.repeating(constant, type: schema.fields[index].type, count: batch.count)
                cached[index] = column
                columns[index] = column
            }
        }
        return try RecordBatch(schema: schema, columns: columns)
    }

    func takeRejected() -> [RejectedRecord] { reader.takeRejected() }
}
