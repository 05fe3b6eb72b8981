import SluiceTestSupport
import Testing

/// End-to-end tests of the built `sluice` binary: arguments in, stdout/stderr/exit code out.
@Suite("sluice command line")
struct CLITests {
    /// A small Hive-partitioned orders folder with a nested object and an optional field.
    private func ordersFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("""
            {"order_id":1,"price":9.5,"device":{"os":"ios","app_version":"3.2.1"},"created_at":"2026-11-01T10:00:00Z"}
            {"order_id":2,"price":12,"device":{"os":"web","app_version":null},"created_at":"2026-11-01T11:30:00Z"}

            """, to: "orders/dt=2026-11-01/part-0.json")
        try folder.write("""
            {"order_id":3,"price":7.25,"device":{"os":"android","app_version":"3.3.0"},"created_at":"2026-11-02T09:00:00Z","coupon":"WELCOME"}

            """, to: "orders/dt=2026-11-02/part-0.json")
        return folder
    }

    @Test func helpListsEveryCommandAndExitCodes() async throws {
        let result = try await BinaryRunner.sluice().run(["--help"])
        #expect(result.exitCode == 0)
        for command in ["schema", "head", "convert", "scan", "generate"] {
            #expect(result.stdout.contains("  \(command) "), "missing \(command) in:\n\(result.stdout)")
        }
        let words = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("65 bad input data; 66 input not found"))
        let schemaHelp = try await BinaryRunner.sluice().run(["schema", "--help"])
        #expect(schemaHelp.stdout.contains("sluice schema orders/"))
        #expect(schemaHelp.stdout.contains("--sample-records"))
    }

    @Test func schemaOfAPartitionedFolderIsATree() async throws {
        let folder = try ordersFolder()
        let result = try await BinaryRunner.sluice().run(["schema", folder.file("orders")])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout == """
            order_id: bigint
            price: double
            device: struct
            ├── os: string
            └── app_version: string
            created_at: timestamp
            coupon: string
            dt: string

            """)
        #expect(result.stderr.hasPrefix("2 files, 3 records sampled; partition columns: dt\nSchema changes across files:\n"))
        #expect(result.stderr.contains("added column 'coupon' (string) first seen in \(folder.file("orders"))/dt=2026-11-02/part-0.json"))
    }

    @Test func schemaAsJSONForMachines() async throws {
        let folder = try ordersFolder()
        let result = try await BinaryRunner.sluice().run(["schema", folder.file("orders/dt=2026-11-01/part-0.json"), "--json"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains(#""name" : "device""#))
        #expect(result.stdout.contains(#""type" : "struct<os:string,app_version:string>""#))
        #expect(result.stdout.contains(#""recordsSampled" : 2"#))
    }

    @Test func headPrintsAnAlignedTable() async throws {
        let folder = try ordersFolder()
        let result = try await BinaryRunner.sluice().run(["head", folder.file("orders"), "-n", "2", "--ascii"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout == """
            +----------+--------+--------------------------------------+---------------------+--------+------------+
            | order_id | price  | device                               | created_at          | coupon | dt         |
            | bigint   | double | struct<os:string,app_version:string> | timestamp           | string | string     |
            +----------+--------+--------------------------------------+---------------------+--------+------------+
            |        1 |    9.5 | {os: "ios", app_version: "3.2.1"}    | 2026-11-01 10:00:00 | NULL   | 2026-11-01 |
            |        2 |   12.0 | {os: "web", app_version: NULL}       | 2026-11-01 11:30:00 | NULL   | 2026-11-01 |
            +----------+--------+--------------------------------------+---------------------+--------+------------+
            2 rows

            """)
    }

    @Test func convertJSONToCSVAndBack() async throws {
        let folder = try ordersFolder()
        let sluice = try BinaryRunner.sluice()
        let toCSV = try await sluice.run(["convert", folder.file("orders"), folder.file("orders.csv")])
        #expect(toCSV.exitCode == 0, "\(toCSV)")
        #expect(toCSV.stderr.hasPrefix("Wrote 3 rows to \(folder.file("orders.csv")) in "))
        #expect(try folder.read("orders.csv") == """
            order_id,price,device,created_at,coupon,dt
            1,9.5,"{""os"":""ios"",""app_version"":""3.2.1""}",2026-11-01T10:00:00Z,,2026-11-01
            2,12.0,"{""os"":""web"",""app_version"":null}",2026-11-01T11:30:00Z,,2026-11-01
            3,7.25,"{""os"":""android"",""app_version"":""3.3.0""}",2026-11-02T09:00:00Z,WELCOME,2026-11-02

            """)
        let back = try await sluice.run(["convert", folder.file("orders.csv"), folder.file("back.json.gz")])
        #expect(back.exitCode == 0, "\(back)")
        let head = try await sluice.run(["head", folder.file("back.json.gz"), "-n", "1", "--ascii"])
        #expect(head.stdout.contains("| 1        | 9.5    |") || head.stdout.contains("|        1 |    9.5 |"), "\(head)")
    }

    @Test func malformedLineIsReportedWithFileLineAndColumn() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("{\"a\":1}\n{\"a\":2 \"b\":3}\n", to: "part-7.json")
        let result = try await BinaryRunner.sluice().run(["head", path])
        #expect(result.exitCode == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            Error: \(path), line 2, column 8: expected ',' or '}' but found '"'.
            Hint: Each line must hold one complete JSON object (NDJSON). Fix the line, or use --bad-records skip to set it aside in an error file.

            """)
    }

    @Test func skippedRecordsGoToTheErrorFile() async throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("{\"a\":1}\n{\"a\":2}\n{\"a\":\n{\"a\":4}\n", to: "in.json")
        let result = try await BinaryRunner.sluice().run(["convert", input, folder.file("out.json"), "--bad-records", "skip"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(try folder.read("out.json") == "{\"a\":1}\n{\"a\":2}\n{\"a\":4}\n")
        #expect(result.stderr.contains("1 bad records set aside in \(folder.file("out.rejected.json"))"))
        #expect(try folder.read("out.rejected.json") == """
            {"file":"\(input)","line":3,"reason":"column 6: expected a value but found the end of the line","text":"{\\"a\\":"}

            """)
    }

    @Test func missingInputAndBadUsageHaveTheirOwnExitCodes() async throws {
        let sluice = try BinaryRunner.sluice()
        let missing = try await sluice.run(["schema", "/no/such/file.json"])
        #expect(missing.exitCode == 66)
        #expect(missing.stderr == "Error: File '/no/such/file.json' does not exist.\nHint: Check the path; relative paths start from the current directory.\n")
        let folder = try ordersFolder()
        let badOutput = try await sluice.run(["convert", folder.file("orders"), folder.file("out.xyz")])
        #expect(badOutput.exitCode == 64)
        #expect(badOutput.stderr.contains("Cannot tell the output format from"))
        let badOption = try await sluice.run(["head", folder.file("orders"), "--n=-3"])
        #expect(badOption.exitCode == 64)
        #expect(badOption.stderr.contains("-n must be 0 or more, not -3."))
        let badPolicy = try await sluice.run(["scan", folder.file("orders"), "--bad-records", "maybe"])
        #expect(badPolicy.exitCode == 64)
    }

    @Test func sampleRecordsDecidesHowMuchInferenceReads() async throws {
        let folder = try TemporaryFolder()
        let lines = (0..<30).map { "{\"n\":\($0)}" } + ["{\"n\":1.5}"]
        let path = try folder.write(lines.joined(separator: "\n") + "\n", to: "late.json")
        let sluice = try BinaryRunner.sluice()
        let sampled = try await sluice.run(["schema", path, "--sample-records", "10"])
        #expect(sampled.stdout == "n: bigint\n")
        #expect(sampled.stderr.hasPrefix("1 file, 10 records sampled"))
        let all = try await sluice.run(["schema", path, "--sample-records", "all"])
        #expect(all.stdout == "n: double\n")
        #expect(all.stderr.hasPrefix("1 file, 31 records sampled"))
        let byDefault = try await sluice.run(["schema", path])
        #expect(byDefault.stdout == "n: double\n")
    }

    @Test func csvFilesWithDifferentColumnsAreNotMisread() async throws {
        let folder = try TemporaryFolder()
        try folder.write("id,name\n1,a\n", to: "t/part-0.csv")
        try folder.write("id,city,name\n2,Seoul,b\n", to: "t/part-1.csv")
        let result = try await BinaryRunner.sluice().run(["head", folder.file("t")])
        #expect(result.exitCode == 65)
        let first = folder.file("t/part-0.csv")
        #expect(result.stderr.hasPrefix("Error: \(first), line 1: this file has the columns (id, name) but the files read together have (id, name, city).\nHint: CSV columns are matched by position"))
    }

    @Test func scanReportsRowsAsJSON() async throws {
        let folder = try ordersFolder()
        let result = try await BinaryRunner.sluice().run(["scan", folder.file("orders"), "--json"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.hasPrefix(#"{"files":2,"rows":3,"batches":2,"#))
    }

    @Test func convertWritesNothingWhenItFails() async throws {
        let folder = try TemporaryFolder()
        let input = try folder.write("{\"a\":1}\n{\"a\":x}\n", to: "in.json")
        let result = try await BinaryRunner.sluice().run(["convert", input, folder.file("out.csv")])
        #expect(result.exitCode == 65)
        #expect(throws: (any Error).self) { try folder.read("out.csv") }
    }
}
