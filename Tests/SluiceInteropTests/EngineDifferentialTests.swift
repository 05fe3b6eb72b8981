import Foundation
import SluiceCore
import SluiceEngine
import SluiceFormats
import SluiceSampleData
import SluiceTestSupport
import Testing

/// The engine proven against DuckDB: seed 002's users and orders (as `sluice generate
/// --dataset orders` writes them), a seeded set of queries from templates
/// (`python/differential_queries.py`, each as a Trino text for Sluice and a DuckDB text with the
/// same meaning), run on DuckDB in Python and on Sluice in process over NDJSON and Parquet, and
/// compared canonically in Python (`python/differential_compare.py`).
///
/// CI uses 2,000 users and 20,000 orders; `SLUICE_DIFFERENTIAL_SCALE=small` runs the full SMALL
/// set (100,000 users, 1,000,000 orders).
@Suite("Engine against DuckDB", .serialized)
struct EngineDifferentialTests {
    static let pythonFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("python").path
    /// Seed of the query generator (the data keeps `sluice generate`'s default seed).
    static let querySeed = 2
    static let queryCount = 180
    /// Every this-many-th query also runs over the Parquet copies.
    static let parquetEvery = 3

    static var scale: SampleScale {
        ProcessInfo.processInfo.environment["SLUICE_DIFFERENTIAL_SCALE"] == "small"
            ? .small : .custom(users: 2_000, orders: 20_000, events: 0)
    }

    /// One generated query.
    struct Query: Decodable {
        var id: Int
        var template: String
        var sluice: String
        var duckdb: String
        var ordered: Bool
    }

    private func python(_ script: String, _ arguments: [String], timeoutSeconds: Double = 600) async throws -> BinaryRunner.Result {
        try await BinaryRunner(executablePath: "/usr/bin/env").run(
            ["python3", "\(Self.pythonFolder)/\(script)"] + arguments,
            environment: ["PYTHONPATH": Self.pythonFolder, "PYTHONDONTWRITEBYTECODE": "1"],
            timeoutSeconds: timeoutSeconds)
    }

    /// Data, queries and DuckDB's answers in a fresh folder: `json/{users,orders}`,
    /// `parquet/{users,orders}` (same layout, `.parquet` files), `queries.json`, `expected.json`.
    private func prepare(_ folder: TemporaryFolder) async throws -> [Query] {
        let json = folder.file("json")
        _ = try SampleDataGenerator(scale: Self.scale, format: .json).generate(datasets: [.orders], into: json)
        try Self.writeParquetCopies(of: json, to: folder.file("parquet"))
        let generated = try await python(
            "differential_queries.py", ["--seed", "\(Self.querySeed)", "--count", "\(Self.queryCount)", "--out", folder.file("queries.json")])
        #expect(generated.exitCode == 0, "\(generated)")
        let duckdb = try await python("differential_duckdb.py", [json, folder.file("queries.json"), folder.file("expected.json")])
        #expect(duckdb.exitCode == 0, "\(duckdb)")
        #expect(duckdb.stdout.contains("\(Self.queryCount) queries run on DuckDB, 0 failed"), "\(duckdb)")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.file("queries.json")))
        return try JSONDecoder().decode([Query].self, from: data)
    }

    /// Runs now, before the engine exists: the data, the generator and DuckDB agree with
    /// themselves, and a changed answer is caught.
    @Test func duckDBSideRunsAndTheComparisonCatchesDifferences() async throws {
        let folder = try TemporaryFolder(prefix: "sluice-differential")
        let queries = try await prepare(folder)
        #expect(queries.count == Self.queryCount)
        #expect(Set(queries.map(\.template)).count >= 20)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.file("expected.json"))))
        guard let answers = expected as? [String: [String: Any]] else {
            Issue.record("expected.json is not an object of results")
            return
        }
        // DuckDB's own answers, given back as Sluice's, are equal; one changed count is not.
        var actual: [[String: Any]] = queries.map { ["id": $0.id, "source": "json", "rows": answers["\($0.id)"]?["rows"] ?? []] }
        try JSONSerialization.data(withJSONObject: actual).write(to: URL(fileURLWithPath: folder.file("actual.json")))
        let same = try await python("differential_compare.py", [folder.file("queries.json"), folder.file("expected.json"), folder.file("actual.json")])
        #expect(same.exitCode == 0, "\(same)")
        #expect(same.stdout.contains("\(Self.queryCount) results equal, 0 mismatches"), "\(same)")
        actual[0]["rows"] = [[-1]]
        try JSONSerialization.data(withJSONObject: actual).write(to: URL(fileURLWithPath: folder.file("actual.json")))
        let changed = try await python("differential_compare.py", [folder.file("queries.json"), folder.file("expected.json"), folder.file("actual.json")])
        #expect(changed.exitCode == 1, "\(changed)")
        #expect(changed.stdout.contains("query 0 (filter_aggregates, json): results differ"), "\(changed)")
    }

    /// The real comparison: every query on Sluice (NDJSON, and every third over Parquet) against
    /// DuckDB; every mismatch is listed with its query.
    @Test func sluiceAnswersLikeDuckDB() async throws {
        let folder = try TemporaryFolder(prefix: "sluice-differential")
        let queries = try await prepare(folder)
        let engine = QueryEngine(options: QueryOptions(threads: 2))
        let sources = [
            ("json", "read_json('\(folder.file("json"))/users')", "read_json('\(folder.file("json"))/orders')"),
            ("parquet", "read_parquet('\(folder.file("parquet"))/users')", "read_parquet('\(folder.file("parquet"))/orders')"),
        ]
        var results: [String] = []
        for query in queries {
            for (name, users, orders) in sources where name == "json" || query.id % Self.parquetEvery == 0 {
                let sql = query.sluice.replacingOccurrences(of: "{users}", with: users).replacingOccurrences(of: "{orders}", with: orders)
                var entry = "{\"id\":\(query.id),\"source\":\"\(name)\","
                do throws(SluiceError) {
                    let result = try engine.execute(sql)
                    entry += "\"rows\":[" + result.rows.map(DifferentialJSON.row).joined(separator: ",") + "]}"
                } catch {
                    entry += "\"error\":" + DifferentialJSON.string(error.description) + "}"
                }
                results.append(entry)
            }
        }
        try Data(("[" + results.joined(separator: ",\n") + "]").utf8).write(to: URL(fileURLWithPath: folder.file("actual.json")))
        let compared = try await python("differential_compare.py", [folder.file("queries.json"), folder.file("expected.json"), folder.file("actual.json")])
        #expect(compared.exitCode == 0, "\(compared.stdout)\(compared.stderr)")
        #expect(compared.stdout.contains("\(results.count) results equal, 0 mismatches"), "\(compared.stdout)")
    }

    @Test func valuesAreWrittenInTheTaggedForm() {
        let row: [Value] = [
            .null, .boolean(true), .int(-42), .double(2.5), .double(.nan), .double(-.infinity), .decimal(150, scale: 2),
            .string("a\"b\\c\n\u{1}é"), .date(20760), .timestamp(1_793_700_000_500_000), .binary([0x0A, 0xFF]),
            .list([.int(1), .null]), .structure([NamedValue("os", .string("ios")), NamedValue("n", .int(3))]),
            .map([MapEntry(.string("k"), .double(1))]),
        ]
        #expect(DifferentialJSON.row(row) == """
            [null,true,-42,{"f":"2.5"},{"f":"NaN"},{"f":"-Infinity"},{"n":"1.50"},"a\\"b\\\\c\\n\\u0001é",\
            {"date":"2026-11-03"},{"ts":1793700000500000},{"bin":"0aff"},[1,null],\
            {"struct":[["os","ios"],["n",3]]},{"map":[["k",{"f":"1.0"}]]}]
            """)
    }

    /// Parquet copies of the generated NDJSON with the same folder layout; each table's files
    /// share the schema Sluice infers for the whole table (so optional fields such as `coupon`
    /// are in every file).
    static func writeParquetCopies(of source: String, to target: String) throws {
        for table in ["users", "orders"] {
            let dataset = try Dataset(path: "\(source)/\(table)")
            let schema = Schema(dataset.schema.fields.filter { !dataset.partitionKeys.contains($0.name) })
            for file in dataset.files {
                let relative = String(file.path.dropFirst(source.count + 1).dropLast(".json".count))
                let path = "\(target)/\(relative).parquet"
                try FileSystem.createFolders((path as NSString).deletingLastPathComponent)
                let reader = try JSONReader(path: file.path, options: JSONReadOptions(schema: schema))
                let writer = try ParquetWriter(path: path, schema: schema)
                while let batch = try reader.next() { try writer.write(batch) }
                try writer.finish()
            }
        }
    }
}

/// Sluice values in the tagged JSON form `python/differential_compare.py` reads.
enum DifferentialJSON {
    static func row(_ values: [Value]) -> String {
        "[" + values.map(value).joined(separator: ",") + "]"
    }

    static func value(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .boolean(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): "{\"f\":\"\(Value.format(double: number))\"}"
        case .decimal(let unscaled, let scale): "{\"n\":\"\(Value.format(decimal: unscaled, scale: scale))\"}"
        case .string(let text): string(text)
        case .binary(let bytes): "{\"bin\":\"" + bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined() + "\"}"
        case .date(let days): "{\"date\":\"\(CivilTime.formatDate(days: Int(days)))\"}"
        case .timestamp(let micros): "{\"ts\":\(micros)}"
        case .list(let values): row(values)
        case .structure(let fields):
            "{\"struct\":[" + fields.map { "[\(string($0.name)),\(Self.value($0.value))]" }.joined(separator: ",") + "]}"
        case .map(let entries):
            "{\"map\":[" + entries.map { "[\(Self.value($0.key)),\(Self.value($0.value))]" }.joined(separator: ",") + "]}"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
