import SluiceTestSupport
import Testing

/// `sluice generate` output read back by every command: the seed data sets must be readable
/// end to end, with the types users expect.
@Suite("generated sample data through the CLI")
struct GeneratedDataTests {
    @Test(arguments: ["json", "csv"])
    func everyGeneratedTableReadsBack(format: String) async throws {
        let folder = try TemporaryFolder()
        let sluice = try BinaryRunner.sluice()
        let generated = try await sluice.run([
            "generate", "--users", "200", "--orders", "900", "--events", "600", "--format", format, "--out", folder.path,
        ])
        #expect(generated.exitCode == 0, "\(generated)")
        for table in ["users", "orders", "titles", "events"] {
            let path = folder.file(table)
            let head = try await sluice.run(["head", path, "-n", "3"])
            #expect(head.exitCode == 0, "\(table): \(head)")
            #expect(head.stdout.hasSuffix("3 rows\n"), "\(table): \(head.stdout)")
            let converted = folder.file("\(table)-converted.\(format == "json" ? "csv" : "json")")
            let convert = try await sluice.run(["convert", path, converted])
            #expect(convert.exitCode == 0, "\(table): \(convert)")
            let scan = try await sluice.run(["scan", converted, "--json"])
            #expect(scan.exitCode == 0, "\(table): \(scan)")
        }
        let schema = try await sluice.run(["schema", folder.file("orders")])
        #expect(schema.exitCode == 0, "\(schema)")
        if format == "json" {
            #expect(schema.stdout.contains("device: struct\n├── os: string\n└── app_version: string\n"), "\(schema.stdout)")
        } else {
            #expect(schema.stdout.contains("device_os: string\ndevice_app_version: string\n"), "\(schema.stdout)")
        }
        for line in ["order_id: bigint", "user_id: bigint", "price: double", "quantity: bigint", "created_at: timestamp", "dt: string"] {
            #expect(schema.stdout.contains(line + "\n"), "missing \(line) in \(schema.stdout)")
        }
    }

    @Test func generateIsDeterministicForASeed() async throws {
        let first = try TemporaryFolder()
        let second = try TemporaryFolder()
        let sluice = try BinaryRunner.sluice()
        for folder in [first, second] {
            let result = try await sluice.run(["generate", "--dataset", "events", "--users", "50", "--orders", "0", "--events", "300", "--seed", "7", "--out", folder.path])
            #expect(result.exitCode == 0, "\(result)")
        }
        #expect(try first.read("events/dt=2026-11-01/part-0.json") == second.read("events/dt=2026-11-01/part-0.json"))
    }

    @Test func generateRejectsHalfGivenCounts() async throws {
        let result = try await BinaryRunner.sluice().run(["generate", "--users", "10", "--out", "/tmp/unused"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("Give --users, --orders and --events together"))
    }
}
