import SluiceCore

/// One lane's rows for a top-N sort (`ORDER BY … LIMIT n`): it keeps only the best `keep` rows
/// (limit plus offset) seen so far, in bounded memory.
///
/// Once it holds `keep` rows, the worst of them is the cutoff: an incoming row whose first key
/// sorts after the cutoff's cannot make the cut and is dropped by a tight loop over normalized
/// keys, before any copy. Rows that may make it wait in a small pile; when the pile grows to
/// ``compactRows``, kept and waiting rows are sorted together and cut back to `keep`.
final class TopNCollector {
    private let schema: Schema
    private let keys: [SortKey]
    private let keep: Int
    private let memory: MemoryCounter
    private let firstKind: SortKeyKind
    /// True when equal normalized first keys mean equal rows: a later equal row never makes the cut.
    private let firstKeyDecides: Bool
    private var kept: RecordBatch?
    private var pending: [RecordBatch] = []
    private var pendingRows = 0
    private var heldBytes = 0
    /// The rank and normalized first key of the worst kept row, once `keep` rows are kept.
    private var cutoff: (rank: Int, key: UInt64)?

    private var compactRows: Int { max(keep, 16_384) }

    init(schema: Schema, keys: [SortKey], keep: Int, memory: MemoryCounter) throws(SluiceError) {
        self.schema = schema
        self.keys = keys
        self.keep = keep
        self.memory = memory
        guard let first = keys.first else {
            throw SluiceError.internal("A top-N sort needs at least one key.", domain: .query)
        }
        firstKind = try SortKeyKind.of(schema.fields[first.column].type, column: first.column)
        firstKeyDecides = keys.count == 1 && firstKind.isSingleWord
    }

    func add(_ batch: RecordBatch) throws(SluiceError) {
        guard keep > 0, batch.count > 0 else { return }
        var batch = batch
        if let cutoff {
            let candidates = candidateRows(batch, cutoff: cutoff)
            if candidates.isEmpty { return }
            if candidates.count < batch.count { batch = try ColumnGather.gather(batch, rows: candidates) }
        }
        pending.append(batch)
        pendingRows += batch.count
        let bytes = batch.estimatedByteCount
        heldBytes += bytes
        memory.add(bytes)
        if pendingRows >= compactRows { try compact() }
    }

    /// The kept rows, sorted, as one run (nil when none).
    func finish() throws(SluiceError) -> SortedRun? {
        try compact()
        guard let kept, kept.count > 0 else { return nil }
        return try SortedRun(batch: kept, keys: keys, threads: 1)
    }

    // MARK: Steps

    /// Rows of `batch` whose first key could still make the cut.
    private func candidateRows(_ batch: RecordBatch, cutoff: (rank: Int, key: UInt64)) -> [Int32] {
        let key = keys[0]
        let column = batch.columns[key.column]
        let count = batch.count
        let identity = (0..<Int32(count)).map { $0 }
        var normalized = [UInt64](repeating: 0, count: count)
        identity.withUnsafeBufferPointer { rows in
            normalized.withUnsafeMutableBufferPointer { normalized in
                guard let base = normalized.baseAddress else { return }
                KeyNormalizer.fill(
                    column, part: firstKind.firstPart, descending: !key.isAscending,
                    rows: rows, keys: UnsafeMutableRawPointer(base), stride: 8)
            }
        }
        let nullRank = key.nullsFirst ? 0 : 2
        let strict = firstKeyDecides
        var candidates: [Int32] = []
        normalized.withUnsafeBufferPointer { normalized in
            if column.nullCount == 0 {
                // Fast path: every row ranks 1.
                if cutoff.rank < 1 { return }
                if cutoff.rank > 1 {
                    candidates = identity
                    return
                }
                for row in 0..<count {
                    let value = normalized[row]
                    if value < cutoff.key || (!strict && value == cutoff.key) { candidates.append(Int32(row)) }
                }
                return
            }
            for row in 0..<count {
                let isNull = column.isNull(row)
                let rank = isNull ? nullRank : 1
                let value = isNull ? 0 : normalized[row]
                if rank < cutoff.rank || (rank == cutoff.rank && (value < cutoff.key || (!strict && value == cutoff.key))) {
                    candidates.append(Int32(row))
                }
            }
        }
        return candidates
    }

    /// Sorts kept and waiting rows together and keeps the best `keep`.
    private func compact() throws(SluiceError) {
        guard !pending.isEmpty else { return }
        let all = try ColumnConcatenation.concatenate((kept.map { [$0] } ?? []) + pending, schema: schema)
        pending = []
        pendingRows = 0
        let sorter = try RowSorter(batchColumns: all.columns, keys: keys)
        let order = sorter.sort(count: all.count, threads: 1, levels: false).permutation
        let best = Array(order.prefix(keep))
        let newKept = try ColumnGather.gather(all, rows: best)
        kept = newKept
        memory.remove(heldBytes)
        heldBytes = newKept.estimatedByteCount
        memory.add(heldBytes)
        if newKept.count == keep, keep > 0 {
            let key = keys[0]
            let column = newKept.columns[key.column]
            let last = newKept.count - 1
            if column.isNull(last) {
                cutoff = (key.nullsFirst ? 0 : 2, 0)
            } else {
                var value: UInt64 = 0
                [Int32(last)].withUnsafeBufferPointer { rows in
                    withUnsafeMutableBytes(of: &value) { raw in
                        guard let base = raw.baseAddress else { return }
                        KeyNormalizer.fill(
                            column, part: firstKind.firstPart, descending: !key.isAscending,
                            rows: rows, keys: base, stride: 8)
                    }
                }
                cutoff = (1, value)
            }
        }
    }
}
