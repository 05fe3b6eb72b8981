import SluiceCore

extension SluiceError {
    /// Thrift-encoded Parquet metadata that cannot be read: `detail` says what was wrong,
    /// `offset` where (in the file when the decoder knows where its bytes came from).
    static func corruptParquetMetadata(_ detail: String, at offset: Int) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.corruptMetadata",
            message: "corrupt Parquet metadata at byte \(offset): \(detail).",
            hint: "The file is damaged or was not written completely; write it again from its source, "
                + "or copy it again if it was cut off in transfer.")
    }

    /// A page header that cannot be read: the page at `offset` (in the file) is damaged.
    static func corruptPageHeader(_ detail: String, at offset: Int) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.corruptPage",
            message: "The page is damaged: its header at byte \(offset) cannot be read: \(detail).",
            hint: ParquetPageValues.damagedHint)
    }
}
