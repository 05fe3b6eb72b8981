public import SluiceCore
public import SluiceFormats

/// Files read as one table (a ``Dataset``): a file, a folder with Hive partitions, a glob.
/// JSON and CSV files are one unit each; Parquet files one unit per row group, so big files
/// still split across lanes and statistics rule out row groups before any is read.
public struct DatasetTable: TableSource {
    public let dataset: Dataset
    public let displayName: String

    public init(dataset: Dataset, displayName: String) {
        self.dataset = dataset
        self.displayName = displayName
    }

    public var schema: Schema { dataset.schema }
    public var partitionColumns: [String] { dataset.partitionKeys }
    public var estimatedSizeBytes: Int { dataset.totalSizeBytes }

    public func scanUnits(columns: [String], predicate: ScanPredicate?) throws(SluiceError) -> ScanUnits {
        // Parquet footers are read here to split files by row group; a file whose columns the
        // dataset did not record yet gets them from its footer, so a column it lacks reads as null.
        var dataset = self.dataset
        var pieces: [(fileIndex: Int, rowGroups: [Int]?, sizeBytes: Int)] = []
        var skipped = 0
        for (index, file) in dataset.files.enumerated() {
            guard file.format == .parquet else {
                pieces.append((index, nil, file.sizeBytes))
                continue
            }
            let metadata = try ParquetFooter.read(RandomAccessFile(path: file.path))
            let fileSchema = try? ParquetFileSchema(elements: metadata.schema)
            if file.columnNames == nil, let fileSchema { dataset.files[index].columnNames = fileSchema.schema.names }
            var rowGroups = Array(metadata.rowGroups.indices)
            if let predicate, let fileSchema {
                rowGroups = ParquetRowGroupFilter(metadata: metadata, fileSchema: fileSchema)
                    .keptRowGroups(predicate, among: rowGroups)
                skipped += metadata.rowGroups.count - rowGroups.count
            }
            for rowGroup in rowGroups {
                let size = Int(metadata.rowGroups[rowGroup].totalCompressedSize ?? metadata.rowGroups[rowGroup].totalByteSize)
                pieces.append((index, [rowGroup], size))
            }
        }
        let reading = dataset
        let units = pieces.map { piece in
            let values = reading.files[piece.fileIndex].partitionValues.map { Value.string($0) }
            return ScanUnit(partitionValues: values, sizeBytes: piece.sizeBytes) { threads throws(SluiceError) in
                try DatasetFileReader(
                    dataset: reading, fileIndex: piece.fileIndex, columns: columns, rowGroups: piece.rowGroups, threads: threads)
            }
        }
        return ScanUnits(units: units, skippedByStatistics: skipped)
    }
}

/// Batches already in memory as a table (jobs' intermediate results, tests).
public struct MemoryTable: TableSource {
    public let displayName: String
    public let schema: Schema
    public let batches: [RecordBatch]

    public init(name: String, schema: Schema, batches: [RecordBatch]) {
        displayName = name
        self.schema = schema
        self.batches = batches
    }

    public var partitionColumns: [String] { [] }
    public var estimatedSizeBytes: Int { batches.reduce(0) { $0 + $1.count } * max(1, schema.count) * 8 }

    public func scanUnits(columns: [String], predicate: ScanPredicate?) throws(SluiceError) -> ScanUnits {
        let indices = columns.compactMap { schema.index(of: $0) }
        let projected = Schema(indices.map { schema.fields[$0] })
        return ScanUnits(units: try batches.map { batch throws(SluiceError) in
            let slice = try RecordBatch(schema: projected, columns: indices.map { batch.columns[$0] })
            return ScanUnit(partitionValues: [], sizeBytes: batch.count * 8) { _ in
                BatchListReader(schema: projected, batches: [slice])
            }
        })
    }
}

/// A ``BatchReader`` over batches in memory.
final class BatchListReader: BatchReader {
    let schema: Schema
    private var batches: [RecordBatch]

    init(schema: Schema, batches: [RecordBatch]) {
        self.schema = schema
        self.batches = batches.reversed()
    }

    func next() throws(SluiceError) -> RecordBatch? { batches.popLast() }
}
