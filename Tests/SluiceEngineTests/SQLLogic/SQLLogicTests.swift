import Foundation
import SluiceCore
import SluiceFormats
import Testing

/// The SQL behaviour of the engine as data: every `sql/**/*.slt` file, one test case per
/// file, each reporting every record that fails with its file:line, SQL, expected and actual
/// rows. See `sql/README.md` for the format and how expectations were computed.
@Suite("SQL logic tests")
struct SQLLogicTests {
    /// Runs a file on the engine; one issue per failing record, pointing at the `.slt` line.
    @Test("Queries give the expected rows and errors", arguments: SQLLogicFixtures.files)
    func file(_ name: String) throws {
        let parsed = SQLLogicParser.parse(try SQLLogicFixtures.text(of: name))
        #expect(parsed.issues.isEmpty, "\(name): \(parsed.issues)")
        for failure in SQLLogicRunner.engine(file: name).run(parsed.records) {
            Issue.record(
                Comment(rawValue: failure.description),
                sourceLocation: SourceLocation(
                    fileID: "SluiceEngineTests/\(name)", filePath: SQLLogicFixtures.sqlFolder + "/" + name,
                    line: failure.line, column: 1))
        }
    }

    /// Every file parses without the engine, so the suite itself is checked today.
    @Test("Files parse", arguments: SQLLogicFixtures.files)
    func parses(_ name: String) throws {
        let parsed = SQLLogicParser.parse(try SQLLogicFixtures.text(of: name))
        #expect(parsed.issues.isEmpty, "\(name): \(parsed.issues.map(\.description).joined(separator: "\n"))")
        #expect(parsed.records.count >= 10, "\(name) has only \(parsed.records.count) records")
    }

    @Test("The suite covers every topic with 400+ records")
    func suiteSize() throws {
        #expect(SQLLogicFixtures.files.count >= 18, "\(SQLLogicFixtures.files)")
        let total = try SQLLogicFixtures.files.reduce(0) { sum, name in
            sum + SQLLogicParser.parse(try SQLLogicFixtures.text(of: name)).records.count
        }
        #expect(total >= 400, "only \(total) records")
    }

    @Test("Parquet copies of the JSON fixtures are written and read back")
    func parquetCopies() throws {
        let folder = try SQLLogicFixtures.parquetCopies.get()
        let resolved = try SQLLogicFixtures.resolve("read_parquet('__PARQUET__/orders.parquet') '__DATA__'")
        #expect(resolved == "read_parquet('\(folder)/orders.parquet') '\(SQLLogicFixtures.dataFolder)'")
        #expect(FileManager.default.fileExists(atPath: folder + "/events/dt=2026-11-01/part-0.parquet"))
        let json = try JSONReader(path: SQLLogicFixtures.dataFolder + "/orders.json")
        let parquet = try ParquetReader(path: folder + "/orders.parquet")
        #expect(parquet.schema == json.schema)
        #expect(try parquet.readAll().flatMap(\.rows) == json.readAll().flatMap(\.rows))
    }
}
