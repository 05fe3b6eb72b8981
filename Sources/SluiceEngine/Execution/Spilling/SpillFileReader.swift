import SluiceCore
import SluiceFormats

/// Reads chunks of a ``SpillFile`` back, one batch per chunk, in the order asked, with the
/// rows' original schema. Reading happens on the calling thread (the operators that read
/// spills already run one reader per thread).
final class SpillFileReader {
    private let file: SpillFile
    private let reader: ParquetReader

    init(_ chunks: SpillChunks) throws(SluiceError) {
        file = chunks.file
        reader = try ParquetReader(path: chunks.file.path, options: ParquetReadOptions(rowGroups: chunks.chunks, threads: 0))
    }

    /// The next chunk, or nil after the last.
    func next() throws(SluiceError) -> RecordBatch? {
        guard let stored = try reader.next() else { return nil }
        let schema = file.schema
        return try RecordBatch(schema: schema, columns: stored.columns.enumerated().map { index, column in
            SpillFormat.retyped(column, as: schema.fields[index].type)
        })
    }
}
