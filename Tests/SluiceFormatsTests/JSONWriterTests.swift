import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

@Suite("JSON writer and round trips")
struct JSONWriterTests {
    @Test func writesEveryTypeAsExpectedText() throws {
        let folder = try TemporaryFolder()
        let schema = Schema([
            Field("b", .boolean), Field("i", .int32), Field("d", .float64), Field("m", .decimal(precision: 10, scale: 2)),
            Field("s", .string), Field("bin", .binary), Field("day", .date), Field("t", .timestamp),
            Field("st", .struct([Field("os", .string)])), Field("l", .list(.int64)), Field("mp", .map(key: .string, value: .int64)),
        ])
        let builder = RecordBatchBuilder(schema: schema)
        try builder.append(row: [
            .boolean(true), .int(-7), .double(2.5), .decimal(-1205, scale: 2), .string("a\"b\\c\nd\u{1}é"),
            .binary([0, 1, 254]), .date(20393), .timestamp(1_761_991_205_123_000),
            .structure([NamedValue("os", .string("ios"))]), .list([.int(1), .null]),
            .map([MapEntry(.string("k"), .int(3))]),
        ])
        try builder.append(row: Array(repeating: .null, count: schema.count))
        let path = folder.file("out.json")
        let writer = try JSONWriter(path: path, schema: schema)
        try writer.write(builder.finish())
        try writer.finish()
        #expect(try folder.read("out.json") == """
            {"b":true,"i":-7,"d":2.5,"m":-12.05,"s":"a\\"b\\\\c\\nd\\u0001é","bin":"AAH+","day":"2025-11-01","t":"2025-11-01T10:00:05.123Z","st":{"os":"ios"},"l":[1,null],"mp":{"k":3}}
            {"b":null,"i":null,"d":null,"m":null,"s":null,"bin":null,"day":null,"t":null,"st":null,"l":null,"mp":null}

            """)
    }

    @Test func nonFiniteDoublesBecomeNullAndNullsCanBeOmitted() throws {
        let folder = try TemporaryFolder()
        let schema = Schema([Field("x", .float64), Field("y", .string)])
        let builder = RecordBatchBuilder(schema: schema)
        try builder.append(row: [.double(.nan), .null])
        try builder.append(row: [.double(-.infinity), .string("k")])
        let writer = try JSONWriter(path: folder.file("o.json"), schema: schema, omitsNulls: true)
        try writer.write(builder.finish())
        try writer.finish()
        #expect(try folder.read("o.json") == "{\"x\":null}\n{\"x\":null,\"y\":\"k\"}\n")
    }

    @Test func abortLeavesNoFileAndGzipOutputReadsBack() throws {
        let folder = try TemporaryFolder()
        let schema = Schema([Field("a", .int64)])
        let builder = RecordBatchBuilder(schema: schema)
        try builder.append(row: [.int(5)])
        let batch = builder.finish()
        let aborted = try JSONWriter(path: folder.file("gone.json"), schema: schema)
        try aborted.write(batch)
        aborted.abort()
        #expect(throws: (any Error).self) { try folder.read("gone.json") }
        let zipped = try JSONWriter(path: folder.file("z.json.gz"), schema: schema)
        try zipped.write(batch)
        try zipped.finish()
        #expect(try folder.readBytes("z.json.gz").prefix(2) == [0x1f, 0x8b])
        let rows = try JSONReader(path: folder.file("z.json.gz")).readAll().flatMap(\.rows)
        #expect(rows == [[.int(5)]])
    }

    /// Random schemas (nested types, awkward names) and data → write → read with the same
    /// schema → the same values.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func roundTripRandomSchemasAndData(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let folder = try TemporaryFolder()
        let schema = RandomData.schema(using: &random, fieldCount: 8, allowNested: true)
        let batches = (0..<3).map { _ in RandomData.batch(schema: schema, rows: 300, nullRate: 0.15, using: &random) }
        let path = folder.file("round.json")
        let writer = try JSONWriter(path: path, schema: schema)
        for batch in batches { try writer.write(batch) }
        try writer.finish()
        let read = try JSONReader(path: path, options: JSONReadOptions(schema: schema, batchRows: 128)).readAll()
        expectBatchesEqual(read, batches, "seed \(seed), schema \(schema)")
    }

    /// Written data read back by inference gets types that hold the values.
    @Test func inferenceReadsBackWhatTheWriterWrote() throws {
        let folder = try TemporaryFolder()
        let schema = Schema([
            Field("id", .int64), Field("price", .float64), Field("when", .timestamp), Field("day", .date),
            Field("device", .struct([Field("os", .string), Field("version", .string)])), Field("tags", .list(.string)),
        ])
        var random = SeededRandom(seed: 42)
        let batch = RandomData.batch(schema: schema, rows: 500, nullRate: 0, using: &random)
        let writer = try JSONWriter(path: folder.file("typed.json"), schema: schema)
        try writer.write(batch)
        try writer.finish()
        let reader = try JSONReader(path: folder.file("typed.json"))
        #expect(reader.schema == schema)
        expectBatchesEqual(try reader.readAll(), [batch])
    }
}
