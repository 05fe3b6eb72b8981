public import ArgumentParser
import SluiceCore
public import SluiceFormats

/// Options every command that reads lake files shares.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Read the input as this format instead of guessing from file names.", valueName: "json|csv|parquet"))
    var format: FileFormat?

    @Option(name: .long, help: ArgumentHelp(
        "Records per file to infer the schema from, or 'all' (default: \(InferenceOptions.defaultSampleRecords)).",
        valueName: "n|all"))
    var sampleRecords: SampleSize?

    @Option(name: .long, help: ArgumentHelp(
        "What to do with a malformed record: fail (stop with its file, line and column), skip (set it aside in an error file), or null (keep the row with nulls).",
        valueName: "fail|skip|null"))
    var badRecords: BadRecordPolicy = .fail

    @Flag(name: .long, help: "Keep ISO date and timestamp strings as text instead of inferring date/timestamp columns.")
    var noTemporalInference = false

    @Option(name: .long, help: ArgumentHelp(
        "CSV field separator (default: detected among , tab | ;). Use 'tab' for tabs.", valueName: "char"))
    var delimiter: String?

    @Option(name: .long, help: ArgumentHelp(
        "CSV quote character (default: \"); 'none' reads quotes as plain text.", valueName: "char|none"))
    var quote: String?

    @Option(name: .long, help: ArgumentHelp(
        "Whether CSV files start with a header row (default: detect).", valueName: "detect|present|absent"))
    var header: CSVHeaderMode = .detect

    @Option(name: .long, help: ArgumentHelp(
        "A CSV field text that means null; repeat for several (default: empty, NULL, null, \\N).", valueName: "text"))
    var nullMarker: [String] = []

    func validate() throws {
        if let delimiter, delimiterByte(delimiter) == nil {
            throw ValidationError("--delimiter must be one ASCII character or 'tab', not '\(delimiter)'.")
        }
        if let quote, quote != "none", !(quote.utf8.count == 1 && (quote.utf8.first ?? 0x80) < 0x80) {
            throw ValidationError("--quote must be one ASCII character or 'none', not '\(quote)'.")
        }
    }

    private func delimiterByte(_ text: String) -> UInt8? {
        if text == "tab" || text == "\\t" { return 0x09 }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80 else { return nil }
        return byte
    }

    var datasetOptions: Dataset.Options {
        var csv = CSVReadOptions()
        csv.delimiter = delimiter.flatMap(delimiterByte)
        csv.header = header
        if let quote { csv.quote = quote == "none" ? nil : quote.utf8.first }
        if !nullMarker.isEmpty { csv.nullMarkers = nullMarker }
        return Dataset.Options(
            format: format,
            inference: InferenceOptions(
                sampleRecords: sampleRecords.map(\.records) ?? InferenceOptions.defaultSampleRecords,
                detectTemporalStrings: !noTemporalInference),
            badRecords: badRecords,
            csv: csv)
    }
}

/// `--sample-records`: a count or `all`.
struct SampleSize: ExpressibleByArgument {
    var records: Int?

    init?(argument: String) {
        if argument.lowercased() == "all" {
            records = nil
        } else if let count = Int(argument), count > 0 {
            records = count
        } else {
            return nil
        }
    }
}

extension FileFormat: ExpressibleByArgument {}
extension BadRecordPolicy: ExpressibleByArgument {}
extension CSVHeaderMode: ExpressibleByArgument {}
