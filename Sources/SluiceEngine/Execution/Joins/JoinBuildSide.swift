import SluiceCore

/// The build (right) side of a join, gathered into one batch. For a hash join also a key
/// table over its key columns and, per key group, the build rows holding that key (one array
/// of rows ordered by group, `groupStarts` marking where each group's rows begin). Rows with a
/// null key are in no group: they never match, and outer joins emit them as unmatched.
///
/// `@unchecked Sendable`: built once by one thread, then only read by the probing threads.
final class JoinBuildSide: @unchecked Sendable {
    let batch: RecordBatch
    let table: KeyTable?
    /// Group `g`'s build rows are `groupRows[groupStarts[g]..<groupStarts[g + 1]]`.
    let groupStarts: [Int32]
    let groupRows: [Int32]
    /// True when some build row has a null in a key column (for `NOT IN`).
    let hasNullKey: Bool

    var rowCount: Int { batch.count }

    /// A side for the nested-loop join: rows only, no keys.
    init(batch: RecordBatch) {
        self.batch = batch
        table = nil
        groupStarts = []
        groupRows = []
        hasNullKey = false
    }

    /// A side for the hash join, keyed on columns `keys` of `batch`.
    init(batch: RecordBatch, keys: [Int]) throws(SluiceError) {
        self.batch = batch
        let table = try KeyTable(keyTypes: keys.map { batch.schema.fields[$0].type }, nullsAreKeys: false, operatorName: "JOIN")
        let prepared = table.prepare(keys.map { batch.columns[$0] }, rowCount: batch.count)
        let groups = table.findOrInsert(prepared)
        hasNullKey = prepared.nullRows?.contains(true) ?? false
        // Counting sort of the rows by group.
        var starts = [Int32](repeating: 0, count: table.groupCount + 1)
        for group in groups where group >= 0 { starts[Int(group) + 1] += 1 }
        for group in 0..<table.groupCount { starts[group + 1] += starts[group] }
        var cursors = starts
        var rows = [Int32](repeating: 0, count: Int(starts[table.groupCount]))
        for (row, group) in groups.enumerated() where group >= 0 {
            rows[Int(cursors[Int(group)])] = Int32(truncatingIfNeeded: row)
            cursors[Int(group)] += 1
        }
        self.table = table
        groupStarts = starts
        groupRows = rows
    }

    var memoryUsedBytes: Int { (table?.memoryUsedBytes ?? 0) + groupStarts.count * 4 + groupRows.count * 4 }
}
