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
        // Any column built from it drops the hint.
        #expect(column.take([0, 5]).dictionary == nil)
    }
}
