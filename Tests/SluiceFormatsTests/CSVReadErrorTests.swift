import SluiceCore
import SluiceTestSupport
import Testing
@testable import SluiceFormats

@Suite("CSV errors: exact text, locations and bad-record policies")
struct CSVReadErrorTests {
    let fixture: TemporaryFolder

    init() throws {
        fixture = try TemporaryFolder()
    }
    let schema = Schema([Field("id", .int64), Field("quantity", .int32), Field("name", .string)])

    func error(_ text: String, _ options: CSVReadOptions) throws -> (path: String, error: SluiceError?) {
        let path = try fixture.write(text, to: "orders.csv")
        return (path, csvError { () throws(SluiceError) in _ = try readCSV(path, options) })
    }

    @Test func badValueNamesLineByteColumnAndField() throws {
        let (path, error) = try error("id,quantity,name\n1,2,a\n2, abc,b\n", CSVReadOptions(schema: schema))
        #expect(error?.description == "\(path), line 3, column 3: expected an integer that fits int for field 2 ('quantity') but found ' abc'.\n"
            + "Hint: Correct the value, declare 'quantity' with a type that holds it (string holds anything), "
            + "or set badRecords to skip or null.")
        #expect(error?.code == "csv.badValue")
    }

    @Test func quotedBadValueColumnPointsAtTheQuote() throws {
        let (path, error) = try error("1,\"x\",a\n", CSVReadOptions(header: .absent, schema: schema))
        #expect(error?.summary == "\(path), line 1, column 3: expected an integer that fits int for field 2 ('quantity') but found 'x'.")
    }

    @Test func outOfRangeAndDecimalMessages() throws {
        let decimalSchema = Schema([Field("price", .decimal(precision: 4, scale: 2))])
        let (path, error) = try error("price\n123.4\n", CSVReadOptions(schema: decimalSchema))
        #expect(error?.description == "\(path), line 2, column 1: expected a decimal number that fits decimal(4,2) for field 1 ('price') but found '123.4'.\n"
            + "Hint: The value does not fit decimal(4,2). Correct the value, declare 'price' with a type that holds it "
            + "(string holds anything), or set badRecords to skip or null.")
    }

    @Test func wrongFieldCount() throws {
        let (path, error) = try error("id,quantity,name\n1,2,a\n3,4\n", CSVReadOptions(schema: schema))
        #expect(error?.description == "\(path), line 3: expected 3 fields but found 2.\n"
            + "Hint: Quote values that contain the delimiter, check for a missing or extra delimiter, or set badRecords to skip or null.")
        #expect(error?.code == "csv.fieldCount")
    }

    @Test func unclosedQuoteAtEndOfFile() throws {
        let (path, error) = try error("id,quantity,name\n1,2,a\n3,4,\"never\nclosed\n", CSVReadOptions(schema: schema))
        #expect(error?.description == "\(path), line 3, column 5: a quoted field starting here is never closed.\n"
            + "Hint: Close the quote, and write a quote inside a quoted value twice (\"\").")
    }

    @Test func strayQuoteInsideUnquotedField() throws {
        let (path, error) = try error("1,2,5\" screen\n", CSVReadOptions(header: .absent, schema: schema))
        #expect(error?.summary == "\(path), line 1, column 6: found a quote inside unquoted field 3.")
        #expect(error?.code == "csv.strayQuote")
    }

    @Test func textAfterClosingQuote() throws {
        let (path, error) = try error("1,2,\"a\"b\n", CSVReadOptions(header: .absent, schema: schema))
        #expect(error?.summary == "\(path), line 1, column 8: expected ',' or a line break after the closing quote of field 3 but found 'b'.")
    }

    @Test func skipPolicyRejectsWholeRecordsWithLineReasonAndText() throws {
        let path = try fixture.write("id,quantity,name\n1,2,a\n2,x,b\n3\n4,4,\"d\"e\n5,5,e\n", to: "orders.csv")
        let (reader, rows) = try readCSV(path, CSVReadOptions(schema: schema, badRecords: .skip))
        #expect(rows == [[.int(1), .int(2), .string("a")], [.int(5), .int(5), .string("e")]])
        #expect(reader.takeRejected() == [
            RejectedRecord(file: path, line: 3, reason: "expected an integer that fits int for field 2 ('quantity') but found 'x'.", text: "2,x,b"),
            RejectedRecord(file: path, line: 4, reason: "expected 3 fields but found 1.", text: "3"),
            RejectedRecord(
                file: path, line: 5,
                reason: "expected ',' or a line break after the closing quote of field 3 but found 'e'.", text: "4,4,\"d\"e"),
        ])
        #expect(reader.takeRejected().isEmpty)
    }

    @Test func setNullPolicyNullsBadFields() throws {
        let path = try fixture.write("id,quantity,name\n1,x,a\n2\n3,3,c,extra\n", to: "orders.csv")
        let (_, rows) = try readCSV(path, CSVReadOptions(schema: schema, badRecords: .setNull))
        #expect(rows == [[.int(1), .null, .string("a")], [.int(2), .null, .null], [.null, .null, .null]])
    }

    @Test func nestedTypesAreRejectedUpFront() throws {
        let nested = Schema([Field("tags", .list(.string))])
        let (path, error) = try error("tags\nx\n", CSVReadOptions(schema: nested))
        #expect(error?.description == "\(path): Column 'tags' is array<string>, but a CSV field holds only scalar values.\n"
            + "Hint: Read the column as string (it holds the JSON text), then parse it in a query.")
    }

    @Test func invalidOptions() throws {
        let (path, error) = try error("a\n", CSVReadOptions(delimiter: UInt8(ascii: "\"")))
        #expect(error?.summary == "\(path): The CSV delimiter and quote are the same character.")
    }

    @Test func missingFile() {
        let error = csvError { () throws(SluiceError) in _ = try CSVReader(path: fixture.file("nope.csv")) }
        #expect(error?.code == "file.notFound")
    }
}
