import SluiceCore
import SluiceFormats

/// What classifying one file found: its format, compression and sampled schema.
struct FileClassification: Sendable {
    var format: FileFormat
    var compression: FilePrefix.Compression
    var schema: InferredSchema
    /// For CSV, the delimiter and header decision.
    var csvDialect: CSVDialect?
    /// Records in the whole file when known exactly (a Parquet footer, or a sample that
    /// covered the file); nil when only estimated.
    var exactRecordCount: Int?
    /// Something worth telling the user about the file (records skipped in the sample…).
    var note: String?

    /// What decides whether files can be one table: format, compression and CSV dialect.
    var compatibility: Compatibility {
        Compatibility(
            format: format, compression: compression,
            csvDelimiter: csvDialect?.delimiter, csvHeader: csvDialect?.hasHeader)
    }

    /// Files of one table must agree on all of these (Glue's "data compatibility").
    struct Compatibility: Hashable, Sendable, CustomStringConvertible {
        var format: FileFormat
        var compression: FilePrefix.Compression
        var csvDelimiter: UInt8?
        var csvHeader: Bool?

        var description: String {
            var text = format.rawValue
            if compression != .none { text += "+\(compression.rawValue)" }
            if let csvDelimiter { text += " delimited by '\(CSVDelimiterText.text(csvDelimiter))'" }
            if let csvHeader { text += csvHeader ? " with a header" : " without a header" }
            return text
        }
    }
}

/// A classifier's answer: a certainty from 0 to 1 and what it found, or why not.
enum ClassifierVerdict: Sendable {
    case match(FileClassification, certainty: Double)
    case noMatch(reason: String)
}

/// Delimiters as people write them (`\t` for tab).
enum CSVDelimiterText {
    static func text(_ byte: UInt8) -> String {
        byte == 0x09 ? "\\t" : String(UnicodeScalar(byte))
    }
}
