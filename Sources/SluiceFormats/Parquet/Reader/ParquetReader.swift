public import SluiceCore

/// Reads a Parquet file as record batches, one per row group, decoding column chunks on up
/// to ``ParquetReadOptions/threads`` threads while the caller consumes earlier row groups.
/// Memory stays bounded by a few row groups, whatever the file's size.
public final class ParquetReader: BatchReader {
    public let path: String
    public let metadata: ParquetFileMetadata
    public let fileSchema: ParquetFileSchema
    /// The schema of the batches: the projected top-level columns.
    public let schema: Schema
    private let file: RandomAccessFile
    private let pipeline: OrderedParallelMap<ColumnTask, Column>
    private let fieldIndices: [Int]
    private let rowGroups: [Int]
    private var nextRowGroup = 0
    /// Requested row groups left unread because ``ParquetReadOptions/predicate`` rules them out.
    public let rowGroupsSkipped: Int
    /// Bytes of column chunks decoded so far, for progress reports.
    public private(set) var progressBytes = 0

    /// One column of one row group: the unit of parallel work.
    struct ColumnTask: Sendable {
        var rowGroup: Int
        var field: Int
    }

    public init(path: String, options: ParquetReadOptions = ParquetReadOptions()) throws(SluiceError) {
        self.path = path
        let file = try RandomAccessFile(path: path)
        let (metadata, footerStart) = try ParquetFooter.readWithStart(file)
        let fileSchema: ParquetFileSchema
        do throws(SluiceError) {
            fileSchema = try ParquetFileSchema(elements: metadata.schema)
        } catch {
            throw error.locatedIn(file: path)
        }
        let fieldIndices = try Self.projection(options.columns, schema: fileSchema.schema, path: path)
        var rowGroups = options.rowGroups ?? Array(metadata.rowGroups.indices)
        for index in rowGroups where !metadata.rowGroups.indices.contains(index) {
            throw SluiceError.internal("Row group \(index) asked of '\(path)', which has \(metadata.rowGroups.count).", domain: .format)
        }
        for (index, rowGroup) in metadata.rowGroups.enumerated() where rowGroup.columns.count != fileSchema.leaves.count {
            throw SluiceError(
                domain: .format, code: "parquet.schema",
                message: "row group \(index) has \(rowGroup.columns.count) column chunks but the schema has \(fileSchema.leaves.count) leaf columns.",
                location: ErrorLocation(file: path),
                hint: "The file's footer is damaged; rewrite it from its source.")
        }
        let requestedRowGroups = rowGroups.count
        if let predicate = options.predicate {
            rowGroups = ParquetRowGroupFilter(metadata: metadata, fileSchema: fileSchema).keptRowGroups(predicate, among: rowGroups)
        }
        rowGroupsSkipped = requestedRowGroups - rowGroups.count
        self.file = file
        self.metadata = metadata
        self.fileSchema = fileSchema
        self.fieldIndices = fieldIndices
        self.rowGroups = rowGroups
        schema = Schema(fieldIndices.map { fileSchema.schema.fields[$0] })

        var tasks: [ColumnTask] = []
        for rowGroup in rowGroups {
            for field in fieldIndices { tasks.append(ColumnTask(rowGroup: rowGroup, field: field)) }
        }
        var taskIndex = 0
        let decoder = ColumnDecoder(file: file, metadata: metadata, fileSchema: fileSchema, footerStart: footerStart)
        pipeline = OrderedParallelMap(
            workerCount: options.threads,
            produce: { () -> ColumnTask? in
                guard taskIndex < tasks.count else { return nil }
                defer { taskIndex += 1 }
                return tasks[taskIndex]
            },
            transform: { task in
                do throws(SluiceError) {
                    return .success(try decoder.decode(task))
                } catch {
                    return .failure(error)
                }
            })
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        guard nextRowGroup < rowGroups.count else { return nil }
        let rowGroup = rowGroups[nextRowGroup]
        nextRowGroup += 1
        var columns: [Column] = []
        columns.reserveCapacity(fieldIndices.count)
        for _ in fieldIndices {
            guard let column = try pipeline.next() else {
                throw SluiceError.internal("The Parquet column pipeline ended early.", domain: .format)
            }
            columns.append(column)
        }
        for field in fieldIndices {
            for leaf in fileSchema.fields[field].leaves {
                progressBytes += Int(metadata.rowGroups[rowGroup].columns[leaf].metadata?.totalCompressedSize ?? 0)
            }
        }
        return try RecordBatch(schema: schema, columns: columns)
    }

    /// Indices of the requested top-level columns; an unknown name is an error that lists
    /// the file's columns.
    private static func projection(_ names: [String]?, schema: Schema, path: String) throws(SluiceError) -> [Int] {
        guard let names else { return Array(schema.fields.indices) }
        var indices: [Int] = []
        for name in names {
            guard let index = schema.index(of: name) else {
                throw SluiceError(
                    domain: .format, code: "parquet.unknownColumn",
                    message: "there is no column '\(name)'; the file has \(schema.names.joined(separator: ", ")).",
                    location: ErrorLocation(file: path),
                    hint: "Check the spelling; `sluice schema \(path)` lists the columns.")
            }
            indices.append(index)
        }
        return indices
    }

    /// Reads and decodes the chunks of one top-level column of one row group (on a worker).
    struct ColumnDecoder: Sendable {
        let file: RandomAccessFile
        let metadata: ParquetFileMetadata
        let fileSchema: ParquetFileSchema
        /// Where the footer starts: column chunks lie between the magic number and here.
        let footerStart: Int

        func decode(_ task: ColumnTask) throws(SluiceError) -> Column {
            let rowGroup = metadata.rowGroups[task.rowGroup]
            let node = fileSchema.fields[task.field]
            var chunks = [ParquetLeafChunk?](repeating: nil, count: fileSchema.leaves.count)
            for leafIndex in node.leaves {
                let leaf = fileSchema.leaves[leafIndex]
                do throws(SluiceError) {
                    guard rowGroup.numRows >= 0, rowGroup.numRows <= Int64(Int32.max) else {
                        throw ParquetPageValues.corruptChunk(
                            "its row group claims \(rowGroup.numRows) rows, where a row group holds 0 to \(Int32.max)")
                    }
                    chunks[leafIndex] = try decodeChunk(rowGroup.columns[leafIndex], leaf: leaf, rowCount: Int(rowGroup.numRows))
                } catch {
                    throw error.locatedIn(file: file.path, field: leaf.dottedPath, rowGroup: task.rowGroup)
                }
            }
            do throws(SluiceError) {
                return try ParquetRecordAssembler.column(node, chunks: chunks, expectedCount: Int(rowGroup.numRows))
            } catch {
                throw error.locatedIn(file: file.path, field: fileSchema.schema.fields[task.field].name, rowGroup: task.rowGroup)
            }
        }

        private func decodeChunk(
            _ chunk: ParquetColumnChunk, leaf: ParquetLeafColumn, rowCount: Int
        ) throws(SluiceError) -> ParquetLeafChunk {
            guard let columnMetadata = chunk.metadata else {
                throw SluiceError(
                    domain: .format, code: "parquet.unsupported",
                    message: "the column chunk's metadata is stored outside the footer (encrypted or external file).",
                    hint: "Rewrite the file without column encryption.")
            }
            guard columnMetadata.type == leaf.physicalType else {
                throw ParquetPageValues.corruptChunk(
                    "it holds \(columnMetadata.type) values but the schema says \(leaf.physicalType)")
            }
            // An empty chunk has no pages (pyarrow writes those of an empty row group at offset 0).
            if columnMetadata.numValues == 0 {
                return try ParquetColumnChunkDecoder.decode(
                    UnsafeRawBufferPointer(start: nil, count: 0), fileOffset: 0, metadata: columnMetadata, leaf: leaf,
                    rowCount: rowCount)
            }
            guard ParquetCompression.canDecompress(columnMetadata.codec) else {
                throw ParquetCodecError.unsupported(columnMetadata.codec, writing: false)
            }
            var start = columnMetadata.dataPageOffset
            if let dictionaryOffset = columnMetadata.dictionaryPageOffset, dictionaryOffset > 0, dictionaryOffset < start {
                start = dictionaryOffset
            }
            let size = columnMetadata.totalCompressedSize
            // The chunk must lie between the magic number and the footer; check before reading.
            guard start >= Int64(ParquetFooter.magic.count), size >= 0, start <= Int64(footerStart),
                  size <= Int64(footerStart) - start
            else {
                let (end, overflow) = start.addingReportingOverflow(size)
                let range = overflow || size < 0 ? "\(size) bytes from byte \(start)" : "bytes \(start)..<\(end)"
                throw ParquetPageValues.corruptChunk(
                    "its metadata places it at \(range) of the file, but the pages "
                        + (start < Int64(ParquetFooter.magic.count)
                            ? "start at byte \(ParquetFooter.magic.count), after the magic number"
                            : "end at byte \(footerStart), where the footer starts"))
            }
            let bytes = try file.read(offset: Int(start), count: Int(size))
            return try bytes.withBytes { (bytes) throws(SluiceError) in
                try ParquetColumnChunkDecoder.decode(
                    bytes, fileOffset: Int(start), metadata: columnMetadata, leaf: leaf, rowCount: rowCount)
            }
        }
    }
}
