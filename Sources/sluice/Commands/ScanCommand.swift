import ArgumentParser
import SluiceCore
import SluiceFormats

/// `sluice scan`: read every record and report counts and throughput.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Read every record of lake files into columns and report rows, bytes and speed.",
        discussion: """
            A quick check that files are readable end to end with one schema (bad records are \
            reported with their file, line and column), and the scan the benchmarks time.

            Examples:
              sluice scan orders/
              sluice scan 'events/*/*.csv' --bad-records skip
              sluice scan lake/orders --columns price,quantity
            """)

    @Argument(help: "A file, a folder, or a quoted glob.")
    var path: String

    @Option(name: .long, help: ArgumentHelp(
        "Read only these columns (comma-separated); Parquet files then read only their chunks.", valueName: "names"))
    var columns: String?

    @Flag(name: .long, help: "Print the result as one JSON object.")
    var json = false

    @OptionGroup var input: InputOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            let started = MonotonicClock.seconds()
            let dataset = try Dataset(path: path, options: input.datasetOptions)
            let inferred = MonotonicClock.seconds()
            let totalBytes = dataset.totalSizeBytes
            let reader = try dataset.makeReader(columns: columns.map { $0.split(separator: ",").map(String.init) })
            var rows = 0
            var batches = 0
            var rejected = 0
            var ticker = ProgressTicker()
            while let batch = try reader.next() {
                rows += batch.count
                batches += 1
                rejected += reader.takeRejected().count
                if ticker.shouldUpdate() {
                    Terminal.showProgress(Terminal.progressLine(bytes: reader.progressBytes, total: totalBytes, rows: rows, started: inferred))
                }
            }
            rejected += reader.takeRejected().count
            Terminal.clearProgressLine()
            let finished = MonotonicClock.seconds()
            let scanSeconds = finished - inferred
            if json {
                print("""
                    {"files":\(dataset.files.count),"rows":\(rows),"batches":\(batches),"bytes":\(totalBytes),\
                    "rejected":\(rejected),"inferSeconds":\(inferred - started),"scanSeconds":\(scanSeconds)}
                    """)
                return
            }
            let megabytesPerSecond = Double(totalBytes) / 1e6 / max(scanSeconds, 1e-9)
            let rowsPerSecond = Double(rows) / max(scanSeconds, 1e-9)
            print("""
                files      \(Terminal.count(dataset.files.count))
                rows       \(Terminal.count(rows))
                bytes      \(Terminal.bytes(totalBytes))
                rejected   \(Terminal.count(rejected))
                schema     \(String(format1: inferred - started)) s (\(Terminal.count(dataset.recordsSampled)) records sampled)
                scan       \(String(format1: scanSeconds)) s · \(String(format1: megabytesPerSecond)) MB/s · \(Terminal.count(Int(rowsPerSecond))) rows/s
                """)
        }
    }
}
