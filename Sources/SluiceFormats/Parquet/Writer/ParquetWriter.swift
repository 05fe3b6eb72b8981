import Dispatch
public import SluiceCore
import Synchronization

/// Writes record batches as one Parquet file: batches are shredded into leaf columns, encoded
/// into pages as they arrive, and a row group is written out once it is large enough; the
/// footer (schema, row groups, statistics) closes the file. The file appears whole or not
/// at all: it is written under a temporary name and renamed by ``finish()``.
public final class ParquetWriter: BatchWriter {
    public static let createdBy = "Sluice version 0.1.0"

    public let path: String
    public let schema: Schema
    private let options: ParquetWriteOptions
    private let sink: ByteSink
    private let elements: [ParquetSchemaElement]
    private let fileSchema: ParquetFileSchema
    private let chunkWriters: [ParquetColumnChunkWriter]
    private var rowGroups: [ParquetRowGroup] = []
    private var rowsInGroup = 0
    private var totalRows = 0
    private var finished = false

    public init(path: String, schema: Schema, options: ParquetWriteOptions = ParquetWriteOptions()) throws(SluiceError) {
        self.path = path
        self.schema = schema
        self.options = options
        elements = ParquetSchemaBuilder.elements(for: schema)
        fileSchema = try ParquetFileSchema(elements: elements)
        chunkWriters = fileSchema.leaves.map { ParquetColumnChunkWriter(leaf: $0, options: options) }
        sink = try ByteSink(path: path, compress: false)
        try sink.write(ParquetFooter.magic)
    }

    public func write(_ batch: RecordBatch) throws(SluiceError) {
        guard batch.count > 0 else { return }
        // Columns are shredded and encoded independently, so they spread over the cores.
        let fileSchema = fileSchema
        let chunkWriters = chunkWriters
        let path = path
        let firstRecord = totalRows + 1
        try Self.forEachInParallel(batch.columns.count, threads: options.threads) { (index) throws(SluiceError) in
            do throws(SluiceError) {
                let shreddedLeaves = try ParquetShredder.shred(batch.columns[index], node: fileSchema.fields[index], fileSchema: fileSchema)
                for (leaf, shredded) in shreddedLeaves { try chunkWriters[leaf].append(shredded) }
            } catch {
                throw error.locatedIn(file: path, record: firstRecord)
            }
        }
        rowsInGroup += batch.count
        totalRows += batch.count
        if rowsInGroup >= options.rowGroupRows || chunkWriters.reduce(0, { $0 + $1.bufferedBytes }) >= options.rowGroupBytes {
            try flushRowGroup()
        }
    }

    /// Writes the buffered row group's column chunks and records them for the footer.
    private func flushRowGroup() throws(SluiceError) {
        guard rowsInGroup > 0 else { return }
        let groupStart = sink.bytesWritten
        var columns: [ParquetColumnChunk] = []
        var totalByteSize: Int64 = 0
        let outputs = Mutex<[ParquetChunkOutput?]>(Array(repeating: nil, count: chunkWriters.count))
        let chunkWriters = chunkWriters
        try Self.forEachInParallel(chunkWriters.count, threads: options.threads) { (index) throws(SluiceError) in
            let output = try chunkWriters[index].finish()
            outputs.withLock { $0[index] = output }
        }
        for output in outputs.withLock({ $0 }) {
            guard var output else { throw SluiceError.internal("A Parquet column chunk was not finished.", domain: .format) }
            let start = Int64(sink.bytesWritten)
            if output.dictionaryPageLength > 0 { output.metadata.dictionaryPageOffset = start }
            output.metadata.dataPageOffset = start + Int64(output.dictionaryPageLength)
            try sink.write(output.bytes)
            totalByteSize += output.metadata.totalUncompressedSize
            columns.append(ParquetColumnChunk(fileOffset: start, metadata: output.metadata))
        }
        var rowGroup = ParquetRowGroup(columns: columns, totalByteSize: totalByteSize, numRows: Int64(rowsInGroup))
        rowGroup.fileOffset = Int64(groupStart)
        rowGroup.totalCompressedSize = Int64(sink.bytesWritten - groupStart)
        rowGroup.ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        rowGroups.append(rowGroup)
        rowsInGroup = 0
    }

    /// Runs `body(0..<count)` on up to `threads` threads and rethrows the first error.
    private static func forEachInParallel(
        _ count: Int, threads: Int, _ body: @Sendable (Int) throws(SluiceError) -> Void
    ) throws(SluiceError) {
        guard threads > 1, count > 1 else {
            for index in 0..<count { try body(index) }
            return
        }
        let firstError = Mutex<SluiceError?>(nil)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            do throws(SluiceError) {
                try body(index)
            } catch {
                firstError.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = firstError.withLock({ $0 }) { throw error }
    }

    public func finish() throws(SluiceError) {
        guard !finished else { return }
        try flushRowGroup()
        var metadata = ParquetFileMetadata(version: 2, schema: elements, numRows: Int64(totalRows), rowGroups: rowGroups)
        metadata.keyValueMetadata = options.keyValueMetadata.map { ParquetKeyValue(key: $0.key, value: $0.value) }
        metadata.createdBy = Self.createdBy
        metadata.columnOrders = Array(repeating: .typeDefined, count: fileSchema.leaves.count)
        let footer = metadata.encoded()
        try sink.write(footer)
        try withUnsafeBytes(of: UInt32(footer.count).littleEndian) { (length) throws(SluiceError) in try sink.write(length) }
        try sink.write(ParquetFooter.magic)
        try sink.commit()
        finished = true
    }

    /// Drops the partial output.
    public func abort() {
        guard !finished else { return }
        finished = true
        sink.abort()
    }
}
