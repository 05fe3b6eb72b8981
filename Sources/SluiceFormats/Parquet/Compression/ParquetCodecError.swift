import SluiceCore

/// The errors of page compression. Messages name the codec and the page's sizes; the caller
/// adds the file, column and row group.
enum ParquetCodecError {
    static func unsupported(_ codec: ParquetCompressionCodec, writing: Bool) -> SluiceError {
        let known = codec == .lzo || codec == .brotli || codec == .lz4
        let what = known ? "\(codec)" : "compression codec number \(codec.rawValue)"
        return SluiceError(
            domain: .format, code: "parquet.codec.unsupported",
            message: writing
                ? "Sluice cannot write Parquet pages compressed with \(what)."
                : "Sluice cannot read Parquet pages compressed with \(what).",
            hint: writing
                ? "Choose SNAPPY, ZSTD, GZIP, LZ4_RAW or UNCOMPRESSED."
                : "Rewrite the file with SNAPPY or ZSTD compression (for example with pyarrow or DuckDB), then read it again.")
    }

    static func corrupt(
        _ codec: ParquetCompressionCodec, uncompressedSize: Int, compressedSize: Int, detail: String? = nil
    ) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.codec.corrupt",
            message: "\(codec) data is corrupt (page of \(bytes(uncompressedSize)), \(grouped(compressedSize)) compressed)"
                + (detail.map { ": \($0)." } ?? "."),
            hint: damagedHint)
    }

    static func truncated(_ codec: ParquetCompressionCodec, uncompressedSize: Int, compressedSize: Int) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.codec.truncated",
            message: "\(codec) data ends early (page of \(bytes(uncompressedSize)), \(grouped(compressedSize)) compressed).",
            hint: damagedHint)
    }

    static func wrongSize(_ codec: ParquetCompressionCodec, actual: Int?, expected: Int) -> SluiceError {
        let actualText = actual.map { "to \(bytes($0))" } ?? "to more"
        return SluiceError(
            domain: .format, code: "parquet.codec.size",
            message: "\(codec) data decompresses \(actualText) where the page header says \(bytes(expected)).",
            hint: damagedHint)
    }

    static func badSize(_ codec: ParquetCompressionCodec, uncompressedSize: Int, compressedSize: Int?) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.codec.size",
            message: "A \(codec) page of \(bytes(uncompressedSize))"
                + (compressedSize.map { " (\(grouped($0)) compressed)" } ?? "")
                + " is outside the sizes Parquet allows (0 to 2,147,483,647 bytes).",
            hint: damagedHint)
    }

    /// A page header claiming more than ``ParquetCompression/maximumPageSize``.
    static func tooLarge(_ codec: ParquetCompressionCodec, uncompressedSize: Int) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.codec.size",
            message: "A \(codec) page of \(bytes(uncompressedSize)) is larger than the 1 GiB Sluice reads in one page "
                + "(writers keep pages near 1 MiB).",
            hint: damagedHint)
    }

    static func failed(_ codec: ParquetCompressionCodec, detail: String) -> SluiceError {
        SluiceError.internal("\(codec) compression failed: \(detail).", domain: .format)
    }

    private static let damagedHint =
        "The file is damaged or was not written completely; copy it again or rewrite it from its source."

    static func bytes(_ count: Int) -> String { count == 1 ? "1 byte" : "\(grouped(count)) bytes" }

    /// `65536` as `65,536`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return number < 0 ? "-" + text : text
    }
}
