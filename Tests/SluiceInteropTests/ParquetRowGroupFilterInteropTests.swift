import Foundation
import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

/// Row groups skipped from the statistics pyarrow writes (`python/pruning_file.py`): unsigned
/// integers, FIXED_LEN_BYTE_ARRAY decimals, millisecond and nanosecond timestamps, NaN.
@Suite("Parquet row-group filter on pyarrow files")
struct ParquetRowGroupFilterInteropTests {
    static let pythonFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("python").path
    static let start: Int64 = 1_699_920_000_000_000
    static let hour: Int64 = 3_600_000_000
    /// 2022-01-01.
    static let firstDay: Int32 = 18_993

    private func writeFile(in folder: TemporaryFolder) async throws -> String {
        let path = folder.file("pruning.parquet")
        let made = try await BinaryRunner(executablePath: "/usr/bin/env").run(
            ["python3", "\(Self.pythonFolder)/pruning_file.py", path], environment: ["PYTHONDONTWRITEBYTECODE": "1"])
        try #require(made.exitCode == 0, "\(made)")
        return path
    }

    static func compare(_ path: String, _ op: ComparisonOperator, _ value: Value) -> ScanPredicate {
        .compare(column: path.split(separator: ".").map(String.init), op: op, value: value)
    }

    @Test func keepsTheRowGroupsThatMightMatch() async throws {
        let folder = try TemporaryFolder()
        let path = try await writeFile(in: folder)
        let reader = try ParquetReader(path: path)
        #expect(reader.metadata.rowGroups.count == 4)
        #expect(reader.metadata.createdBy?.hasPrefix("parquet-cpp-arrow") == true)
        let filter = ParquetRowGroupFilter(metadata: reader.metadata, fileSchema: reader.fileSchema)
        // Float chunks without a NaN count may hold NaN, which sorts above every number.
        let ratioLeaf = try #require(reader.fileSchema.leaves.firstIndex { $0.path == ["ratio"] })
        let ratioCountsNaN = reader.metadata.rowGroups.allSatisfy { $0.columns[ratioLeaf].metadata?.statistics?.nanCount == 0 }
        let expectations: [(ScanPredicate, [Int])] = [
            (Self.compare("id", .equal, .int(150)), [1]),
            (Self.compare("id", .greaterOrEqual, .decimal(2_995, scale: 1)), [3]),
            (Self.compare("small", .less, .int(100)), [0]),
            (Self.compare("unsigned", .greater, .int(3_000_000_000)), [3]),
            (Self.compare("unsigned", .equal, .int(2_500_000_000)), [2]),
            (Self.compare("unsigned", .less, .int(2_000_000_000)), [0, 1]),
            (Self.compare("price", .less, .int(10)), [0]),
            (Self.compare("price", .equal, .double(75.25)), [1]),
            (Self.compare("price", .greater, .int(1_000)), [0, 1, 2, 3]),
            (Self.compare("price", .notEqual, .double(1)), [0, 1, 2, 3]),
            (Self.compare("ratio", .greaterOrEqual, .double(75)), ratioCountsNaN ? [3] : [0, 1, 2, 3]),
            (Self.compare("ratio", .less, .double(25)), [0]),
            (Self.compare("amount", .equal, .decimal(12_500, scale: 2)), [1]),
            (Self.compare("amount", .greater, .double(373.7)), [2, 3]),
            (Self.compare("amount", .less, .int(0)), []),
            (Self.compare("name", .greater, .string("d")), [3]),
            (Self.compare("name", .equal, .string("b-0150")), [1]),
            (Self.compare("day", .equal, .date(Self.firstDay + 150)), [1]),
            (Self.compare("day", .less, .timestamp(Int64(Self.firstDay + 100) * 24 * Self.hour)), [0]),
            (Self.compare("at_ms", .greaterOrEqual, .timestamp(Self.start + 300 * Self.hour)), [3]),
            (Self.compare("at_ms", .less, .date(Int32(Self.start / (24 * Self.hour)) + 4)), [0]),
            (Self.compare("at_ns", .less, .timestamp(Self.start + 100 * Self.hour)), [0]),
            (Self.compare("at_ns", .greater, .timestamp(Self.start + 299 * Self.hour)), [3]),
            (Self.compare("flag", .equal, .boolean(true)), [2, 3]),
            (Self.compare("flag", .notEqual, .boolean(true)), [0, 1]),
            (Self.compare("device.os", .equal, .string("ios")), [1]),
            (Self.compare("device.version", .greater, .int(350)), [3]),
            (.isNull(column: ["device", "os"]), [1]),
            (Self.compare("tags.list.element", .equal, .int(5)), [0, 1, 2, 3]),
            (.isNull(column: ["note"]), [0, 2, 3]),
            (.isNotNull(column: ["note"]), [1, 2]),
            (.or([Self.compare("id", .less, .int(50)), Self.compare("name", .greater, .string("d"))]), [0, 3]),
        ]
        for (predicate, expected) in expectations {
            #expect(filter.keptRowGroups(predicate) == expected, "\(predicate)")
        }
    }

    @Test func readerReturnsTheRowsOfKeptRowGroups() async throws {
        let folder = try TemporaryFolder()
        let path = try await writeFile(in: folder)
        let predicate = ScanPredicate.or([Self.compare("id", .less, .int(50)), Self.compare("name", .greater, .string("d"))])
        let reader = try ParquetReader(path: path, options: ParquetReadOptions(columns: ["id"], predicate: predicate))
        let ids = try reader.readAll().flatMap(\.rows).map { $0[0] }
        #expect(reader.rowGroupsSkipped == 2)
        #expect(ids == (Array(0..<100) + Array(300..<400)).map { .int(Int64($0)) })
    }
}
