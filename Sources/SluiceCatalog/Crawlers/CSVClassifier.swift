import SluiceCore
import SluiceFormats

/// Step 2d, last built-in classifier: delimited text, after Glue's CSV classifier.
///
/// - The delimiter is detected among comma, tab, pipe and semicolon; the sample is the first
///   1,000 records or 1 MB.
/// - A file needs at least two columns and two rows to be CSV.
/// - The first row is a header only if every value in it is text and some data row has a
///   column that is not text (a number, date, boolean…); otherwise the columns are named
///   `col0`, `col1`, … and the first row is data. (Glue's rule: a header must differ from the
///   data, so an all-text file has no header.)
enum CSVClassifier {
    static func classify(path: String, prefix: FilePrefix) -> ClassifierVerdict {
        if prefix.looksBinary { return .noMatch(reason: "it holds binary data (NUL bytes)") }
        if let first = prefix.firstSignificantByte, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return .noMatch(reason: "it looks like JSON, not delimited text")
        }
        var options = CSVReadOptions(inference: CrawlSampling.csvInference)
        var inferred: CSVInferredSchema
        do throws(SluiceError) {
            inferred = try CSVSchemaInference.infer(path: path, options: options)
            if inferred.dialect.hasHeader, inferred.schema.fields.allSatisfy({ $0.type == .string }) {
                // All text below the first row: the first row is not different enough to be a header.
                options.header = .absent
                options.delimiter = inferred.dialect.delimiter
                inferred = try CSVSchemaInference.infer(path: path, options: options)
            }
        } catch {
            return .noMatch(reason: "it cannot be read as delimited text (\(error.summary))")
        }
        guard inferred.schema.count >= 2 else {
            return .noMatch(reason: "it has one column: no comma, tab, pipe or semicolon splits its lines")
        }
        let rows = inferred.recordsSampled + (inferred.dialect.hasHeader ? 1 : 0)
        guard rows >= 2 else {
            return .noMatch(reason: "it has \(rows) row; CSV needs at least two")
        }
        return .match(FileClassification(
            format: .csv, compression: prefix.compression, schema: inferred.inferred, csvDialect: inferred.dialect,
            exactRecordCount: inferred.inferred.isComplete ? inferred.recordsSampled : nil), certainty: 1)
    }
}
