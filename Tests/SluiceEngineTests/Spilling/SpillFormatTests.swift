import SluiceCore
@testable import SluiceEngine
import SluiceFormats
import SluiceTestSupport
import Testing

/// Spill files give back exactly what was written, for every type: nested structs, lists and
/// maps, decimals, timestamps, NULLs at every level, and fields declared NOT NULL.
@Suite("Spill file format")
struct SpillFormatTests {
    static let schema = Schema([
        Field("flag", .boolean), Field("tiny", .int8), Field("small", .int16, isNullable: false), Field("number", .int32),
        Field("big", .int64), Field("real", .float32), Field("double", .float64),
        Field("money", .decimal(precision: 9, scale: 2)), Field("wide", .decimal(precision: 38, scale: 6)),
        Field("text", .string), Field("bytes", .binary), Field("day", .date), Field("moment", .timestamp),
        Field("point", .struct([Field("x", .int32, isNullable: false), Field("label", .string)])),
        Field("tags", .list(.string)),
        Field("scores", .map(key: .string, value: .list(.float64))),
    ])

    static func rows(count: Int) -> [[Value]] {
        (0..<count).map { index in
            let i = Int64(index)
            let isNull = index % 5 == 3
            return [
                isNull ? .null : .boolean(index % 2 == 0),
                isNull ? .null : .int(i % 100 - 50),
                .int(i % 30_000),
                isNull ? .null : .int(i * 7),
                isNull ? .null : .int(i * 1_000_000_007),
                isNull ? .null : .double(Double(Float(index) / 3)),
                index % 7 == 0 ? .double(-0.0) : .double(Double(index) / 7),
                isNull ? .null : .decimal(Int128(i * 12345 - 99), scale: 2),
                .decimal(Int128(i) * 1_000_000_000_000_000_000 + 17, scale: 6),
                isNull ? .null : .string(index % 4 == 0 ? "" : "text \(index) ✓"),
                isNull ? .null : .binary([UInt8(index & 255), 0, 255]),
                isNull ? .null : .date(Int32(index - 500)),
                isNull ? .null : .timestamp(i * 86_400_000_001 - 5),
                index % 6 == 1 ? .null : .structure([NamedValue("x", .int(i)), NamedValue("label", index % 3 == 0 ? .null : .string("p\(index)"))]),
                index % 8 == 2 ? .null : .list(index % 3 == 0 ? [] : [.string("a"), .null, .string("t\(index)")]),
                index % 9 == 4 ? .null : .map([MapEntry(.string("k\(index)"), index % 2 == 0 ? Value.null : .list([.double(1.5), .null]))]),
            ]
        }
    }

    @Test func everyTypeRoundTrips() throws {
        let folder = try TemporaryFolder()
        let context = ExecutionContext(spillParentPath: folder.path)
        let rows = Self.rows(count: 3_000)
        let builder = RecordBatchBuilder(schema: Self.schema)
        for row in rows { try builder.append(row: row) }
        let batch = builder.finish()
        let writer = try SpillFileWriter(
            directory: context.spillDirectory, stem: "test", schema: Self.schema, statistics: context.spillStatistics)
        #expect(try writer.write(batch.take((0..<1000).map { $0 })) == 0)
        #expect(try writer.write(batch.take((1000..<3000).map { $0 })) == 1)
        let file = try writer.finish()
        #expect(file.chunkCount == 2)
        #expect(file.rowCount == 3_000)
        #expect(context.spilledBytes == file.sizeBytes)
        #expect(context.spillFileCount == 1)

        let reader = try SpillFileReader(SpillChunks(file: file, chunks: [1, 0]))
        let second = try #require(try reader.next())
        let first = try #require(try reader.next())
        #expect(try reader.next() == nil)
        #expect(second.schema == Self.schema)
        #expect(first.rows == Array(rows.prefix(1000)))
        #expect(second.rows == Array(rows.suffix(2000)))
        // Bit patterns survive: -0.0 stays negative.
        if case .float64(let values) = first.columns[6].storage { #expect(values[0].sign == .minus) }

        let path = file.path
        #expect(FileSystem.sizeBytes(of: path) > 0)
        context.close()
        #expect(try FileSystem.entries(of: folder.path).isEmpty)
    }

    @Test func aSpillFileIsDeletedWithItsLastReference() throws {
        let folder = try TemporaryFolder()
        let context = ExecutionContext(spillParentPath: folder.path)
        let schema = Schema([Field("n", .int64)])
        let writer = try SpillFileWriter(directory: context.spillDirectory, stem: "gone", schema: schema, statistics: SpillStatistics())
        try writer.write(RecordBatch(schema: schema, columns: [Column.make(.int64, [Int64(1), 2, 3], validity: nil)]))
        var file: SpillFile? = try writer.finish()
        let path = try #require(file?.path)
        #expect(FileSystem.sizeBytes(of: path) > 0)
        file = nil
        #expect(FileSystem.sizeBytes(of: path) == 0)
        #expect(try FileSystem.entries(of: try #require(context.spillDirectory.path)).isEmpty)
    }
}
