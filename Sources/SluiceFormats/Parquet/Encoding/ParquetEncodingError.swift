import SluiceCore

/// The errors of value and level decoding. Messages name the encoding and what was wrong with
/// the data; the caller adds the file, column, row group and page.
enum ParquetEncodingError {
    static func truncated(_ encoding: String, _ detail: String) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.encoding.truncated",
            message: "\(encoding) data ends early: \(detail).", hint: damagedHint)
    }

    static func corrupt(_ encoding: String, _ detail: String) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.encoding.corrupt",
            message: "\(encoding) data is corrupt: \(detail).", hint: damagedHint)
    }

    private static let damagedHint =
        "The file is damaged or was written by a faulty library; copy it again or rewrite it from its source."
}
