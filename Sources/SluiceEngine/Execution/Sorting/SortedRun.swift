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

    /// Sorts `batch` by `keys` with up to `threads` threads.
    init(batch: RecordBatch, keys: [SortKey], threads: Int) throws(SluiceError) {
        let sorter = try RowSorter(batchColumns: batch.columns, keys: keys)
        self.batch = batch
        count = batch.count
        keyColumns = sorter.columns
        permutation = .allocate(capacity: count)
        mergeKeys = .allocate(capacity: count)
        sorter.sort(into: permutation, levels: nil, threads: threads)
        if let first = keys.first, let column = sorter.columns.first {
            let nulls = column.nullCount
            nullPositions = first.nullsFirst ? 0..<nulls : (count - nulls)..<count
            if let base = mergeKeys.baseAddress {
                KeyNormalizer.fill(
                    column, part: sorter.kinds[0].firstPart, descending: !first.isAscending,
                    rows: UnsafeBufferPointer(permutation), keys: UnsafeMutableRawPointer(base), stride: 8)
            }
        } else {
            mergeKeys.initialize(repeating: 0)
            nullPositions = 0..<0
        }
    }

    deinit {
        permutation.deallocate()
        mergeKeys.deallocate()
    }

    /// Bytes held: the rows and the order.
    var estimatedByteCount: Int { batch.estimatedByteCount + count * 12 }
}
