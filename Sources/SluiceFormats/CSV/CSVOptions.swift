public import SluiceCore

/// Whether the first record of a CSV file holds column names.
public enum CSVHeaderMode: String, Sendable, CaseIterable {
    /// Decide from the data by the rule in ``CSVHeaderDetection``.
    case detect
    /// The first record is a header.
    case present
    /// There is no header; columns are named `col0`, `col1`, …
    case absent
}

/// How to read a CSV (or TSV) file. The defaults read RFC 4180 files and detect the rest.
public struct CSVReadOptions: Sendable {
    /// The field separator, an ASCII byte; `nil` detects it among `,` tab `|` `;` from the
    /// first lines (a `.tsv` or `.tsv.gz` file is tab-separated without detection).
    public var delimiter: UInt8?
    /// The quote byte (ASCII); `nil` turns quoting off so quotes are plain text.
    public var quote: UInt8?
    /// Whether the first record is a header.
    public var header: CSVHeaderMode
    /// Unquoted field texts that mean null. The empty string stands for an empty unquoted
    /// field. A quoted field is never null in a string column: `""` is the empty string
    /// (in other columns an empty quoted field is null).
    public var nullMarkers: [String]
    /// The schema to read with (explicit mode); `nil` infers one from a sample.
    public var schema: Schema?
    /// What to do with a record that cannot be read.
    public var badRecords: BadRecordPolicy
    /// Most rows per batch (batches end early at chunk boundaries).
    public var batchRows: Int
    /// The sample that inference reads (inference mode only).
    public var inference: InferenceOptions

    /// The default null markers: an empty unquoted field, `NULL`, `null` and `\N`.
    public static let defaultNullMarkers = ["", "NULL", "null", "\\N"]
    /// The default batch size: enough rows to amortise per-batch work, small enough that a
    /// batch of wide rows stays in the tens of megabytes.
    public static let defaultBatchRows = 16_384

    public init(
        delimiter: UInt8? = nil,
        quote: UInt8? = UInt8(ascii: "\""),
        header: CSVHeaderMode = .detect,
        nullMarkers: [String] = CSVReadOptions.defaultNullMarkers,
        schema: Schema? = nil,
        badRecords: BadRecordPolicy = .fail,
        batchRows: Int = CSVReadOptions.defaultBatchRows,
        inference: InferenceOptions = InferenceOptions()
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.header = header
        self.nullMarkers = nullMarkers
        self.schema = schema
        self.badRecords = badRecords
        self.batchRows = batchRows
        self.inference = inference
    }
}

/// The shape of a CSV file as read: separator, quote and whether there is a header row.
public struct CSVDialect: Sendable, Equatable {
    public var delimiter: UInt8
    public var quote: UInt8?
    public var hasHeader: Bool

    public init(delimiter: UInt8, quote: UInt8?, hasHeader: Bool) {
        self.delimiter = delimiter
        self.quote = quote
        self.hasHeader = hasHeader
    }
}

/// How ``CSVWriter`` writes text.
public struct CSVWriteOptions: Sendable {
    /// The field separator, an ASCII byte.
    public var delimiter: UInt8
    /// The quote byte, an ASCII byte.
    public var quote: UInt8
    /// Whether to write a header row of field names first.
    public var writeHeader: Bool

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""), writeHeader: Bool = true) {
        self.delimiter = delimiter
        self.quote = quote
        self.writeHeader = writeHeader
    }
}

extension CSVReadOptions {
    /// Checks that delimiter and quote are usable ASCII bytes, distinct from each other and
    /// from line breaks, and that the batch size is positive.
    func validate(path: String) throws(SluiceError) {
        func invalid(_ message: String, _ hint: String) -> SluiceError {
            SluiceError(domain: .usage, code: "csv.options", message: message, location: ErrorLocation(file: path), hint: hint)
        }
        let lineBreaks: Set<UInt8> = [0x0A, 0x0D]
        if let delimiter {
            guard delimiter < 0x80, !lineBreaks.contains(delimiter) else {
                throw invalid("The CSV delimiter must be an ASCII character other than a line break.", "Use ',', tab, '|' or ';'.")
            }
            if let quote, quote == delimiter {
                throw invalid("The CSV delimiter and quote are the same character.", "Choose a different quote or delimiter.")
            }
        }
        if let quote {
            guard quote < 0x80, !lineBreaks.contains(quote) else {
                throw invalid("The CSV quote must be an ASCII character other than a line break.", "Use '\"' or '\\''.")
            }
        }
        guard batchRows > 0 else {
            throw invalid("batchRows must be at least 1, not \(batchRows).", "Use the default of \(CSVReadOptions.defaultBatchRows).")
        }
        if let sample = inference.sampleRecords, sample < 1 {
            throw invalid("sampleRecords must be at least 1, not \(sample).", "Use nil to read every record.")
        }
    }
}
