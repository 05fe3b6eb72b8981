import SluiceCore

/// The errors of a file that is not a readable Parquet file, with their exact text. The
/// location (the file) is added by the caller.
enum ParquetFileError {
    static func truncated(size: Int) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.truncated",
            message: "truncated: \(size) bytes, a Parquet file has at least 12.",
            hint: "The file is empty or was cut off while being written or copied; write or copy it again.")
    }

    /// The first or last four bytes are not `PAR1`.
    static func notParquet(
        _ end: String, found: [UInt8], startsLikeParquet: Bool, endsLikeParquet: Bool = false
    ) -> SluiceError {
        let hint = if startsLikeParquet {
            "It starts like a Parquet file, so it was probably not written completely (the footer is written "
                + "last); write it again, or copy it whole."
        } else if endsLikeParquet {
            "It ends like a Parquet file, so its first bytes are damaged; copy it again or rewrite it from its source."
        } else {
            "Check the path, or read the file with its own format (for example --format json or csv)."
        }
        return SluiceError(
            domain: .format, code: "parquet.notParquet",
            message: "not a Parquet file: \(end) with \(describe(found)) instead of PAR1.", hint: hint)
    }

    static func encryptedFooter() -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.encrypted",
            message: "encrypted Parquet files are not supported: the file ends with PARE (an encrypted footer).",
            hint: encryptionHint)
    }

    static func footerLength(_ length: UInt32, size: Int) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.footerLength",
            message: "corrupt footer: its length field says \(length) bytes, but the file has only \(size - 12) "
                + "bytes between its magic numbers.",
            hint: "The end of the file is damaged; write it again, or copy it again if it was cut off in transfer.")
    }

    static let encryptionHint = "Decrypt the file with the tool that wrote it (for example pyarrow with its keys) "
        + "and read the plain copy."

    /// Four bytes as text when they are printable ASCII ('abcd'), else in hex (bytes 00 ff 12 34).
    static func describe(_ bytes: [UInt8]) -> String {
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return "'" + String(decoding: bytes, as: UTF8.self) + "'"
        }
        let digits: [Character] = Array("0123456789abcdef")
        return "bytes " + bytes.map { String([digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]]) }.joined(separator: " ")
    }
}

extension SluiceError {
    /// A plaintext footer that names an encryption algorithm: the columns are encrypted.
    static func parquetEncryptedColumns() -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.encrypted",
            message: "encrypted Parquet files are not supported: the footer says the columns are encrypted.",
            hint: ParquetFileError.encryptionHint)
    }
}
