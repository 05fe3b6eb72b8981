import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

@Suite("CSV writing and round trips")
struct CSVWriterTests {
    let fixture: TemporaryFolder

    init() throws {
        fixture = try TemporaryFolder()
    }

    @Test func writesMinimalQuotingAndEveryScalarForm() throws {
        let schema = Schema([
            Field("text", .string), Field("flag", .boolean), Field("n", .int64), Field("x", .float64),
            Field("price", .decimal(precision: 10, scale: 2)), Field("day", .date), Field("at", .timestamp),
        ])
        let builder = RecordBatchBuilder(schema: schema)
        let day = TemporalParsing.parseDate("2026-11-01")!
        let at = TemporalParsing.parseTimestamp("2026-11-01T10:00:00Z")!
        try builder.append(row: [.string("plain"), .boolean(true), .int(-7), .double(0.1), .decimal(-5, scale: 2), .date(day), .timestamp(at)])
        try builder.append(row: [.string("a,b \"q\""), .boolean(false), .null, .double(1e21), .decimal(12345, scale: 2), .null, .timestamp(at + 500)])
        try builder.append(row: [.string(""), .null, .int(0), .double(-.infinity), .null, .date(day), .null])
        try builder.append(row: [.string(" lead"), .null, .null, .double(3), .null, .null, .null])
        try builder.append(row: [.string("NULL"), .null, .null, .null, .null, .null, .null])
        try builder.append(row: [.string("two\nlines"), .null, .null, .null, .null, .null, .null])
        let path = fixture.file("out.csv")
        let writer = try CSVWriter(path: path, schema: schema)
        try writer.write(builder.finish())
        try writer.finish()
        let expected = [
            "text,flag,n,x,price,day,at",
            "plain,true,-7,0.1,-0.05,2026-11-01,2026-11-01T10:00:00Z",
            #""a,b ""q""",false,,1e+21,123.45,,2026-11-01T10:00:00.0005Z"#,
            #""",,0,-Infinity,,2026-11-01,"#,
            #"" lead",,,3.0,,,"#,
            #""NULL",,,,,,"#,
            "\"two\nlines\",,,,,,",
        ]
        #expect((try fixture.read("out.csv")) == expected.joined(separator: "\n") + "\n")
    }

    @Test func nestedValuesAsJSONText() throws {
        let schema = Schema([Field("s", .struct([Field("a", .int64), Field("b", .list(.string))]))])
        let builder = RecordBatchBuilder(schema: schema)
        try builder.append(row: [.structure([NamedValue("a", .int(1)), NamedValue("b", .list([.string("x\"y"), .null]))])])
        let path = fixture.file("nested.csv")
        let writer = try CSVWriter(path: path, schema: schema, options: CSVWriteOptions(delimiter: UInt8(ascii: ";"), writeHeader: false))
        try writer.write(builder.finish())
        try writer.finish()
        #expect((try fixture.read("nested.csv")) == "\"{\"\"a\"\":1,\"\"b\"\":[\"\"x\\\"\"y\"\",null]}\"\n")
    }

    @Test func gzipOutputReadsBack() throws {
        let schema = Schema([Field("id", .int64), Field("name", .string)])
        let builder = RecordBatchBuilder(schema: schema)
        try builder.append(row: [.int(1), .string("a")])
        let path = fixture.file("out.csv.gz")
        let writer = try CSVWriter(path: path, schema: schema)
        try writer.write(builder.finish())
        try writer.finish()
        #expect(try ByteSource(path: path).isCompressed)
        #expect(try readCSV(path).rows == [[.int(1), .string("a")]])
    }

    @Test func mismatchedBatchIsRejected() throws {
        let writer = try CSVWriter(path: fixture.file("m.csv"), schema: Schema([Field("a", .int64)]))
        let error = csvError { () throws(SluiceError) in try writer.write(RecordBatch.empty(Schema([Field("a", .string)]))) }
        #expect(error?.code == "csv.schemaMismatch")
    }

    @Test(arguments: [1, 2, 3])
    func randomBatchesRoundTrip(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let schema = Schema([
            Field("flag", .boolean), Field("tiny", .int8), Field("small", .int16), Field("int", .int32), Field("big", .int64),
            Field("float", .float32), Field("double", .float64), Field("money", .decimal(precision: 18, scale: 4)),
            Field("wide", .decimal(precision: 38, scale: 10)), Field("text", .string), Field("blob", .binary),
            Field("day", .date), Field("at", .timestamp),
        ])
        let firstDay = CivilTime.days(year: 1, month: 1, day: 1)
        let lastDay = CivilTime.days(year: 9999, month: 12, day: 31)
        let pieces = ["a", "é", ",", "\"", "\n", "\r\n", " ", "\t", "x y", "NULL", "\\N", ";", "🙂"]
        func text() -> String {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: return ""
            case 1: return ["NULL", "null", "\\N", " "].randomElement(using: &random)!
            default: return (0..<Int.random(in: 1...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            }
        }
        func value(_ type: DataType) -> Value {
            if Int.random(in: 0..<8, using: &random) == 0 { return .null }
            switch type {
            case .boolean: return .boolean(Bool.random(using: &random))
            case .int8: return .int(Int64(Int8.random(in: .min ... .max, using: &random)))
            case .int16: return .int(Int64(Int16.random(in: .min ... .max, using: &random)))
            case .int32: return .int(Int64(Int32.random(in: .min ... .max, using: &random)))
            case .int64: return .int(Int64.random(in: .min ... .max, using: &random))
            case .float32:
                var float: Float
                repeat { float = Float(bitPattern: UInt32.random(in: .min ... .max, using: &random)) } while float.isNaN
                return .double(Double(float))
            case .float64:
                var double: Double
                repeat { double = Double(bitPattern: random.next()) } while double.isNaN
                if Int.random(in: 0..<4, using: &random) == 0 { double = Double(Int.random(in: -100_000...100_000, using: &random)) / 100 }
                return .double(double)
            case .decimal(let precision, let scale):
                let limit = Value.powerOfTen(precision) - 1
                let magnitude = Int128(random.next()) << 64 | Int128(random.next())
                return .decimal(magnitude % limit * (Bool.random(using: &random) ? 1 : -1), scale: scale)
            case .string: return .string(text())
            case .binary: return .binary(Array(text().utf8))
            case .date: return .date(Int32(Int.random(in: firstDay...lastDay, using: &random)))
            default:
                let micros = Int64.random(
                    in: Int64(firstDay) * CivilTime.microsecondsPerDay...Int64(lastDay + 1) * CivilTime.microsecondsPerDay - 1, using: &random)
                return .timestamp(Bool.random(using: &random) ? micros : micros / 1_000_000 * 1_000_000)
            }
        }
        var expected: [[Value]] = []
        let path = fixture.file("round-\(seed).csv")
        let writer = try CSVWriter(path: path, schema: schema)
        for _ in 0..<3 {
            let builder = RecordBatchBuilder(schema: schema)
            for _ in 0..<400 {
                let row = schema.fields.map { value($0.type) }
                try builder.append(row: row)
                expected.append(row)
            }
            try writer.write(builder.finish())
        }
        try writer.finish()
        let (_, rows) = try readCSV(path, CSVReadOptions(schema: schema, batchRows: 500))
        #expect(rows.count == expected.count)
        for (index, (read, written)) in zip(rows, expected).enumerated() where read != written {
            Issue.record("row \(index): read \(read) but wrote \(written)")
            break
        }
    }
}
