import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

@Suite("CSV schema inference: types, widening, headers, delimiters")
struct CSVSchemaInferenceTests {
    let fixture: TemporaryFolder

    init() throws {
        fixture = try TemporaryFolder()
    }

    func infer(_ text: String, _ options: CSVReadOptions = CSVReadOptions(), name: String = "data.csv") throws -> CSVInferredSchema {
        try CSVSchemaInference.infer(path: try fixture.write(text, to: name), options: options)
    }

    @Test func everyScalarType() throws {
        let inferred = try infer(
            "flag,count,price,day,at,name\n"
                + "true,1,1.5,2026-11-01,2026-11-01T10:00:00Z,x\n"
                + "FALSE,-2,2,2026-11-02,2026-11-01 10:00,y\n")
        #expect(inferred.schema == Schema([
            Field("flag", .boolean), Field("count", .int64), Field("price", .float64), Field("day", .date),
            Field("at", .timestamp), Field("name", .string),
        ]))
        #expect(inferred.recordsSampled == 2)
        #expect(inferred.nullOnlyFields.isEmpty)
        #expect(inferred.dialect == CSVDialect(delimiter: UInt8(ascii: ","), quote: UInt8(ascii: "\""), hasHeader: true))
    }

    @Test func wideningAcrossRows() throws {
        let inferred = try infer(
            "a,b,c,d,e,f,g\n"
                + "1,1,1,2026-01-01,,1,true\n"
                + "2.5,text,123456789012345678901234567890,2026-01-01T00:00:01,NULL,1234567890123456789012345678901234567890,1\n")
        #expect(inferred.schema.fields.map(\.type) == [
            .float64, .string, .decimal(precision: 38, scale: 0), .timestamp, .string, .float64, .string,
        ])
        #expect(inferred.nullOnlyFields == ["e"])
        #expect(inferred.schema.fields.allSatisfy { $0.isNullable })
    }

    @Test func hugeIntegersReadAsDecimal() throws {
        let path = try fixture.write("n\n1\n123456789012345678901234567890\n", to: "data.csv")
        let (reader, rows) = try readCSV(path)
        #expect(reader.schema.fields[0].type == .decimal(precision: 38, scale: 0))
        #expect(rows == [[.decimal(1, scale: 0)], [.decimal(123_456_789_012_345_678_901_234_567_890, scale: 0)]])
    }

    @Test func headerDetectedAboveTypedData() throws {
        #expect(try infer("id,name\n1,a\n").dialect.hasHeader)
    }

    @Test func noHeaderWhenTheFirstRowHasNumbers() throws {
        let inferred = try infer("1,a\n2,b\n")
        #expect(!inferred.dialect.hasHeader)
        #expect(inferred.schema.names == ["col0", "col1"])
        #expect(inferred.recordsSampled == 2)
    }

    @Test func allTextColumnsUseRepeatsToDecide() throws {
        #expect(try infer("name,city\nann,oslo\nbob,rome\n").dialect.hasHeader)
        #expect(try !infer("ann,oslo\nbob,oslo\nann,rome\n").dialect.hasHeader)
    }

    @Test func headerCanBeForced() throws {
        let inferred = try infer("1,2\n3,4\n", CSVReadOptions(header: .present))
        #expect(inferred.schema.names == ["1", "2"])
        #expect(try infer("a,b\nc,d\n", CSVReadOptions(header: .absent)).schema.names == ["col0", "col1"])
    }

    @Test func duplicateAndEmptyHeaderNamesAreMadeUnique() {
        #expect(CSVSchemaInference.columnNames(fromHeader: ["a", "a", nil, "", "a"]) == ["a", "a_2", "col2", "col3", "a_3"])
    }

    @Test func delimiterDetection() throws {
        #expect(try infer("a;b;c\n1;2,5;3\n").dialect.delimiter == UInt8(ascii: ";"))
        #expect(try infer("a|b\n1|2\n").dialect.delimiter == UInt8(ascii: "|"))
        #expect(try infer("a\tb\n1\t2\n").dialect.delimiter == 0x09)
        #expect(try infer("a,b\n\"x;y;z\",2\n").dialect.delimiter == UInt8(ascii: ","))
        #expect(try infer("single\n1\n").dialect.delimiter == UInt8(ascii: ","))
    }

    @Test func sampleSizeIsBounded() throws {
        let text = "n\n" + (1...50).map(String.init).joined(separator: "\n") + "\nabc\n"
        let options = CSVReadOptions(inference: InferenceOptions(sampleRecords: 10))
        let inferred = try infer(text, options)
        #expect(inferred.schema.fields[0].type == .int64)
        #expect(inferred.recordsSampled == 10)
        let all = try infer(text, CSVReadOptions(inference: InferenceOptions(sampleRecords: nil)), name: "all.csv")
        #expect(all.schema.fields[0].type == .string)
        #expect(all.recordsSampled == 51)
    }

    @Test func valueBeyondTheSampleNamesTheSampleInTheHint() throws {
        let text = "n\n" + (1...50).map(String.init).joined(separator: "\n") + "\nabc\n"
        let path = try fixture.write(text, to: "data.csv")
        let error = csvError { () throws(SluiceError) in
            _ = try readCSV(path, CSVReadOptions(inference: InferenceOptions(sampleRecords: 10)))
        }
        #expect(error?.summary == "\(path), line 52, column 1: expected an integer for field 1 ('n') but found 'abc'.")
        #expect(error?.hint == "The type bigint was inferred from the first 10 records; give a schema, "
            + "raise sampleRecords (nil reads every record), or set badRecords to skip or null.")
    }

    @Test func classification() {
        func classify(_ text: String) -> DataType {
            var text = text
            return text.withUTF8 { CSVValueParsing.classify(UnsafeRawBufferPointer($0)) }
        }
        #expect(classify("True") == .boolean)
        #expect(classify("-12") == .int64)
        #expect(classify("9223372036854775808") == .decimal(precision: 38, scale: 0))
        #expect(classify(".5") == .float64)
        #expect(classify("1e10") == .float64)
        #expect(classify("NaN") == .float64)
        #expect(classify("2026-02-30") == .string)
        #expect(classify("2026-02-28") == .date)
        #expect(classify("2026-02-28T01:02:03.5Z") == .timestamp)
        #expect(classify("12abc") == .string)
        #expect(classify("t") == .string)
    }

    @Test func doubleParsingIsExact() {
        func parse(_ text: String) -> Double? {
            var text = text
            return text.withUTF8 { CSVValueParsing.parseDouble(UnsafeRawBufferPointer($0)) }
        }
        for text in ["0.1", "123.456", "-0.0", "1e-5", "1.7976931348623157e308", "5e-324", "0.30000000000000004", "12345678901234567890.5"] {
            #expect(parse(text) == Double(text), "\(text)")
        }
        #expect(parse("Infinity") == .infinity)
        #expect(parse("-Infinity") == -.infinity)
        #expect(parse("1e") == nil)
        #expect(parse(".") == nil)
        #expect(parse("1.2.3") == nil)
    }

    @Test func emptyFileCannotBeInferred() throws {
        let path = try fixture.write("", to: "empty.csv")
        let error = csvError { () throws(SluiceError) in _ = try CSVSchemaInference.infer(path: path) }
        #expect(error?.description == "\(path): The file holds no records, so there is no schema to infer.\n"
            + "Hint: Give a schema to read it as an empty table, or check that the right file was named.")
    }
}
