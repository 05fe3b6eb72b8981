import SluiceCore
import SluiceFormats

/// Step 2c, second built-in classifier: newline-delimited JSON objects. The schema comes
/// from the first megabyte (read on to ten while no valid record turns up), as Glue samples.
/// The certainty is the share of sampled records that are valid JSON.
enum JSONClassifier {
    static func classify(path: String, prefix: FilePrefix) -> ClassifierVerdict {
        guard prefix.firstSignificantByte == UInt8(ascii: "{") else {
            return .noMatch(reason: "it does not start with '{'")
        }
        let inferred: InferredSchema
        do throws(SluiceError) {
            inferred = try JSONSchemaInference.infer(path: path, options: CrawlSampling.jsonInference, badRecords: .skip)
        } catch {
            return .noMatch(reason: "it cannot be read as JSON (\(error.summary))")
        }
        guard inferred.recordsSampled > 0 else {
            return .noMatch(reason: "no valid JSON record in its first \(CrawlSampling.jsonSampleBytesWithoutRecord >> 20) MB")
        }
        let total = inferred.recordsSampled + inferred.recordsSkipped
        var note: String?
        if inferred.recordsSkipped > 0 {
            note = "\(inferred.recordsSkipped) of \(total) sampled records are not valid JSON; reading them will fail unless bad records are skipped"
        }
        return .match(FileClassification(
            format: .json, compression: prefix.compression, schema: inferred,
            exactRecordCount: inferred.isComplete ? inferred.recordsSampled : nil, note: note),
            certainty: Double(inferred.recordsSampled) / Double(total))
    }
}
