import Synchronization

/// What an operator (or a whole query) wrote to disk: bytes, rows and files, counted by
/// every thread that spills. `EXPLAIN ANALYZE` and the CLI summary show them.
final class SpillStatistics: Sendable {
    private let bytes = Atomic<Int>(0)
    private let rows = Atomic<Int>(0)
    private let files = Atomic<Int>(0)
    /// Where the query's totals go too (nil for the query's own statistics).
    private let total: SpillStatistics?

    init(total: SpillStatistics? = nil) { self.total = total }

    func recordFile(sizeBytes: Int, rowCount: Int) {
        bytes.add(sizeBytes, ordering: .relaxed)
        rows.add(rowCount, ordering: .relaxed)
        files.add(1, ordering: .relaxed)
        total?.recordFile(sizeBytes: sizeBytes, rowCount: rowCount)
    }

    var bytesWritten: Int { bytes.load(ordering: .relaxed) }
    var rowsWritten: Int { rows.load(ordering: .relaxed) }
    var filesWritten: Int { files.load(ordering: .relaxed) }
}
