import SluiceCore
import SluiceEngine
import SluiceFormats
import SluiceTestSupport
import Testing

/// Fixtures for the spilling tests: generated tables written as Parquet files of several row
/// groups (so scans run in several lanes), engines with a small memory limit and a spill folder
/// of the test's own, and row comparisons that ignore order.
enum SpillTestSupport {
    /// Writes the rows of `sql` (run without a limit) to `name` in `folder`, `rowGroupRows` rows per row group.
    @discardableResult
    static func parquet(_ sql: String, in folder: TemporaryFolder, name: String, rowGroupRows: Int = 40_000) throws -> String {
        let result = try QueryEngine().execute(sql)
        let path = folder.file(name)
        var options = ParquetWriteOptions()
        options.rowGroupRows = rowGroupRows
        let writer = try ParquetWriter(path: path, schema: result.schema, options: options)
        for batch in result.batches {
            var start = 0
            while start < batch.count {
                let end = min(batch.count, start + rowGroupRows)
                try writer.write(start == 0 && end == batch.count ? batch : batch.take((Int32(start)..<Int32(end)).map { $0 }))
                start = end
            }
        }
        try writer.finish()
        return path
    }

    /// A table `t(i)` of the numbers 1...`count` (a multiple of 10,000), as SQL for a `FROM` clause.
    static func numbers(_ count: Int) -> String {
        "(SELECT (a.x - 1) * 10000 + b.y AS i FROM UNNEST(sequence(1, \(count / 10_000))) AS a(x) "
            + "CROSS JOIN UNNEST(sequence(1, 10000)) AS b(y)) AS t"
    }

    /// An engine on two threads whose queries may hold `limitBytes` and spill under `spillFolder`.
    static func engine(limitBytes: Int, spillFolder: TemporaryFolder) -> QueryEngine {
        QueryEngine(options: QueryOptions(threads: 2, memoryLimitBytes: limitBytes, spillParentPath: spillFolder.path))
    }

    /// An engine on two threads with no memory limit to speak of: the reference.
    static func unlimited() -> QueryEngine {
        QueryEngine(options: QueryOptions(threads: 2, memoryLimitBytes: Int.max))
    }

    /// The names in `folder` (spill folders left behind show up here).
    static func entries(_ folder: TemporaryFolder) throws -> [String] {
        try FileSystem.entries(of: folder.path)
    }

    /// The `EXPLAIN ANALYZE` lines of `sql`.
    static func analyze(_ sql: String, engine: QueryEngine) throws -> [String] {
        try engine.execute("EXPLAIN ANALYZE " + sql).rows.compactMap { row in
            if case .string(let line) = row.first { return line }
            return nil
        }
    }
}
