public import ArgumentParser
import SluiceCore
public import SluiceFormats

/// Options every command that reads lake files shares.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Read the input as this format instead of guessing from file names.", valueName: "json|csv"))
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

    var datasetOptions: Dataset.Options {
        Dataset.Options(
            format: format,
            inference: InferenceOptions(
                sampleRecords: sampleRecords?.records ?? InferenceOptions.defaultSampleRecords,
                detectTemporalStrings: !noTemporalInference),
            badRecords: badRecords)
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
