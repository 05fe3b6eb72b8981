import ArgumentParser
import SluiceCore
import SluiceFormats

/// `sluice convert`: rewrite lake files in another format.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert lake files between JSON, CSV and Parquet.",
        discussion: """
            Reads every record of the input (a file, a folder or a glob, with one merged schema) \
            and writes one output file. The output appears whole or not at all: it is written \
            under a temporary name and renamed when complete. An output name ending in .gz is \
            gzip-compressed. Parquet output is SNAPPY-compressed by default (--compression), \
            dictionary-encoded, with statistics every engine prunes on. With --bad-records skip, rejected records go to --errors \
            (default: <output>.rejected.json) with their file, line and reason.

            Examples:
              sluice convert orders/ orders.csv
              sluice convert orders/ orders.parquet --compression zstd
              sluice convert events.parquet events.json
              sluice convert raw-orders/ lake/orders --to parquet --partition-by dt
              sluice convert events.csv events.json.gz --to json
              sluice convert raw/ clean.json --bad-records skip --errors rejected.json
            """)

    @Argument(help: "A file, a folder, or a quoted glob.")
    var input: String

    @Argument(help: "The file to write ('-' for standard output).")
    var output: String

    @Option(name: .long, help: ArgumentHelp("Output format (default: from the output file name).", valueName: "json|csv|parquet"))
    var to: FileFormat?

    @Option(name: .long, help: ArgumentHelp("Parquet compression.", valueName: "snappy|zstd|gzip|lz4|none"))
    var compression: ParquetCodecArgument = .snappy

    @Option(name: .long, help: ArgumentHelp("Parquet rows per row group.", valueName: "n"))
    var rowGroupRows = ParquetWriteOptions().rowGroupRows

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp(
        "Write a folder of Hive-style partitions (<output>/dt=…/part-0.<format>) by these columns.",
        valueName: "column"))
    var partitionBy: [String] = []

    @Option(name: .long, help: "Where rejected records go with --bad-records skip (NDJSON: file, line, reason, text).")
    var errors: String?

    @OptionGroup var inputOptions: InputOptions

    func run() throws {
        try reportingErrors { () throws(SluiceError) in
            guard let format = to ?? FileFormat.detect(path: output) ?? (partitionBy.isEmpty ? nil : .parquet) else {
                throw SluiceError(
                    domain: .usage, code: "usage.outputFormat",
                    message: "Cannot tell the output format from '\(output)'.",
                    hint: "Add --to json, --to csv or --to parquet, or name the output .json, .csv or .parquet.")
            }
            let dataset = try Dataset(path: input, options: inputOptions.datasetOptions)
            let totalBytes = dataset.totalSizeBytes
            let reader = try dataset.makeReader()
            let writer = try makeWriter(format: format, schema: dataset.schema)
            let files = writer as? PartitionedWriter
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
            let into = files.map { "\(Terminal.count($0.filesWritten)) files under \(output)" } ?? output
            var summary = "Wrote \(Terminal.count(rows)) rows to \(into) in \(String(format1: seconds)) s"
            if let rejectedSink {
                summary += "; \(Terminal.count(rejectedSink.count)) bad records set aside in \(rejectedSink.path)"
            }
            Terminal.writeError(summary + "\n")
        }
    }

    private var defaultErrorsPath: String {
        var base = output
        for suffix in [".gz", ".json", ".ndjson", ".jsonl", ".csv", ".tsv", ".parquet"] where base.hasSuffix(suffix) {
            base.removeLast(suffix.count)
        }
        return base + ".rejected.json"
    }

    private func makeWriter(format: FileFormat, schema: Schema) throws(SluiceError) -> any BatchWriter {
        guard partitionBy.isEmpty else {
            let columns = partitionBy.flatMap { $0.split(separator: ",").map(String.init) }
            let fileName = "part-0." + (format == .csv ? "csv" : format.rawValue)
            return try PartitionedWriter(
                folder: output, schema: schema, partitionColumns: columns, fileName: fileName,
                makeWriter: { (path, schema) throws(SluiceError) in try makeFileWriter(format: format, path: path, schema: schema) })
        }
        return try makeFileWriter(format: format, path: output, schema: schema)
    }

    private func makeFileWriter(format: FileFormat, path output: String, schema: Schema) throws(SluiceError) -> any BatchWriter {
        switch format {
        case .json: return try JSONWriter(path: output, schema: schema)
        case .csv: return try CSVWriter(path: output, schema: schema, options: CSVWriteOptions(delimiter: output.hasSuffix(".tsv") || output.hasSuffix(".tsv.gz") ? 0x09 : UInt8(ascii: ",")))
        case .parquet:
            var options = ParquetWriteOptions()
            options.compression = compression.codec
            options.rowGroupRows = max(1, rowGroupRows)
            return try ParquetWriter(path: output, schema: schema, options: options)
        }
    }
}

/// The `--compression` values: the codecs Sluice writes, by their everyday names.
enum ParquetCodecArgument: String, ExpressibleByArgument, CaseIterable {
    case snappy, zstd, gzip, lz4, none

    var codec: ParquetCompressionCodec {
        switch self {
        case .snappy: .snappy
        case .zstd: .zstd
        case .gzip: .gzip
        case .lz4: .lz4Raw
        case .none: .uncompressed
        }
    }
}
