import Dispatch
import SluiceCore
import Synchronization

extension ColumnGather {
    /// The rows of `batch` at `rows` (all non-negative), gathered by up to `threads` threads:
    /// each column is cut into one piece of rows per thread, the pieces gathered at once and
    /// joined. Gathering sorted rows reads at random, so it pays to spread it over the cores.
    static func gatherInParallel(_ batch: RecordBatch, rows: [Int32], threads: Int) throws(SluiceError) -> RecordBatch {
        let pieces = rows.count >= 1 << 16 ? max(1, threads) : 1
        let columnCount = batch.columns.count
        guard columnCount > 0, pieces * columnCount > 1 else { return try gather(batch, rows: rows) }
        let bounds = (0...pieces).map { rows.count * $0 / pieces }
        let results = Mutex<[Int: Column]>([:])
        let failures = Mutex<[Int: SluiceError]>([:])
        let width = min(max(1, threads), pieces * columnCount)
        DispatchQueue.concurrentPerform(iterations: width) { worker in
            var task = worker
            while task < pieces * columnCount {
                let column = batch.columns[task / pieces]
                let piece = task % pieces
                do throws(SluiceError) {
                    let part = try gather([column], type: column.type, rows: Array(rows[bounds[piece]..<bounds[piece + 1]]))
                    results.withLock { $0[task] = part }
                } catch {
                    failures.withLock { $0[task] = error }
                }
                task += width
            }
        }
        if let failure = failures.withLock({ $0.min { $0.key < $1.key }?.value }) { throw failure }
        let parts = results.withLock { $0 }
        var columns: [Column] = []
        for (index, field) in batch.schema.fields.enumerated() {
            let pieceColumns = (0..<pieces).compactMap { parts[index * pieces + $0] }
            columns.append(try ColumnConcatenation.concatenate(pieceColumns, type: field.type))
        }
        return try RecordBatch(schema: batch.schema, columns: columns)
    }
}
