import SluiceCore
import SluiceFormats

/// Step 2b, first built-in classifier: Parquet, recognised by `PAR1` at both ends and read
/// from its footer alone (nothing is sampled: the file states its schema and row count).
enum ParquetClassifier {
    static let magic: [UInt8] = Array("PAR1".utf8)

    static func classify(path: String, prefix: FilePrefix) -> ClassifierVerdict {
        guard prefix.compression == .none, prefix.raw.starts(with: magic) else {
            return .noMatch(reason: "it does not start with Parquet's 'PAR1' mark")
        }
        do throws(SluiceError) {
            let metadata = try ParquetFooter.read(RandomAccessFile(path: path))
            let schema = try ParquetFileSchema(elements: metadata.schema).schema
            let rows = Int(metadata.numRows)
            return .match(FileClassification(
                format: .parquet, compression: .none,
                schema: InferredSchema(schema: schema, nullOnlyFields: [], recordsSampled: rows, isComplete: true),
                exactRecordCount: rows), certainty: 1)
        } catch {
            return .noMatch(reason: "it starts like Parquet but its footer cannot be read (\(error.message))")
        }
    }
}
