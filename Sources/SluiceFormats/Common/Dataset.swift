public import SluiceCore

/// A set of data files read as one table: what a user names on the command line (a file, a
/// folder, a glob). Each file's schema is inferred (in parallel) and merged by
/// ``SchemaMerge``; Hive-style folders (`dt=2026-11-01/`) add string partition columns.
public struct Dataset: Sendable {
    /// One file of the dataset, its format and its partition values.
    public struct File: Sendable {
        public var path: String
        public var format: FileFormat
        public var partitionValues: [String]
        /// Size on disk (compressed size for gzip), for progress reports.
        public var sizeBytes: Int
        /// The file's own column names in order, once inference has read them (CSV files are
        /// read by position, so their columns must match the table's).
        public var columnNames: [String]?
        /// For CSV, the delimiter and header decision inference made, so reading uses the same
        /// ones without sniffing the file again.
        public var csvDialect: CSVDialect?

        public init(
            path: String, format: FileFormat, partitionValues: [String] = [], sizeBytes: Int,
            columnNames: [String]? = nil, csvDialect: CSVDialect? = nil
        ) {
            self.path = path
            self.format = format
            self.partitionValues = partitionValues
            self.sizeBytes = sizeBytes
            self.columnNames = columnNames
            self.csvDialect = csvDialect
        }
    }

    public var files: [File]
    /// The merged schema of the files, then the partition columns.
    public var schema: Schema
    /// Names of the partition columns (at the end of ``schema``).
    public var partitionKeys: [String]
    /// What merging the files' schemas changed, for reports.
    public var changes: [SchemaChange]
    /// Records read for inference, over all files.
    public var recordsSampled: Int
    /// The files' total size on disk.
    public var totalSizeBytes: Int { files.reduce(0) { $0 + $1.sizeBytes } }

    /// Options shared by every format.
    public struct Options: Sendable {
        /// Force a format; nil detects it from each file's name.
        public var format: FileFormat?
        public var inference = InferenceOptions()
        public var badRecords = BadRecordPolicy.fail
        /// A schema to read with instead of inferring one.
        public var schema: Schema?
        public var threads = ProcessorCount.active
        /// CSV dialect settings (delimiter, quote, header, null markers); its schema, policy
        /// and inference fields are taken from the options above.
        public var csv = CSVReadOptions()

        public init(format: FileFormat? = nil, inference: InferenceOptions = InferenceOptions(),
                    badRecords: BadRecordPolicy = .fail, schema: Schema? = nil, csv: CSVReadOptions = CSVReadOptions()) {
            self.format = format
            self.inference = inference
            self.badRecords = badRecords
            self.schema = schema
            self.csv = csv
        }

        /// The CSV options for reading with `schema` (nil: infer).
        func csvOptions(schema: Schema?) -> CSVReadOptions {
            var options = csv
            options.schema = schema
            options.badRecords = badRecords
            options.inference = inference
            return options
        }
    }

    public let options: Options

    /// Finds the files under `path` and works out their common schema.
    public init(path: String, options: Options = Options()) throws(SluiceError) {
        self.options = options
        let paths = try InputFiles.expand(path)
        var files: [File] = []
        var partitionKeys: [String]?
        let folderPrefix = Dataset.commonPrefix(path)
        for filePath in paths {
            guard let format = options.format ?? FileFormat.detect(path: filePath) else {
                throw SluiceError(
                    domain: .format, code: "format.unknown",
                    message: "Cannot tell the format of '\(filePath)' from its name.",
                    hint: "Name files .json/.ndjson/.jsonl, .csv/.tsv (optionally .gz) or .parquet, or pass --format json|csv|parquet.")
            }
            let partitions = InputFiles.hivePartitions(in: String(filePath.dropFirst(folderPrefix.count)))
            let keys = partitions.map(\.key)
            if let partitionKeys, partitionKeys != keys {
                throw SluiceError(
                    domain: .format, code: "partition.mismatch",
                    message: "this file has partition folders \(keys) but other files have \(partitionKeys).",
                    location: ErrorLocation(file: filePath),
                    hint: "Every file of one table needs the same key=value folder levels.")
            }
            partitionKeys = keys
            files.append(File(
                path: filePath, format: format, partitionValues: partitions.map(\.value),
                sizeBytes: FileSystem.sizeBytes(of: filePath)))
        }
        let keys = partitionKeys ?? []
        self.files = files
        self.partitionKeys = keys
        if let schema = options.schema {
            self.schema = Schema(schema.fields + keys.map { Field($0, .string) })
            changes = []
            recordsSampled = 0
            return
        }
        let results = try Dataset.inferAll(files, options: options)
        let inferred = results.map(\.schema)
        for index in files.indices {
            self.files[index].columnNames = inferred[index].schema.names
            self.files[index].csvDialect = results[index].csvDialect
        }
        let merged = SchemaMerge.merge(zip(files, inferred).map {
            SchemaMerge.Input(source: $0.path, schema: $1.schema, nullOnlyFields: $1.nullOnlyFields)
        })
        var fields = merged.schema.fields.filter { !keys.contains($0.name) }
        fields += keys.map { Field($0, .string) }
        schema = Schema(fields)
        changes = merged.changes
        recordsSampled = inferred.reduce(0) { $0 + $1.recordsSampled }
    }

    /// A dataset whose files and schema are already known (a catalog table): nothing is listed
    /// or inferred. `dataSchema` holds the files' columns; `partitionKeys` name the string
    /// partition columns appended after them, whose values each file carries in order.
    public init(files: [File], dataSchema: Schema, partitionKeys: [String], options: Options = Options()) {
        self.options = options
        self.files = files
        self.partitionKeys = partitionKeys
        schema = Schema(dataSchema.fields + partitionKeys.map { Field($0, .string) })
        changes = []
        recordsSampled = 0
    }

    /// The folder part of a path or glob, which partition detection ignores.
    private static func commonPrefix(_ path: String) -> String {
        guard let wildcard = path.firstIndex(where: { $0 == "*" || $0 == "?" || $0 == "[" }) else { return "" }
        let head = path[..<wildcard]
        return head.lastIndex(of: "/").map { String(head[...$0]) } ?? ""
    }

    /// What inference found in one file.
    struct FileInference: Sendable {
        var schema: InferredSchema
        var csvDialect: CSVDialect?
    }

    private static func inferAll(_ files: [File], options: Options) throws(SluiceError) -> [FileInference] {
        var index = 0
        let pipeline = OrderedParallelMap<File, FileInference>(
            workerCount: options.threads,
            produce: { () -> File? in
                guard index < files.count else { return nil }
                defer { index += 1 }
                return files[index]
            },
            transform: { file in
                do throws(SluiceError) {
                    return .success(try Dataset.infer(file, options: options))
                } catch {
                    return .failure(error)
                }
            })
        var results: [FileInference] = []
        while let result = try pipeline.next() { results.append(result) }
        return results
    }

    static func infer(_ file: File, options: Options) throws(SluiceError) -> FileInference {
        switch file.format {
        case .json:
            let inferred = try JSONSchemaInference.infer(path: file.path, options: options.inference, badRecords: options.badRecords)
            return FileInference(schema: inferred)
        case .csv:
            let inferred = try CSVSchemaInference.infer(path: file.path, options: options.csvOptions(schema: nil))
            return FileInference(schema: inferred.inferred, csvDialect: inferred.dialect)
        case .parquet:
            // A Parquet file carries its schema: read it from the footer, nothing to sample.
            let metadata = try ParquetFooter.read(RandomAccessFile(path: file.path))
            let schema: ParquetFileSchema
            do throws(SluiceError) {
                schema = try ParquetFileSchema(elements: metadata.schema)
            } catch {
                throw error.locatedIn(file: file.path)
            }
            return FileInference(schema: InferredSchema(schema: schema.schema, nullOnlyFields: [], recordsSampled: 0, isComplete: true))
        }
    }

    /// A reader over all files in order, with the merged schema, or only the named columns
    /// (in that order; Parquet files then read only those column chunks).
    public func makeReader(columns: [String]? = nil) throws(SluiceError) -> DatasetReader {
        guard let columns else { return DatasetReader(dataset: self, columns: schema.names) }
        for name in columns where schema.index(of: name) == nil {
            throw SluiceError(
                domain: .usage, code: "usage.unknownColumn",
                message: "There is no column '\(name)'; the columns are \(schema.names.joined(separator: ", ")).",
                hint: "Check the spelling; `sluice schema` lists the columns.")
        }
        return DatasetReader(dataset: self, columns: columns)
    }
}

/// Reads every file of a ``Dataset`` in turn as batches of the dataset's schema (or the
/// columns asked for): fields a file lacks are null, partition columns are filled from the
/// file's folders.
public final class DatasetReader: BatchReader {
    public let dataset: Dataset
    public let schema: Schema
    private let columns: [String]
    private var fileIndex = 0
    private var current: DatasetFileReader?
    private var rejected: [RejectedRecord] = []
    /// Bytes of the files finished so far.
    private var bytesRead = 0

    init(dataset: Dataset, columns: [String]) {
        self.dataset = dataset
        self.columns = columns
        schema = Schema(columns.compactMap { dataset.schema.field(named: $0) })
    }

    /// Bytes read from disk so far over all files.
    public var progressBytes: Int { bytesRead + (current?.progressBytes ?? 0) }

    public func next() throws(SluiceError) -> RecordBatch? {
        while true {
            if current == nil {
                guard fileIndex < dataset.files.count else { return nil }
                current = try DatasetFileReader(dataset: dataset, fileIndex: fileIndex, columns: columns)
            }
            guard let reader = current else { return nil }
            if let batch = try reader.next() {
                rejected += reader.takeRejected()
                return batch
            }
            rejected += reader.takeRejected()
            bytesRead += reader.progressBytes
            current = nil
            fileIndex += 1
        }
    }

    public func takeRejected() -> [RejectedRecord] {
        defer { rejected = [] }
        return rejected
    }
}

/// Reads one file of a ``Dataset`` as batches of the dataset's schema (or the columns asked
/// for): fields the file lacks are null, partition columns are filled from its folders. The
/// engine reads files (and Parquet row groups) as independent pieces of work this way.
public final class DatasetFileReader: BatchReader {
    public let schema: Schema
    public let file: Dataset.File
    /// Where each output column comes from: the batch read from the file (`dataSchema`), or
    /// a partition value.
    private let sources: [Source]
    private enum Source {
        case data(Int)
        case partition(Int)
    }
    private let dataSchema: Schema
    private var reader: (any BatchReader)?
    private var progress: () -> Int = { 0 }

    /// `rowGroups` and `predicate` apply to Parquet files only (nil: every row group);
    /// `threads` is the reader's own decoding parallelism.
    public init(
        dataset: Dataset, fileIndex: Int, columns: [String], rowGroups: [Int]? = nil,
        predicate: ScanPredicate? = nil, threads: Int? = nil
    ) throws(SluiceError) {
        let file = dataset.files[fileIndex]
        self.file = file
        let allData = Array(dataset.schema.fields.dropLast(dataset.partitionKeys.count))
        // CSV files are read by position, so they always read every data column.
        let wanted = allData.filter { columns.contains($0.name) }
        // With no data column wanted, one is still read so batches keep their row counts.
        let dataFields = file.format == .csv ? allData : wanted.isEmpty ? Array(allData.prefix(1)) : wanted
        dataSchema = Schema(dataFields)
        var sources: [Source] = []
        var fields: [Field] = []
        for name in columns {
            guard let field = dataset.schema.field(named: name) else {
                throw SluiceError.internal("Column '\(name)' asked of a dataset that lacks it.", domain: .format)
            }
            fields.append(field)
            if let key = dataset.partitionKeys.firstIndex(of: name) {
                sources.append(.partition(key))
            } else if let index = dataFields.firstIndex(where: { $0.name == name }) {
                sources.append(.data(index))
            }
        }
        self.sources = sources
        schema = Schema(fields)
        let threads = threads ?? dataset.options.threads
        reader = try open(file, options: dataset.options, rowGroups: rowGroups, predicate: predicate, threads: threads)
    }

    /// Bytes of this file read from disk so far.
    public var progressBytes: Int { progress() }

    public func next() throws(SluiceError) -> RecordBatch? {
        guard let reader else { return nil }
        guard let batch = try reader.next() else {
            self.reader = nil
            return nil
        }
        return try output(batch)
    }

    public func takeRejected() -> [RejectedRecord] { reader?.takeRejected() ?? [] }

    private func open(
        _ file: Dataset.File, options: Dataset.Options, rowGroups: [Int]?, predicate: ScanPredicate?, threads: Int
    ) throws(SluiceError) -> any BatchReader {
        switch file.format {
        case .json:
            let reader = try JSONReader(path: file.path, options: JSONReadOptions(
                schema: dataSchema, inference: options.inference, badRecords: options.badRecords, threads: threads))
            progress = { reader.progress.bytesRead }
            return reader
        case .csv:
            // CSV fields are matched by position: a file whose columns differ from the table's
            // would be misread, so say so instead.
            if let names = file.columnNames, !names.isEmpty, names != dataSchema.names {
                throw SluiceError(
                    domain: .format, code: "csv.columnsDiffer",
                    message: "this file has the columns (\(names.joined(separator: ", "))) but the files read "
                        + "together have (\(dataSchema.names.joined(separator: ", "))).",
                    location: ErrorLocation(file: file.path, line: 1),
                    hint: "CSV columns are matched by position: read files with different headers separately, "
                        + "or rewrite them with the same columns in the same order.")
            }
            var csvOptions = options.csvOptions(schema: dataSchema)
            if let dialect = file.csvDialect {
                csvOptions.delimiter = dialect.delimiter
                csvOptions.header = dialect.hasHeader ? .present : .absent
            }
            let reader = try CSVReader(path: file.path, options: csvOptions)
            progress = { reader.progressBytes }
            return reader
        case .parquet:
            let present = dataSchema.names.filter { name in
                file.columnNames.map { $0.contains(name) } ?? true
            }
            let reader = try ParquetReader(
                path: file.path,
                options: ParquetReadOptions(columns: present, rowGroups: rowGroups, predicate: predicate, threads: threads))
            progress = { reader.progressBytes }
            return SchemaAdapter(reader: reader, schema: dataSchema)
        }
    }

    /// The batch's columns in the output order, partition values added as constant columns.
    private func output(_ batch: RecordBatch) throws(SluiceError) -> RecordBatch {
        var columns: [Column] = []
        columns.reserveCapacity(sources.count)
        for source in sources {
            switch source {
            case .data(let index):
                columns.append(batch.columns[index])
            case .partition(let key):
                columns.append(Column.repeating(string: file.partitionValues[key], count: batch.count))
            }
        }
        return try RecordBatch(schema: schema, columns: columns)
    }
}
