import SluiceCore

/// Writes the rows a hash aggregation could not give a group in memory to disk, split into
/// ``fanout`` partitions by bits of their key hash, so that each partition can later be
/// aggregated on its own. Rows of one partition are buffered until a chunk is worth writing;
/// all partitions of one partitioner share one spill file, each chunk belonging to one partition.
///
/// Level 0 partitions by the top four bits of the hash, level 1 by the next four, and so on:
/// a partition that does not fit is split again by bits its rows do not share yet, and the
/// hash tables (which use the low bits) still spread its keys evenly.
final class AggregationSpillPartitioner {
    /// Partitions per level: few enough to keep a buffer each, enough that a partition is a
    /// sixteenth of what spilled.
    static let fanout = 16
    /// The deepest level: five levels use 20 hash bits, splitting spilled rows a million ways.
    static let maximumLevel = 4
    /// Rows per chunk at most (the engine's batch size).
    static let maximumChunkRows = OutputBatching.maximumRows

    let level: Int
    private let schema: Schema
    private let context: ExecutionContext
    private let statistics: SpillStatistics
    private let reservation: MemoryReservation
    private let chunkTargetBytes: Int
    private var buffers: [[RecordBatch]]
    private var bufferedRows: [Int]
    private var bufferedBytes: [Int]
    private var chunks: [[Int]]
    private var writer: SpillFileWriter?

    /// `schema`: the rows' columns; `writers`: how many partitioners may buffer at once
    /// (the chunk size is cut so that all their buffers take a quarter of the memory limit).
    init(level: Int, schema: Schema, context: ExecutionContext, statistics: SpillStatistics, writers: Int) {
        self.level = level
        self.schema = schema
        self.context = context
        self.statistics = statistics
        reservation = MemoryReservation(context.memory)
        let share = context.memory.limitBytes / (4 * Self.fanout * max(1, writers))
        chunkTargetBytes = min(4 << 20, max(32 << 10, share))
        buffers = Array(repeating: [], count: Self.fanout)
        bufferedRows = Array(repeating: 0, count: Self.fanout)
        bufferedBytes = Array(repeating: 0, count: Self.fanout)
        chunks = Array(repeating: [], count: Self.fanout)
    }

    /// The partition of a key hash at `level`.
    @inline(__always)
    static func partition(ofHash hash: UInt64, level: Int) -> Int {
        Int(truncatingIfNeeded: (hash >> UInt64(60 - 4 * level)) & UInt64(fanout - 1))
    }

    /// Adds rows `rows` of `batch`, whose key hashes are `hashes`.
    func add(_ batch: RecordBatch, rows: [Int32], hashes: [UInt64]) throws(SluiceError) {
        var partitionRows = [[Int32]](repeating: [], count: Self.fanout)
        for (row, hash) in zip(rows, hashes) { partitionRows[Self.partition(ofHash: hash, level: level)].append(row) }
        for (partition, selected) in partitionRows.enumerated() where !selected.isEmpty {
            let part = selected.count == batch.count ? batch : batch.take(selected)
            let bytes = part.estimatedByteCount
            buffers[partition].append(part)
            bufferedRows[partition] += part.count
            bufferedBytes[partition] += bytes
            reservation.grow(by: bytes)
            if bufferedBytes[partition] >= chunkTargetBytes || bufferedRows[partition] >= Self.maximumChunkRows {
                try flush(partition)
            }
        }
    }

    private func flush(_ partition: Int) throws(SluiceError) {
        guard !buffers[partition].isEmpty else { return }
        let chunk = try ColumnConcatenation.concatenate(buffers[partition], schema: schema)
        if writer == nil {
            writer = try SpillFileWriter(
                directory: context.spillDirectory, stem: "aggregate-level\(level)", schema: schema, statistics: statistics)
        }
        chunks[partition].append(try writer.unsafelyUnwrapped.write(chunk))
        buffers[partition] = []
        bufferedRows[partition] = 0
        reservation.shrink(by: bufferedBytes[partition])
        bufferedBytes[partition] = 0
    }

    /// Writes what is buffered and closes the file: per partition, its chunks (nil for none).
    func finish() throws(SluiceError) -> [SpillChunks?] {
        for partition in 0..<Self.fanout { try flush(partition) }
        guard let writer else { return Array(repeating: nil, count: Self.fanout) }
        self.writer = nil
        let file = try writer.finish()
        return chunks.map { $0.isEmpty ? nil : SpillChunks(file: file, chunks: $0) }
    }
}
