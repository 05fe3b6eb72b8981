import Foundation
import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

/// Reads NDJSON text through the real reader (inferring the schema unless one is given).
private func readJSON(
    _ text: String, schema: Schema? = nil, policy: BadRecordPolicy = .fail, name: String = "data.json",
    batchRows: Int = 16_384
) throws(SluiceError) -> (reader: JSONReader, rows: [[Value]]) {
    let folder: TemporaryFolder
    let path: String
    do {
        folder = try TemporaryFolder()
        path = try folder.write(text, to: name)
    } catch {
        throw SluiceError.internal("Cannot write the test fixture: \(error)")
    }
    return try withExtendedLifetime(folder) { () throws(SluiceError) in
        try readJSON(path: path, schema: schema, policy: policy, batchRows: batchRows)
    }
}

private func readJSON(
    path: String, schema: Schema? = nil, policy: BadRecordPolicy = .fail, batchRows: Int = 16_384
) throws(SluiceError) -> (reader: JSONReader, rows: [[Value]]) {
    let reader = try JSONReader(path: path, options: JSONReadOptions(schema: schema, badRecords: policy, batchRows: batchRows))
    var rows: [[Value]] = []
    for batch in try reader.readAll() { rows.append(contentsOf: batch.rows) }
    return (reader, rows)
}

private func failure(_ body: () throws(SluiceError) -> Void) -> SluiceError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

@Suite("JSON reader")
struct JSONReaderTests {
    @Test func readsScalarsNestedObjectsAndArrays() throws {
        let (reader, rows) = try readJSON("""
            {"id":1,"name":"a","price":9.5,"ok":true,"device":{"os":"ios","v":"1.0"},"tags":["x","y"]}
            {"id":2,"name":"b","price":10,"ok":false,"device":{"os":"web"},"tags":[]}
            """)
        #expect(reader.schema.description == "id bigint, name string, price double, ok boolean, device struct<os:string,v:string>, tags array<string>")
        #expect(rows[0] == [.int(1), .string("a"), .double(9.5), .boolean(true),
                            .structure([NamedValue("os", .string("ios")), NamedValue("v", .string("1.0"))]),
                            .list([.string("x"), .string("y")])])
        #expect(rows[1][2] == .double(10))
        #expect(rows[1][4] == .structure([NamedValue("os", .string("web")), NamedValue("v", .null)]))
        #expect(rows[1][5] == .list([]))
    }

    @Test func unicodeEscapesAndSurrogatePairs() throws {
        let (_, rows) = try readJSON(#"{"s":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \n\t 서울"}"# + "\n")
        #expect(rows[0][0] == .string("café 😀 \"q\" \\ / \n\t 서울"))
    }

    @Test func loneSurrogateIsAnError() {
        let error = failure { () throws(SluiceError) in _ = try readJSON(#"{"s":"\udc00"}"# + "\n") }
        #expect(error?.summary == #"data.json, line 1, column 7: a lone low surrogate \udc00 is not valid text."#.replacingOccurrences(of: "data.json", with: error?.location?.file ?? ""))
    }

    @Test func deepNestingWithinTheLimit() throws {
        let depth = 100
        let text = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth) + "\n"
        let (reader, rows) = try readJSON(text)
        #expect(rows.count == 1)
        var type = reader.schema.fields[0].type
        var levels = 1
        while case .struct(let fields) = type, let first = fields.first {
            type = first.type
            levels += 1
        }
        #expect(levels == depth)
        #expect(type == .int64)
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() {
        let depth = 600
        let text = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth) + "\n"
        let error = failure { () throws(SluiceError) in _ = try readJSON(text) }
        #expect(error?.message == "values are nested more than 512 levels deep.")
    }

    @Test func emptyObjectsAndArrays() throws {
        let (reader, rows) = try readJSON("{\"o\":{},\"a\":[]}\n{\"o\":{},\"a\":[]}\n")
        #expect(reader.schema.description == "o string, a array<string>")
        #expect(rows[0] == [.string("{}"), .list([])])
    }

    @Test func hugeNumbersBecomeDecimalThenDouble() throws {
        let (reader, rows) = try readJSON("""
            {"big":123456789012345678901234,"huge":1234567890123456789012345678901234567890,"n":-9223372036854775808}
            """)
        #expect(reader.schema.description == "big decimal(38,0), huge double, n bigint")
        #expect(rows[0][0] == .decimal(123_456_789_012_345_678_901_234, scale: 0))
        #expect(rows[0][1] == .double(1.2345678901234568e39))
        #expect(rows[0][2] == .int(Int64.min))
    }

    @Test func intAndDoubleWidenToDouble() throws {
        let (reader, rows) = try readJSON("{\"x\":1}\n{\"x\":2.5}\n{\"x\":1e3}\n")
        #expect(reader.schema.description == "x double")
        #expect(rows.map { $0[0] } == [.double(1), .double(2.5), .double(1000)])
    }

    @Test func conflictingScalarsBecomeStringHoldingTheJSONText() throws {
        let (reader, rows) = try readJSON("{\"x\":1}\n{\"x\":\"a\"}\n{\"x\":true}\n{\"x\":{\"k\":[1]}}\n")
        #expect(reader.schema.description == "x string")
        #expect(rows.map { $0[0] } == [.string("1"), .string("a"), .string("true"), .string(#"{"k":[1]}"#)])
    }

    @Test func nullOnlyFieldsAreStringAndMissingFieldsNull() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("{\"a\":null,\"b\":1}\n{\"b\":2,\"c\":\"x\"}\n", to: "n.json")
        let inferred = try JSONSchemaInference.infer(path: path)
        #expect(inferred.schema.description == "a string, b bigint, c string")
        #expect(inferred.nullOnlyFields == ["a"])
        let (_, rows) = try readJSON(path: path)
        #expect(rows == [[.null, .int(1), .null], [.null, .int(2), .string("x")]])
    }

    @Test func duplicateKeysLastValueWins() throws {
        let schema = Schema([Field("a", .int64), Field("s", .struct([Field("x", .string)]))])
        let (_, rows) = try readJSON(#"{"a":1,"s":{"x":"p","x":"q"},"a":2}"# + "\n", schema: schema)
        #expect(rows == [[.int(2), .structure([NamedValue("x", .string("q"))])]])
    }

    @Test func duplicateKeysAcrossBatchesAndAfterNullRows() throws {
        var lines: [String] = []
        for index in 0..<50 { lines.append(#"{"a":\#(index),"a":\#(index + 1000),"s":{"x":"p","x":"q\#(index)"}}"#) }
        lines.insert("{broken", at: 10)
        let schema = Schema([Field("a", .int64), Field("s", .struct([Field("x", .string)]))])
        let (_, rows) = try readJSON(lines.joined(separator: "\n") + "\n", schema: schema, policy: .setNull, batchRows: 7)
        #expect(rows.count == 51)
        #expect(rows[10] == [.null, .null])
        let good = rows.enumerated().filter { $0.offset != 10 }.map(\.element)
        #expect(good.enumerated().allSatisfy { index, row in
            row == [.int(Int64(index + 1000)), .structure([NamedValue("x", .string("q\(index)"))])]
        })
    }

    @Test func escapedKeysAreMatchedAndABadKeyEscapeIsReported() throws {
        let schema = Schema([Field("a\"b", .int64), Field("é", .int64)])
        let (_, rows) = try readJSON(#"{"a\"b":1,"\u00e9":2}"# + "\n", schema: schema)
        #expect(rows == [[.int(1), .int(2)]])
        let error = failure { () throws(SluiceError) in _ = try readJSON(#"{"a":1,"b\q":2}"# + "\n", schema: Schema([Field("a", .int64)])) }
        #expect(error?.message == "'\\q' is not a JSON escape.")
        #expect(error?.location?.line == 1)
        let inferenceError = failure { () throws(SluiceError) in _ = try readJSON(#"{"b\q":2}"# + "\n") }
        #expect(inferenceError?.message == "'\\q' is not a JSON escape.")
    }

    @Test func emptyFileBlankLinesCRLFAndBOM() throws {
        let empty = try readJSON("")
        #expect(empty.rows.isEmpty)
        #expect(empty.reader.schema.fields.isEmpty)
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\r\n\r\n   \n{\"a\":2}\r\n\n".utf8)
        let folder = try TemporaryFolder()
        let path = try folder.write(bytes: bytes, to: "bom.json")
        let (reader, rows) = try readJSON(path: path)
        #expect(reader.schema.description == "a bigint")
        #expect(rows == [[.int(1)], [.int(2)]])
    }

    @Test func missingFinalNewlineIsFine() throws {
        let (_, rows) = try readJSON("{\"a\":1}\n{\"a\":2}")
        #expect(rows == [[.int(1)], [.int(2)]])
    }

    @Test func truncatedLastLineIsReportedWithLineAndColumn() {
        let error = failure { () throws(SluiceError) in _ = try readJSON("{\"a\":1}\n{\"a\":2}\n{\"a\":3,\"b\":\"unfinished", schema: Schema([Field("a", .int64), Field("b", .string)])) }
        #expect(error?.code == "json.syntax")
        #expect(error?.location?.line == 3)
        #expect(error?.location?.column == 12)
        #expect(error?.message == "a string starting here is not closed before the end of the line.")
    }

    @Test func syntaxErrorMessageNamesFileLineAndColumn() throws {
        let fixture = try TemporaryFolder()
        let path = try fixture.write("{\"a\":1}\n{\"a\":2 \"b\":3}\n", to: "part-7.json")
        let error = failure { () throws(SluiceError) in _ = try readJSON(path: path) }
        #expect(error?.summary == "\(path), line 2, column 8: expected ',' or '}' but found '\"'.")
        #expect(error?.hint == "Each line must hold one complete JSON object (NDJSON). Fix the line, or use --bad-records skip to set it aside in an error file.")
    }

    @Test func wrongTypeBeyondTheSampleNamesTheFieldAndTheSample() throws {
        let lines = (0..<5).map { "{\"q\":\($0)}" } + ["{\"q\":\"many\"}"]
        let folder = try TemporaryFolder()
        let path = try folder.write(lines.joined(separator: "\n") + "\n", to: "q.json")
        let reader: JSONReader
        do {
            reader = try JSONReader(path: path, options: JSONReadOptions(inference: InferenceOptions(sampleRecords: 5)))
        } catch {
            Issue.record("unexpected \(error)")
            return
        }
        let error = failure { () throws(SluiceError) in _ = try reader.readAll() }
        #expect(error?.summary == "\(path), line 6, column 6: expected an integer for field 'q' but found \"many\".")
        #expect(error?.hint == "Each value of 'q' must fit its column type. The schema was inferred from a sample of 5 records; infer from more (--sample-records N or --sample-records all) or give the type explicitly. To keep going past bad records, use --bad-records skip (they go to an error file) or null.")
    }

    @Test func skipPolicySetsBadRecordsAsideWithTheirLine() throws {
        let text = "{\"a\":1}\n{\"a\":oops}\n{\"a\":3}\n[1,2]\n"
        let (reader, rows) = try readJSON(text, schema: Schema([Field("a", .int64)]), policy: .skip)
        #expect(rows == [[.int(1)], [.int(3)]])
        let rejected = reader.takeRejected()
        #expect(rejected.map(\.line) == [2, 4])
        #expect(rejected[0].reason == "column 6: expected a value but found 'o'")
        #expect(rejected[0].text == "{\"a\":oops}")
        #expect(rejected[1].reason == "column 1: expected a JSON object ('{') at the start of the record but found '['")
    }

    @Test func nullPolicyKeepsTheRowWithNulls() throws {
        let schema = Schema([Field("a", .int64), Field("b", .string)])
        let (_, rows) = try readJSON("{\"a\":\"x\",\"b\":\"keep\"}\n{\"a\":2,broken\n", schema: schema, policy: .setNull)
        #expect(rows == [[.null, .string("keep")], [.null, .null]])
    }

    @Test func explicitSchemaTypesDatesTimestampsDecimalsMapsAndSmallInts() throws {
        let schema = Schema([
            Field("d", .date), Field("t", .timestamp), Field("m", .decimal(precision: 10, scale: 2)),
            Field("tags", .map(key: .string, value: .int64)), Field("small", .int8), Field("bin", .binary),
        ])
        let (_, rows) = try readJSON(
            #"{"d":"2026-11-01","t":"2026-11-01T10:00:00.25+02:00","m":12.5,"tags":{"a":1,"b":null},"small":-128,"bin":"AAEC/w=="}"# + "\n",
            schema: schema)
        #expect(rows[0][0] == .date(Int32(CivilTime.days(year: 2026, month: 11, day: 1))))
        #expect(rows[0][1] == .timestamp(TemporalParsing.parseTimestamp("2026-11-01T08:00:00.25Z")!))
        #expect(rows[0][2] == .decimal(1250, scale: 2))
        #expect(rows[0][3] == .map([MapEntry(.string("a"), .int(1)), MapEntry(.string("b"), .null)]))
        #expect(rows[0][4] == .int(-128))
        #expect(rows[0][5] == .binary([0, 1, 2, 255]))
        let error = failure { () throws(SluiceError) in _ = try readJSON("{\"small\":300}\n", schema: Schema([Field("small", .int8)])) }
        #expect(error?.message == "expected an integer in -128...127 for field 'small' but found 300.")
    }

    @Test func isoStringsAreInferredAsDatesAndTimestamps() throws {
        let (reader, _) = try readJSON(#"{"d":"2026-11-01","t":"2026-11-01T10:00:00Z","mixed":"2026-11-01"}"# + "\n" + #"{"d":"2026-11-02","t":"2026-11-02 11:00:00","mixed":"2026-11-01T01:00:00Z"}"# + "\n")
        #expect(reader.schema.description == "d date, t timestamp, mixed timestamp")
    }

    @Test func gzipInputAndManyChunksInOrder() throws {
        let fixture = try TemporaryFolder()
        let rowCount = 120_000
        var text = ""
        text.reserveCapacity(rowCount * 40)
        for index in 0..<rowCount { text += "{\"i\":\(index),\"s\":\"row \(index)\"}\n" }
        let path = try fixture.writeGzip(text, name: "big.json.gz")
        let (_, rows) = try readJSON(path: path, batchRows: 1000)
        #expect(rows.count == rowCount)
        #expect(rows.enumerated().allSatisfy { $0.element[0] == .int(Int64($0.offset)) })
    }

    @Test func errorLineIsAbsoluteAcrossChunks() throws {
        let fixture = try TemporaryFolder()
        var text = ""
        for index in 0..<200_000 { text += "{\"i\":\(index)}\n" }
        text += "{\"i\":}\n"
        let path = try fixture.write(text, to: "late.json")
        let error = failure { () throws(SluiceError) in _ = try readJSON(path: path) }
        #expect(error?.location?.line == 200_001)
        #expect(error?.location?.column == 6)
    }

    @Test func jsonArrayFileGetsAHelpfulHint() {
        let error = failure { () throws(SluiceError) in _ = try readJSON("[{\"a\":1},\n{\"a\":2}]\n", name: "array.json") }
        #expect(error?.hint?.hasPrefix("Sluice reads newline-delimited JSON (one object per line); this looks like a JSON array.") == true)
    }

    @Test func missingFileSaysSo() {
        let error = failure { () throws(SluiceError) in _ = try JSONReader(path: "/nonexistent/x.json") }
        #expect(error?.description == "File '/nonexistent/x.json' does not exist.\nHint: Check the path; relative paths start from the current directory.")
    }
}
