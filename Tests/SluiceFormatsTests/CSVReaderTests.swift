import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

@Suite("CSV reading: RFC 4180 syntax, nulls, headers, gzip")
struct CSVReaderTests {
    let fixture: TemporaryFolder

    init() throws {
        fixture = try TemporaryFolder()
    }
    let textSchema = Schema([Field("a", .string), Field("b", .string)])

    @Test func quotedFieldsWithDoubledQuotesDelimitersAndNewlines() throws {
        let path = try fixture.write("a,b\n\"he said \"\"hi\"\"\",\"x,y\"\n\"line1\nline2\",plain\n", to: "data.csv")
        let (_, rows) = try readCSV(path, CSVReadOptions(schema: textSchema))
        #expect(rows == [[.string("he said \"hi\""), .string("x,y")], [.string("line1\nline2"), .string("plain")]])
    }

    @Test func crlfBomMissingFinalNewlineAndBlankLines() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n\r\n\n\"3\r\n\",4\r\n5,6".utf8)
        let path = try fixture.write(bytes: bytes, to: "crlf.csv")
        let (reader, rows) = try readCSV(path, CSVReadOptions(schema: textSchema))
        #expect(reader.dialect.hasHeader)
        #expect(rows == [[.string("1"), .string("2")], [.string("3\r\n"), .string("4")], [.string("5"), .string("6")]])
    }

    @Test func inferredSchemaReadsTheBomHeaderCleanly() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\n1,x\n".utf8)
        let (reader, rows) = try readCSV(try fixture.write(bytes: bytes, to: "bom.csv"))
        #expect(reader.schema.names == ["id", "name"])
        #expect(rows == [[.int(1), .string("x")]])
    }

    @Test func nullMarkersAndEmptyQuotedStrings() throws {
        let path = try fixture.write("s,n\n,1\nNULL,\nnull,\\N\n\"\",\"\"\n\"NULL\",2\n", to: "data.csv")
        let schema = Schema([Field("s", .string), Field("n", .int64)])
        let (_, rows) = try readCSV(path, CSVReadOptions(schema: schema))
        #expect(rows == [
            [.null, .int(1)], [.null, .null], [.null, .null], [.string(""), .null], [.string("NULL"), .int(2)],
        ])
    }

    @Test func customNullMarkers() throws {
        let path = try fixture.write("s\nNA\n\n", to: "na.csv")
        let options = CSVReadOptions(header: .present, nullMarkers: ["NA"], schema: Schema([Field("s", .string)]))
        // The blank line is skipped; an empty field is no longer null, but "NA" is.
        let (_, rows) = try readCSV(path, options)
        #expect(rows == [[.null]])
        let path2 = try fixture.write("a,b\nNA,\n", to: "na2.csv")
        let (_, rows2) = try readCSV(path2, CSVReadOptions(nullMarkers: ["NA"], schema: textSchema))
        #expect(rows2 == [[.null, .string("")]])
    }

    @Test func headerAbsentNamesColumnsByPosition() throws {
        let path = try fixture.write("1,x\n2,y\n", to: "data.csv")
        let (reader, rows) = try readCSV(path, CSVReadOptions(header: .absent))
        #expect(reader.schema.names == ["col0", "col1"])
        #expect(rows == [[.int(1), .string("x")], [.int(2), .string("y")]])
    }

    @Test func explicitSchemaDetectsAHeaderByNamesOrTypes() throws {
        let schema = Schema([Field("id", .int64), Field("name", .string)])
        let withHeader = try fixture.write("ID,Name\n1,a\n", to: "h.csv")
        #expect(try readCSV(withHeader, CSVReadOptions(schema: schema)).rows == [[.int(1), .string("a")]])
        let otherNames = try fixture.write("key,label\n1,a\n", to: "h2.csv")
        #expect(try readCSV(otherNames, CSVReadOptions(schema: schema)).rows == [[.int(1), .string("a")]])
        let noHeader = try fixture.write("1,a\n2,b\n", to: "h3.csv")
        #expect(try readCSV(noHeader, CSVReadOptions(schema: schema)).rows.count == 2)
    }

    @Test func gzipInput() throws {
        let path = try fixture.writeGzip("id,name\n1,a\n2,b\n", name: "data.csv.gz")
        let (reader, rows) = try readCSV(path)
        #expect(reader.schema == Schema([Field("id", .int64), Field("name", .string)]))
        #expect(rows == [[.int(1), .string("a")], [.int(2), .string("b")]])
    }

    @Test func tsvFilesAreTabSeparated() throws {
        let path = try fixture.write("a\tb\n1,5\tx\n", to: "data.tsv")
        let (reader, rows) = try readCSV(path)
        #expect(reader.dialect.delimiter == 0x09)
        #expect(rows == [[.string("1,5"), .string("x")]])
    }

    @Test func quotingOffReadsQuotesAsText() throws {
        let path = try fixture.write("a,b\n5\" screen,\"x\"\n", to: "data.csv")
        let (_, rows) = try readCSV(path, CSVReadOptions(quote: nil, schema: textSchema))
        #expect(rows == [[.string("5\" screen"), .string("\"x\"")]])
    }

    @Test func batchesHoldAtMostBatchRows() throws {
        let text = "n\n" + (1...10).map(String.init).joined(separator: "\n") + "\n"
        let reader = try CSVReader(path: try fixture.write(text, to: "data.csv"), options: CSVReadOptions(batchRows: 3))
        #expect(try reader.readAll().map(\.count) == [3, 3, 3, 1])
    }

    @Test func typedValuesParseWithPaddingAndEveryType() throws {
        let schema = Schema([
            Field("b", .boolean), Field("i8", .int8), Field("i32", .int32), Field("f", .float32), Field("d", .float64),
            Field("dec", .decimal(precision: 6, scale: 2)), Field("day", .date), Field("ts", .timestamp),
        ])
        let path = try fixture.write("TRUE, -128 ,2147483647,0.5,1e-3,12.345,2026-11-01,2026-11-01T10:00:00.25+01:00\n", to: "data.csv")
        let (_, rows) = try readCSV(path, CSVReadOptions(header: .absent, schema: schema))
        let day = TemporalParsing.parseDate("2026-11-01")!
        #expect(rows == [[
            .boolean(true), .int(-128), .int(2_147_483_647), .double(0.5), .double(0.001), .decimal(1235, scale: 2),
            .date(day), .timestamp(Int64(day) * CivilTime.microsecondsPerDay + 9 * 3_600_000_000 + 250_000),
        ]])
    }

    @Test func timestampColumnsAcceptDates() throws {
        let path = try fixture.write("t\n2026-11-01\n2026-11-01 10:00:00\n", to: "data.csv")
        let (reader, rows) = try readCSV(path)
        #expect(reader.schema.fields[0].type == .timestamp)
        let midnight = Int64(TemporalParsing.parseDate("2026-11-01")!) * CivilTime.microsecondsPerDay
        #expect(rows == [[.timestamp(midnight)], [.timestamp(midnight + 36_000_000_000)]])
    }

    /// More than one chunk: quoted newlines everywhere, so a cut at a bare newline would break
    /// records; the error at the end must still carry the right line number.
    @Test func manyChunksWithQuotedNewlinesKeepRecordsAndLines() throws {
        var text = "id,note\n"
        let records = 150_000
        for index in 0..<records { text += "\(index),\"first line \(index)\nsecond, line\"\n" }
        text += "oops,x\n"
        let path = try fixture.write(text, to: "big.csv")
        let schema = Schema([Field("id", .int64), Field("note", .string)])
        let reader = try CSVReader(path: path, options: CSVReadOptions(schema: schema))
        var count = 0
        var expectedID: Int64 = 0
        let error = csvError { () throws(SluiceError) in
            while let batch = try reader.next() {
                for row in batch.rows {
                    #expect(row[0] == .int(expectedID))
                    expectedID += 1
                }
                count += batch.count
            }
        }
        #expect(count == records)
        #expect(error?.summary == "\(path), line \(2 + 2 * records), column 1: expected an integer for field 1 ('id') but found 'oops'.")
    }
}
