import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

/// Sluice writes Parquet and reads it back: every type, nulls, nesting, every codec and
/// the writer's size options, compared value by value.
@Suite("Parquet round trips")
struct ParquetRoundTripTests {
    private func roundTrip(
        _ batches: [RecordBatch], schema: Schema, options: ParquetWriteOptions = ParquetWriteOptions(),
        readOptions: ParquetReadOptions = ParquetReadOptions()
    ) throws -> (batches: [RecordBatch], reader: ParquetReader) {
        let folder = try TemporaryFolder()
        let path = folder.file("data.parquet")
        let writer = try ParquetWriter(path: path, schema: schema, options: options)
        for batch in batches { try writer.write(batch) }
        try writer.finish()
        let reader = try ParquetReader(path: path, options: readOptions)
        return (try reader.readAll(), reader)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func randomSchemasRoundTrip(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let schema = RandomData.schema(using: &random, fieldCount: 8)
        let batches = (0..<3).map { _ in RandomData.batch(schema: schema, rows: 300, nullRate: 0.2, using: &random) }
        let (read, reader) = try roundTrip(batches, schema: schema)
        #expect(reader.schema == schema)
        let difference = BatchComparison.firstDifference(expected: batches, actual: read)
        #expect(difference == nil, "seed \(seed), schema \(schema): \(difference ?? "")")
    }

    @Test(arguments: [ParquetCompressionCodec.uncompressed, .snappy, .gzip, .zstd, .lz4Raw])
    func everyCodecRoundTrips(codec: ParquetCompressionCodec) throws {
        var random = SeededRandom(seed: 42)
        let schema = RandomData.schema(using: &random, fieldCount: 6)
        let batch = RandomData.batch(schema: schema, rows: 500, using: &random)
        var options = ParquetWriteOptions()
        options.compression = codec
        let (read, reader) = try roundTrip([batch], schema: schema, options: options)
        #expect(BatchComparison.firstDifference(expected: [batch], actual: read) == nil)
        #expect(reader.metadata.rowGroups.first?.columns.allSatisfy { $0.metadata?.codec == codec } == true)
    }

    @Test func smallRowGroupsPagesAndDictionaryFallback() throws {
        var random = SeededRandom(seed: 9)
        let schema = RandomData.schema(using: &random, fieldCount: 6)
        let batches = (0..<10).map { _ in RandomData.batch(schema: schema, rows: 100, using: &random) }
        var options = ParquetWriteOptions()
        options.rowGroupRows = 250
        options.pageSizeBytes = 300
        options.dictionaryPageSizeBytes = 200
        let (read, reader) = try roundTrip(batches, schema: schema, options: options)
        #expect(reader.metadata.rowGroups.count == 4, "a row group is closed after the batch that reaches 250 rows")
        #expect(reader.metadata.numRows == 1000)
        #expect(BatchComparison.firstDifference(expected: batches, actual: read) == nil)
        let encodings = Set(reader.metadata.rowGroups.flatMap { $0.columns.flatMap { $0.metadata?.encodings ?? [] } })
        #expect(encodings.contains(.rleDictionary) && encodings.contains(.plain))
    }

    @Test func withoutDictionaryEncoding() throws {
        var random = SeededRandom(seed: 10)
        let schema = RandomData.schema(using: &random, fieldCount: 6)
        let batch = RandomData.batch(schema: schema, rows: 400, using: &random)
        var options = ParquetWriteOptions()
        options.useDictionary = false
        let (read, reader) = try roundTrip([batch], schema: schema, options: options)
        #expect(BatchComparison.firstDifference(expected: [batch], actual: read) == nil)
        let encodings = Set(reader.metadata.rowGroups.flatMap { $0.columns.flatMap { $0.metadata?.encodings ?? [] } })
        #expect(!encodings.contains(.rleDictionary))
    }

    @Test func projectionReadsOnlyTheNamedColumns() throws {
        let schema = Schema([Field("a", .int64), Field("b", .string), Field("c", .list(.int32))])
        let builder = RecordBatchBuilder(schema: schema)
        for index in 0..<50 {
            try builder.append(row: [.int(Int64(index)), .string("row \(index)"), .list([.int(Int64(index)), .null])])
        }
        let batch = builder.finish()
        let (read, reader) = try roundTrip([batch], schema: schema, readOptions: ParquetReadOptions(columns: ["c", "a"]))
        #expect(reader.schema.names == ["c", "a"])
        #expect(read.first?.row(3) == [.list([.int(3), .null]), .int(3)])
    }

    @Test func unknownProjectedColumnListsTheColumns() throws {
        let schema = Schema([Field("price", .float64)])
        #expect {
            _ = try roundTrip([], schema: schema, readOptions: ParquetReadOptions(columns: ["prise"]))
        } throws: { error in
            (error as? SluiceError)?.message == "there is no column 'prise'; the file has price."
        }
    }

    @Test func emptyFileHasTheSchemaAndNoRows() throws {
        let schema = Schema([Field("a", .int64), Field("s", .struct([Field("x", .string)]))])
        let (read, reader) = try roundTrip([], schema: schema)
        #expect(read.isEmpty)
        #expect(reader.schema == schema)
        #expect(reader.metadata.numRows == 0)
    }

    @Test func statisticsBoundTheValues() throws {
        let schema = Schema([Field("n", .int64), Field("name", .string), Field("day", .date), Field("amount", .decimal(precision: 25, scale: 2))])
        let builder = RecordBatchBuilder(schema: schema)
        try builder.append(row: [.int(7), .string("pear"), .date(20_400), .decimal(-12_345, scale: 2)])
        try builder.append(row: [.null, .string("apple"), .date(20_300), .decimal(99_999_999_999, scale: 2)])
        try builder.append(row: [.int(-3), .null, .null, .null])
        let (_, reader) = try roundTrip([builder.finish()], schema: schema)
        let columns = try #require(reader.metadata.rowGroups.first?.columns)
        let bounds = zip(columns, reader.fileSchema.leaves).map { chunk, leaf in
            ParquetStatisticsValues.bounds(chunk.metadata!.statistics!, leaf: leaf)
        }
        #expect(bounds[0].min == .int(-3) && bounds[0].max == .int(7))
        #expect(bounds[1].min == .string("apple") && bounds[1].max == .string("pear"))
        #expect(bounds[2].min == .date(20_300) && bounds[2].max == .date(20_400))
        #expect(bounds[3].min == .decimal(-12_345, scale: 2) && bounds[3].max == .decimal(99_999_999_999, scale: 2))
        #expect(columns.map { $0.metadata?.statistics?.nullCount } == [1, 1, 1, 1])
    }

    @Test func nullInARequiredFieldIsRefused() throws {
        let schema = Schema([Field("id", .int64, isNullable: false)])
        let column = Column.nulls(.int64, count: 2)
        let folder = try TemporaryFolder()
        let writer = try ParquetWriter(path: folder.file("x.parquet"), schema: schema)
        #expect {
            try writer.write(RecordBatch(schema: Schema([Field("id", .int64, isNullable: false)]), columns: [column]))
        } throws: { error in
            (error as? SluiceError)?.code == "parquet.nullInRequired"
        }
        writer.abort()
    }
}
