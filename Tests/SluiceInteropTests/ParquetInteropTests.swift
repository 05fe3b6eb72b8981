import Foundation
import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

/// Parquet proven against the libraries people read and write it with: pyarrow, DuckDB and
/// Spark read what Sluice writes, and Sluice reads what they write, value for value. The
/// comparisons run in Python (`python/canonical.py`) on what each library itself reports.
@Suite("Parquet with pyarrow, DuckDB and Spark", .serialized)
struct ParquetInteropTests {
    static let pythonFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("python").path

    private func python(_ script: String, _ arguments: [String], timeoutSeconds: Double = 300) async throws -> BinaryRunner.Result {
        try await BinaryRunner(executablePath: "/usr/bin/env").run(
            ["python3", "\(Self.pythonFolder)/\(script)"] + arguments,
            environment: ["PYTHONPATH": Self.pythonFolder, "PYTHONDONTWRITEBYTECODE": "1"],
            timeoutSeconds: timeoutSeconds)
    }

    /// Writes `batches` as Parquet and as NDJSON (the expected values) side by side.
    private func writeBoth(
        _ batches: [RecordBatch], schema: Schema, name: String, in folder: TemporaryFolder,
        options: ParquetWriteOptions = ParquetWriteOptions()
    ) throws -> [String] {
        let parquet = folder.file("\(name).parquet")
        let json = folder.file("\(name).json")
        let parquetWriter = try ParquetWriter(path: parquet, schema: schema, options: options)
        let jsonWriter = try JSONWriter(path: json, schema: schema)
        for batch in batches {
            try parquetWriter.write(batch)
            try jsonWriter.write(batch)
        }
        try parquetWriter.finish()
        try jsonWriter.finish()
        return [parquet, json]
    }

    @Test func pyarrowReadsWhatSluiceWrites() async throws {
        let folder = try TemporaryFolder()
        var pairs: [String] = []
        for seed in UInt64(1)...6 {
            var random = SeededRandom(seed: seed)
            let schema = RandomData.schema(using: &random, fieldCount: 10)
            let batches = (0..<2).map { _ in RandomData.batch(schema: schema, rows: 400, nullRate: 0.2, using: &random) }
            var options = ParquetWriteOptions()
            options.compression = [.snappy, .zstd, .gzip, .uncompressed, .lz4Raw, .snappy][Int(seed) - 1]
            if seed == 5 { options.useDictionary = false }
            if seed == 6 {
                options.rowGroupRows = 100
                options.pageSizeBytes = 500
            }
            pairs += try writeBoth(batches, schema: schema, name: "random-\(seed)", in: folder, options: options)
        }
        pairs += try writeBoth([ShowcaseData.batch(rows: 1500)], schema: ShowcaseData.schema, name: "showcase", in: folder)
        pairs += try writeBoth([], schema: ShowcaseData.schema, name: "empty", in: folder)
        let result = try await python("compare_parquet_json.py", pairs)
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.components(separatedBy: "rows equal").count - 1 == pairs.count / 2)
    }

    @Test func sluiceReadsWhatPyarrowWrites() async throws {
        let folder = try TemporaryFolder()
        let made = try await python("pyarrow_files.py", [folder.path])
        #expect(made.exitCode == 0, "\(made)")
        let files = made.stdout.split(separator: "\n").map(String.init).filter { !$0.hasSuffix("brotli.parquet") }
        #expect(files.count >= 14)
        var pairs: [String] = []
        for file in files {
            let json = String(file.dropLast(".parquet".count)) + ".json"
            let converted = try await BinaryRunner.sluice().run(["convert", file, json])
            #expect(converted.exitCode == 0, "\(file): \(converted)")
            pairs += [file, json]
        }
        let result = try await python("compare_parquet_json.py", pairs)
        #expect(result.exitCode == 0, "\(result)")

        let brotli = try await BinaryRunner.sluice().run(["convert", folder.file("brotli.parquet"), folder.file("brotli.json")])
        #expect(brotli.exitCode == 65, "\(brotli)")
        #expect(brotli.stderr.contains("BROTLI"), "\(brotli.stderr)")
        #expect(brotli.stderr.contains("row group 0"), "\(brotli.stderr)")
    }

    @Test func sluiceReadsWhatDuckDBWrites() async throws {
        let folder = try TemporaryFolder()
        let result = try await python("duckdb_files.py", [try BinaryRunner.sluice().executablePath, folder.path])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.components(separatedBy: "rows equal").count - 1 == 5, "\(result)")
    }

    @Test func sparkReadsWhatSluiceWritesAndTheOtherWayRound() async throws {
        let folder = try TemporaryFolder()
        var pairs = try writeBoth([ShowcaseData.batch(rows: 2000)], schema: ShowcaseData.schema, name: "showcase", in: folder)
        var options = ParquetWriteOptions()
        options.compression = .zstd
        options.rowGroupRows = 300
        pairs += try writeBoth([ShowcaseData.batch(rows: 1000)], schema: ShowcaseData.schema, name: "showcase-zstd", in: folder, options: options)
        let work = folder.file("spark")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let result = try await python(
            "spark_interop.py", [try BinaryRunner.sluice().executablePath, work] + pairs, timeoutSeconds: 600)
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.components(separatedBy: "rows equal").count - 1 == 2 + 5, "\(result)")
    }
}

/// A hand-made table with every Sluice type and the nesting lake data has (orders with
/// line items, device structs, attribute maps), with plain column names every engine takes.
enum ShowcaseData {
    static let item = DataType.struct([Field("sku", .string), Field("qty", .int32), Field("price", .decimal(precision: 9, scale: 2))])
    static let schema = Schema([
        Field("order_id", .int64, isNullable: false),
        Field("flag", .boolean),
        Field("tiny", .int8),
        Field("small", .int16),
        Field("count", .int32),
        Field("ratio", .float32),
        Field("price", .float64),
        Field("amount", .decimal(precision: 15, scale: 3)),
        Field("big_amount", .decimal(precision: 30, scale: 5)),
        Field("name", .string),
        Field("raw", .binary),
        Field("day", .date),
        Field("created_at", .timestamp),
        Field("tags", .list(.string)),
        Field("items", .list(item)),
        Field("device", .struct([Field("os", .string), Field("version", .struct([Field("major", .int32), Field("minor", .int32)]))])),
        Field("attributes", .map(key: .string, value: .int64)),
        Field("matrix", .list(.list(.float64))),
    ])

    static func batch(rows: Int) -> RecordBatch {
        var random = SeededRandom(seed: 77)
        let builder = RecordBatchBuilder(schema: schema, capacity: rows)
        func maybe(_ value: Value) -> Value { Int.random(in: 0..<6, using: &random) == 0 ? .null : value }
        for row in 0..<rows {
            let index = Int64(row)
            let items: Value = .list((0..<Int.random(in: 0..<4, using: &random)).map { item in
                maybe(.structure([
                    NamedValue("sku", maybe(.string("sku-\(item)-\(row % 17)"))),
                    NamedValue("qty", .int(Int64(item + 1))),
                    NamedValue("price", maybe(.decimal(Int128(Int.random(in: -99_999...99_999, using: &random)), scale: 2))),
                ]))
            })
            let values: [Value] = [
                .int(index * 1_000_003),
                maybe(.boolean(row % 3 == 0)),
                maybe(.int(Int64(row % 256) - 128)),
                maybe(.int(Int64(row * 37 % 65_536) - 32_768)),
                maybe(.int(Int64.random(in: Int64(Int32.min)...Int64(Int32.max), using: &random))),
                maybe(.double(Double(Float(Double(row) / 7)))),
                maybe(.double(Double.random(in: -1e9...1e9, using: &random))),
                maybe(.decimal(Int128(Int64.random(in: -999_999_999_999_999...999_999_999_999_999, using: &random)), scale: 3)),
                maybe(.decimal(Int128(Int64.random(in: Int64.min...Int64.max, using: &random)) * 1_000_003, scale: 5)),
                maybe(.string(["Zoë", "東京", "plain", "", "with \"quotes\"", "line\nbreak"][row % 6] + "-\(row)")),
                maybe(.binary((0..<(row % 5)).map { UInt8(($0 * 31 + row) % 256) })),
                maybe(.date(Int32(20_393 + row % 400 - 200))),
                maybe(.timestamp(1_762_000_000_000_000 + index * 3_600_000_123)),
                maybe(.list((0..<(row % 4)).map { maybe(.string("tag\($0)")) })),
                maybe(items),
                maybe(.structure([
                    NamedValue("os", maybe(.string(["linux", "ios", "android"][row % 3]))),
                    NamedValue("version", maybe(.structure([NamedValue("major", .int(Int64(row % 20))), NamedValue("minor", maybe(.int(Int64(row % 10))))]))),
                ])),
                maybe(.map((0..<(row % 3)).map { MapEntry(.string("k\($0)"), maybe(.int(index + Int64($0)))) })),
                maybe(.list((0..<(row % 3)).map { outer in maybe(.list((0..<outer + 1).map { maybe(.double(Double($0) / 4)) })) })),
            ]
            do {
                try builder.append(row: values)
            } catch {
                preconditionFailure("ShowcaseData made a row that does not fit its schema: \(error)")
            }
        }
        return builder.finish()
    }
}
