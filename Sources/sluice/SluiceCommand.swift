import ArgumentParser

/// The `sluice` command: the root that lists every subcommand.
@main
struct SluiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Sluice: a data-pipeline platform in one binary — ingest, lake, catalog, jobs and SQL.",
        discussion: """
            Files: JSON means newline-delimited JSON (one object per line; .json, .ndjson, .jsonl); \
            CSV means RFC 4180 text (.csv, .tsv). Both may be gzip-compressed (.gz). Parquet files \
            (.parquet) are read and written with every common type, encoding and codec. A path may be \
            a file, a folder (read recursively, skipping names that start with '_' or '.'), or a \
            quoted glob such as 'orders/*/*.json'. Folders named key=value (dt=2026-11-01) become \
            partition columns.

            Exit codes: 0 success; 64 wrong usage; 65 bad input data; 66 input not found; \
            69 no server at the endpoint; \
            73 cannot create output; 74 read or write failure; 70 internal error (a bug — please report it).
            """,
        subcommands: [
            SchemaCommand.self, HeadCommand.self, ConvertCommand.self, ScanCommand.self, ParquetMetaCommand.self,
            GenerateCommand.self, QueryCommand.self, CatalogCommand.self, CrawlCommand.self, CrawlerCommand.self,
            ConnectionCommand.self, SecretCommand.self, ServerCommand.self, StreamCommand.self,
        ]
    )

    static func main() async {
        MemoryTuning.apply()
        await main(nil)
    }
}
