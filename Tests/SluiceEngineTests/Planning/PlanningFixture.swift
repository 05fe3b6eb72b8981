import Foundation
import SluiceCore
import SluiceEngine
import SluiceFormats
import SluiceTestSupport

/// A small lake made by code for planning tests: orders partitioned by day (JSON), the same
/// orders as one Parquet file of several row groups, and users (CSV).
final class PlanningFixture: Sendable {
    let folder: TemporaryFolder
    let engine: QueryEngine

    static let days = ["2026-11-01", "2026-11-02", "2026-11-03"]

    init() throws {
        folder = try TemporaryFolder(prefix: "sluice-planning")
        var all: [String] = []
        for (dayIndex, day) in Self.days.enumerated() {
            var lines: [String] = []
            for index in 0..<10 {
                let id = dayIndex * 10 + index
                let category = ["books", "games", "garden"][index % 3]
                let line = #"{"order_id":\#(id),"user_id":\#(index % 4),"category":"\#(category)","amount":\#(Double(id) + 0.5)}"#
                lines.append(line)
            }
            all += lines
            try folder.write(lines.joined(separator: "\n") + "\n", to: "orders/dt=\(day)/part-0.json")
        }
        try folder.write("user_id,name,city\n0,Ann,Seoul\n1,Bo,Tokyo\n2,Cy,Seoul\n3,Di,Busan\n", to: "users.csv")
        // The same orders as Parquet, 10 rows per row group, ordered by order_id.
        let schema = Schema([Field("order_id", .int64), Field("category", .string), Field("amount", .float64)])
        var options = ParquetWriteOptions()
        options.rowGroupRows = 10
        let writer = try ParquetWriter(path: folder.file("orders.parquet"), schema: schema, options: options)
        for group in 0..<3 {
            let builder = RecordBatchBuilder(schema: schema)
            for id in group * 10..<group * 10 + 10 {
                try builder.append(row: [.int(Int64(id)), .string(["books", "games", "garden"][id % 3]), .double(Double(id) + 0.5)])
            }
            try writer.write(builder.finish())
        }
        try writer.finish()
        engine = QueryEngine(options: QueryOptions(threads: 2, lakeRoot: folder.path))
    }

    var ordersJSON: String { "read_json('\(folder.file("orders"))/')" }
    var ordersParquet: String { "read_parquet('\(folder.file("orders.parquet"))')" }
    var users: String { "read_csv('\(folder.file("users.csv"))')" }

    func rows(_ sql: String) throws -> [[Value]] { try engine.execute(sql).rows }
    func plan(_ sql: String) throws -> String { try engine.explain(sql).joined(separator: "\n") }
}
