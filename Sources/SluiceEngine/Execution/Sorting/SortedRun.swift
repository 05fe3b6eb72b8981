import SluiceCore

/// Rows gathered into one batch and their sorted order: the unit the sort merges (and, later,
/// spills to disk). Besides the order it keeps each position's normalized first key, so the
/// merge compares plain integers and looks at the rows only when those tie.
/// `@unchecked Sendable`: immutable after init; its buffers are owned, freed in deinit.
final class SortedRun: @unchecked Sendable {
    let batch: RecordBatch
    /// The key columns, in key order.
    let keyColumns: [Column]
    /// Row numbers in sorted order.
    let permutation: UnsafeMutableBufferPointer<Int32>
    /// The normalized first key part of the row at each position (direction applied).
    let mergeKeys: UnsafeMutableBufferPointer<UInt64>
    /// Positions of the rows whose first key is null (all first or all last).
    let nullPositions: Range<Int>
    let count: Int

    /// Sorts `batch` by `keys` with up to `threads` threads. With `materialize`, the rows are
    /// also copied into sorted order (the permutation becomes the identity), so that a merge of
    /// several runs reads each run front to back instead of gathering at random; the lanes do
    /// that copy in parallel.
    init(batch: RecordBatch, keys: [SortKey], threads: Int, materialize: Bool = false) throws(SluiceError) {
        let sorter = try RowSorter(batchColumns: batch.columns, keys: keys)
        count = batch.count
        permutation = .allocate(capacity: count)
        mergeKeys = .allocate(capacity: count)
        mergeKeys.initialize(repeating: 0)
        let recordedFirstKeys = sorter.sort(into: permutation, levels: nil, firstKeys: mergeKeys, threads: threads)
        if materialize, count > 0 {
            let sorted = try ColumnGather.gather(batch, rows: Array(permutation))
            for index in 0..<count { permutation[index] = Int32(truncatingIfNeeded: index) }
            self.batch = sorted
            keyColumns = keys.map { sorted.columns[$0.column] }
        } else {
            self.batch = batch
            keyColumns = sorter.columns
        }
        if !recordedFirstKeys, let first = keys.first, let column = keyColumns.first, let base = mergeKeys.baseAddress {
            // Packed keys: the merge keys come from the first key's column, in sorted order.
            KeyNormalizer.fill(
                column, part: sorter.kinds[0].firstPart, descending: !first.isAscending,
                rows: UnsafeBufferPointer(permutation), keys: UnsafeMutableRawPointer(base), stride: 8)
        }
        if let first = keys.first, let column = sorter.columns.first {
            let nulls = column.nullCount
            nullPositions = first.nullsFirst ? 0..<nulls : (count - nulls)..<count
        } else {
            nullPositions = 0..<0
        }
    }

    /// A run of rows already in sorted order: a chunk of a run read back from a spill file.
    init(sortedBatch batch: RecordBatch, keys: [SortKey]) throws(SluiceError) {
        self.batch = batch
        count = batch.count
        keyColumns = keys.map { batch.columns[$0.column] }
        permutation = .allocate(capacity: count)
        for index in 0..<count { permutation[index] = Int32(truncatingIfNeeded: index) }
        mergeKeys = .allocate(capacity: count)
        mergeKeys.initialize(repeating: 0)
        guard let first = keys.first, let column = keyColumns.first else {
            nullPositions = 0..<0
            return
        }
        let kind = try SortKeyKind.of(column.type, column: first.column)
        if let base = mergeKeys.baseAddress, count > 0 {
            KeyNormalizer.fill(
                column, part: kind.firstPart, descending: !first.isAscending,
                rows: UnsafeBufferPointer(permutation), keys: UnsafeMutableRawPointer(base), stride: 8)
        }
        let nulls = column.nullCount
        nullPositions = first.nullsFirst ? 0..<nulls : (count - nulls)..<count
    }

    deinit {
        permutation.deallocate()
        mergeKeys.deallocate()
    }

    /// Bytes held: the rows and the order.
    var estimatedByteCount: Int { batch.estimatedByteCount + count * 12 }

    /// Bytes per row that sorting a run takes besides its rows: the order and merge keys it
    /// keeps (12) and the sorter's entries and scratch space while it sorts (36).
    static let sortBytesPerRow = 48
}
