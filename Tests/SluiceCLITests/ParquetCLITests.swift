import SluiceTestSupport
import Testing

/// `sluice` with Parquet: convert to and from it, partitioned output, `parquet-meta`,
/// `schema` and `head` on Parquet files, and the errors of a damaged file.
@Suite("sluice command line with Parquet")
struct ParquetCLITests {
    private func ordersFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("""
            {"order_id":1,"price":9.5,"device":{"os":"ios"},"items":[{"sku":"a","qty":2}],"created_at":"2026-11-01T10:00:00Z"}
            {"order_id":2,"price":12,"device":{"os":"web"},"items":[],"created_at":"2026-11-01T11:30:00Z"}

            """, to: "orders/dt=2026-11-01/part-0.json")
        try folder.write("""
            {"order_id":3,"price":7.25,"device":null,"items":null,"created_at":"2026-11-02T09:00:00Z","coupon":"WELCOME"}

            """, to: "orders/dt=2026-11-02/part-0.json")
        return folder
    }

    @Test func convertsToParquetAndBackUnchanged() async throws {
        let folder = try ordersFolder()
        let sluice = try BinaryRunner.sluice()
        let toParquet = try await sluice.run(["convert", folder.file("orders"), folder.file("orders.parquet"), "--compression", "zstd"])
        #expect(toParquet.exitCode == 0, "\(toParquet)")
        #expect(toParquet.stderr.contains("Wrote 3 rows to"))
        let direct = try await sluice.run(["convert", folder.file("orders"), "-", "--to", "json"])
        let viaParquet = try await sluice.run(["convert", folder.file("orders.parquet"), "-", "--to", "json"])
        #expect(viaParquet.exitCode == 0, "\(viaParquet)")
        #expect(viaParquet.stdout == direct.stdout)
        #expect(viaParquet.stdout.contains(#""items":[{"sku":"a","qty":2}]"#))

        let schema = try await sluice.run(["schema", folder.file("orders.parquet")])
        #expect(schema.stdout.contains("created_at: timestamp"), "\(schema)")
        #expect(schema.stderr.contains("schema from the Parquet footers"))
        let head = try await sluice.run(["head", folder.file("orders.parquet"), "-n", "1", "--ascii"])
        #expect(head.stdout.contains("|        1 |    9.5 | {os: \"ios\"}"), "\(head)")
    }

    @Test func partitionedOutputIsHiveFoldersThatReadBack() async throws {
        let folder = try ordersFolder()
        let sluice = try BinaryRunner.sluice()
        let lake = folder.file("lake/orders")
        let result = try await sluice.run(["convert", folder.file("orders"), lake, "--partition-by", "dt"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stderr.contains("Wrote 3 rows to 2 files under"))
        let meta = try await sluice.run(["parquet-meta", folder.file("lake/orders/dt=2026-11-01/part-0.parquet")])
        #expect(meta.exitCode == 0, "\(meta)")
        #expect(meta.stdout.contains("Created by:  Sluice version"))
        #expect(meta.stdout.contains("Rows:        2 in 1 row group"))
        #expect(meta.stdout.contains("RLE_DICTIONARY") && meta.stdout.contains("SNAPPY"))
        #expect(!meta.stdout.contains("dt:"), "the partition column lives in the folder name")
        let back = try await sluice.run(["convert", lake, "-", "--to", "json"])
        let direct = try await sluice.run(["convert", folder.file("orders"), "-", "--to", "json"])
        #expect(back.stdout == direct.stdout)

        let again = try await sluice.run(["convert", folder.file("orders"), lake, "--partition-by", "dt"])
        #expect(again.exitCode != 0)
        #expect(again.stderr.contains("already holds files"), "\(again)")
        let unknown = try await sluice.run(["convert", folder.file("orders"), folder.file("other"), "--partition-by", "day"])
        #expect(unknown.stderr.contains("Cannot partition by 'day': there is no such column"), "\(unknown)")
    }

    @Test func aDamagedFileNamesItselfAndExitsAsBadData() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("PAR1 this is not really parquet", to: "broken.parquet")
        let result = try await BinaryRunner.sluice().run(["head", path])
        #expect(result.exitCode == 65, "\(result)")
        #expect(result.stderr.contains("broken.parquet"))
        #expect(result.stderr.contains("not a Parquet file"), "\(result.stderr)")
    }
}
