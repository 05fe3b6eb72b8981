import ArgumentParser
import SluiceCore
import SluiceFormats
import SluiceSampleData

/// `sluice generate`: write the seed data sets (deterministic, seeded) into a folder.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate the seed sample data sets (users/orders, titles/events) as lake files.",
        discussion: """
            Writes Hive-partitioned tables, 30 days from 2026-11-01, the same bytes for the same \
            seed on any machine:
              orders:  users/part-0.json, orders/dt=2026-11-01/part-0.json … (seed 002: gender 6:4,
                       skewed categories, a nested device object, an optional coupon)
              events:  titles/part-0.json, events/dt=…/part-0.json (seed 003: 2% of events name
                       a title that does not exist, so joins show nulls)
            Scales: small = 100k users, 1M orders, 1M events (≈250 MB of NDJSON); large = 1M users,
            10M orders, 10M events (≈2.5 GB). --users/--orders/--events set any counts.

            Examples:
              sluice generate --out data/
              sluice generate --dataset orders --scale large --format csv --gzip --out bench-data/
              sluice generate --users 1000 --orders 10000 --events 10000 --out sample/
            """)

    @Option(name: .long, help: ArgumentHelp("Which data sets to write.", valueName: "orders|events|all"))
    var dataset = "all"

    @Option(name: .long, help: ArgumentHelp("Size preset.", valueName: "small|large"))
    var scale = "small"

    @Option(name: .long, help: "Users (overrides --scale; give --orders and --events too).")
    var users: Int?

    @Option(name: .long, help: "Orders (with --users).")
    var orders: Int?

    @Option(name: .long, help: "Events (with --users).")
    var events: Int?

    @Option(name: .long, help: ArgumentHelp("File format.", valueName: "json|csv"))
    var format: FileFormat = .json

    @Flag(name: .long, help: "Compress files with gzip (.json.gz, .csv.gz).")
    var gzip = false

    @Option(name: .long, help: "Random seed; the same seed writes the same bytes.")
    var seed: UInt64 = SampleDataGenerator.defaultSeed

    @Option(name: .long, help: "Folder to write into (created if missing).")
    var out: String

    func validate() throws {
        guard SampleDataset.named(dataset) != nil else {
            throw ValidationError("--dataset must be orders, events or all, not '\(dataset)'.")
        }
        guard SampleScale(name: scale) != nil else { throw ValidationError("--scale must be small or large, not '\(scale)'.") }
        let counts = [users, orders, events].compactMap { $0 }
        guard counts.isEmpty || counts.count == 3 else {
            throw ValidationError("Give --users, --orders and --events together (or none, to use --scale).")
        }
        guard counts.allSatisfy({ $0 >= 0 }) else { throw ValidationError("Counts must be 0 or more.") }
    }

    /// One progress line per update: the table, rows so far and bytes written.
    @Sendable static func showProgress(_ progress: GenerationProgress) {
        Terminal.showProgress(
            "\(progress.table): \(Terminal.count(progress.writtenRowCount)) / "
                + "\(Terminal.count(progress.totalRowCount)) rows · \(Terminal.bytes(progress.writtenSizeBytes))")
    }

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let chosenScale: SampleScale
            if let users, let orders, let events {
                chosenScale = .custom(users: users, orders: orders, events: events)
            } else {
                chosenScale = SampleScale(name: scale) ?? .small
            }
            let generator = SampleDataGenerator(seed: seed, scale: chosenScale, format: format, compress: gzip)
            let datasets = SampleDataset.named(dataset) ?? Set(SampleDataset.allCases)
            let summary = try generator.generate(
                datasets: datasets, into: out, progress: Terminal.stderrIsTerminal ? GenerateCommand.showProgress : nil)
            Terminal.clearProgressLine()
            print(summary)
        }
    }
}
