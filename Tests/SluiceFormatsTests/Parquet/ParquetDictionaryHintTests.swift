import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

/// Dictionary-encoded chunks come back with a ``ColumnDictionary`` beside their values
/// (what grouping codes by), and only when every page of the chunk used the dictionary.
@Suite struct ParquetDictionaryHintTests {
    static let schema = Schema([Field("city", .string), Field("id", .int64)])
    static let cities = ["Lisboa", "Porto", "a-city-with-a-name-longer-than-sixteen-bytes", "", "Évora"]

    static func write(rows: Int, useDictionary: Bool, nullEvery: Int?) throws -> (String, TemporaryFolder) {
        let folder = try TemporaryFolder()
        let path = folder.file("cities.parquet")
        var options = ParquetWriteOptions()
        options.useDictionary = useDictionary
        let builder = RecordBatchBuilder(schema: schema)
        for row in 0..<rows {
            let city: Value = nullEvery.map { row % $0 == 0 } == true ? .null : .string(cities[(row * 7) % cities.count])
            try builder.append(row: [city, .int(Int64(row))])
        }
        let writer = try ParquetWriter(path: path, schema: schema, options: options)
        try writer.write(builder.finish())
        try writer.finish()
        return (path, folder)
    }

    static func readAll(_ path: String) throws -> [RecordBatch] {
        let reader = try ParquetReader(path: path)
        var batches: [RecordBatch] = []
        while let batch = try reader.next() { batches.append(batch) }
        return batches
    }

    @Test(arguments: [nil, 3])
    func dictionaryMatchesTheValues(nullEvery: Int?) throws {
        let (path, folder) = try Self.write(rows: 5_000, useDictionary: true, nullEvery: nullEvery)
        _ = folder
        for batch in try Self.readAll(path) {
            let column = batch.columns[0]
            let dictionary = try #require(column.dictionary)
            let indices = try #require(dictionary.indices)
            #expect(indices.count == column.count)
            #expect(dictionary.values.count <= Self.cities.count)
            for row in 0..<column.count where !column.isNull(row) {
                #expect(dictionary.values.value(at: Int(indices[row])) == column.value(at: row))
            }
            #expect(column.nullCount == (nullEvery == nil ? 0 : (column.count + 2) / 3))
            // Unique ids: a dictionary as large as the column is not worth keeping.
            #expect(batch.columns[1].dictionary == nil)
        }
    }

    @Test func plainPagesGiveNoDictionary() throws {
        let (path, folder) = try Self.write(rows: 2_000, useDictionary: false, nullEvery: nil)
        _ = folder
        for batch in try Self.readAll(path) { #expect(batch.columns[0].dictionary == nil) }
    }

    @Test func partitionValuesCarryAOneValueDictionary() {
        let column = Column.repeating(string: "2026-11-03", count: 1_000)
        #expect(column.dictionary?.indices == nil)
        #expect(column.dictionary?.values.value(at: 0) == .string("2026-11-03"))
        // Taking rows keeps the hint; the bytes are repeated only when read.
        let taken = column.take([0, 5])
        #expect(taken.dictionary?.values.value(at: 0) == .string("2026-11-03"))
        #expect(taken.isDeferred)
        #expect(taken.value(at: 1) == .string("2026-11-03"))
        #expect(column.isDeferred)
        guard case .bytes(let offsets, let data) = column.storage else {
            Issue.record("a string column has byte storage")
            return
        }
        #expect(!column.isDeferred)
        #expect(offsets.count == 1_001 && offsets[1_000] == 10_000 && data.count == 10_000)
    }

    /// Dictionary-coded strings are read as codes: their bytes are gathered the first time
    /// something reads them, nulls as empty values, and equal what was written.
    @Test(arguments: [nil, 4])
    func stringsStayCodesUntilRead(nullEvery: Int?) throws {
        let (path, folder) = try Self.write(rows: 3_000, useDictionary: true, nullEvery: nullEvery)
        _ = folder
        var row = 0
        for batch in try Self.readAll(path) {
            let column = batch.columns[0]
            #expect(column.isDeferred)
            guard case .bytes(let offsets, _) = column.storage else {
                Issue.record("a string column has byte storage")
                return
            }
            for slot in 0..<column.count {
                let expected: Value = nullEvery.map { row % $0 == 0 } == true ? .null : .string(Self.cities[(row * 7) % Self.cities.count])
                #expect(column.value(at: slot) == expected)
                if column.isNull(slot) { #expect(offsets[slot] == offsets[slot + 1]) }
                row += 1
            }
        }
        #expect(row == 3_000)
    }

    /// A chunk whose dictionary fills up falls back to plain pages: the codes read so far are
    /// gathered before the plain values are appended, in order.
    @Test func dictionaryFallbackKeepsTheOrder() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("fallback.parquet")
        let schema = Schema([Field("word", .string)])
        var options = ParquetWriteOptions()
        options.pageSizeBytes = 512
        options.dictionaryPageSizeBytes = 256
        let builder = RecordBatchBuilder(schema: schema)
        // Repeating words first (dictionary pages), then unique ones (the dictionary overflows).
        let words = (0..<4_000).map { $0 < 1_000 ? "w\($0 % 5)" : "unique-\($0)" }
        for word in words { try builder.append(row: [.string(word)]) }
        let writer = try ParquetWriter(path: path, schema: schema, options: options)
        try writer.write(builder.finish())
        try writer.finish()
        let read = try Self.readAll(path).flatMap { batch in (0..<batch.count).map { batch.columns[0].value(at: $0) } }
        #expect(read == words.map { Value.string($0) })
        let encodings = try ParquetReader(path: path).metadata.rowGroups[0].columns[0].metadata?.encodings ?? []
        #expect(encodings.contains(.rleDictionary) && encodings.contains(.plain))
    }
}
