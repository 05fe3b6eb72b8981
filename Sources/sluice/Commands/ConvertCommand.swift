import ArgumentParser
import SluiceCore
import SluiceFormats

/// `sluice convert`: rewrite lake files in another format.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert lake files to JSON or CSV.",
        discussion: """
            Reads every record of the input (a file, a folder or a glob, with one merged schema) \
            and writes one output file. The output appears whole or not at all: it is written \
            under a temporary name and renamed when complete. An output name ending in .gz is \
            gzip-compressed. With --bad-records skip, rejected records go to --errors \
            (default: <output>.rejected.json) with their file, line and reason.

            Examples:
              sluice convert orders/ orders.csv
              sluice convert events.csv events.json.gz --to json
              sluice convert raw/ clean.json --bad-records skip --errors rejected.json
            """)

    @Argument(help: "A file, a folder, or a quoted glob.")
    var input: String

    @Argument(help: "The file to write ('-' for standard output).")
    var output: String

    @Option(name: .long, help: ArgumentHelp("Output format (default: from the output file name).", valueName: "json|csv"))
    var to: FileFormat?

    @Option(name: .long, help: "Where rejected records go with --bad-records skip (NDJSON: file, line, reason, text).")
    var errors: String?

    @OptionGroup var inputOptions: InputOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            guard let format = to ?? FileFormat.detect(path: output) else {
                throw SluiceError(
                    domain: .usage, code: "usage.outputFormat",
                    message: "Cannot tell the output format from '\(output)'.",
                    hint: "Add --to json or --to csv, or name the output .json or .csv.")
            }
            let dataset = try Dataset(path: input, options: inputOptions.datasetOptions)
            let totalBytes = dataset.totalSizeBytes
            let reader = dataset.makeReader()
            let writer = try makeWriter(format: format, schema: dataset.schema)
            var rejectedSink: RejectedRecordSink?
            var rows = 0
            var ticker = ProgressTicker()
            let started = MonotonicClock.seconds()
            do throws(SluiceError) {
                while let batch = try reader.next() {
                    try writer.write(batch)
                    rows += batch.count
                    let rejected = reader.takeRejected()
                    if !rejected.isEmpty {
                        if rejectedSink == nil { rejectedSink = try RejectedRecordSink(path: errors ?? defaultErrorsPath) }
                        try rejectedSink!.write(rejected)
                    }
                    if ticker.shouldUpdate() {
                        Terminal.showProgress(Terminal.progressLine(bytes: reader.progressBytes, total: totalBytes, rows: rows, started: started))
                    }
                }
                try writer.finish()
                try rejectedSink?.finish()
            } catch {
                writer.abort()
                throw error
            }
            Terminal.clearProgressLine()
            let seconds = MonotonicClock.seconds() - started
            var summary = "Wrote \(Terminal.count(rows)) rows to \(output) in \(String(format1: seconds)) s"
            if let rejectedSink {
                summary += "; \(Terminal.count(rejectedSink.count)) bad records set aside in \(rejectedSink.path)"
            }
            Terminal.writeError(summary + "\n")
        }
    }

    private var defaultErrorsPath: String {
        var base = output
        for suffix in [".gz", ".json", ".ndjson", ".jsonl", ".csv", ".tsv"] where base.hasSuffix(suffix) {
            base.removeLast(suffix.count)
        }
        return base + ".rejected.json"
    }

    private func makeWriter(format: FileFormat, schema: Schema) throws(SluiceError) -> any AbortableBatchWriter {
        switch format {
        case .json: return try JSONWriter(path: output, schema: schema)
        case .csv: return try CSVWriter(path: output, schema: schema, options: CSVWriteOptions(delimiter: output.hasSuffix(".tsv") || output.hasSuffix(".tsv.gz") ? 0x09 : UInt8(ascii: ",")))
        }
    }
}

/// A batch writer that can also drop its output.
protocol AbortableBatchWriter: BatchWriter {
    func abort()
}

extension JSONWriter: AbortableBatchWriter {}
extension CSVWriter: AbortableBatchWriter {}
