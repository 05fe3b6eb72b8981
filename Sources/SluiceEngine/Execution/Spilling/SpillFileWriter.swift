import SluiceCore
import SluiceFormats

/// Writes rows to a new file in the query's spill folder, each ``write(_:)`` one chunk that
/// ``SpillFileReader`` reads back whole. ``finish()`` closes the file and hands it over as a
/// ``SpillFile``; a writer dropped before that removes its partial file.
final class SpillFileWriter {
    let schema: Schema
    private let path: String
    private let writer: ParquetWriter
    private let statistics: SpillStatistics
    private(set) var chunkCount = 0
    private(set) var rowCount = 0

    init(directory: SpillDirectory, stem: String, schema: Schema, statistics: SpillStatistics) throws(SluiceError) {
        self.schema = schema
        self.statistics = statistics
        path = try directory.newFilePath(stem)
        do throws(SluiceError) {
            writer = try ParquetWriter(path: path, schema: SpillFormat.storageSchema(schema), options: SpillFormat.writeOptions())
        } catch {
            throw Self.failure(error, path: path)
        }
    }

    deinit { writer.abort() }

    /// Writes `batch` (rows of ``schema``) as the next chunk; returns its number.
    @discardableResult
    func write(_ batch: RecordBatch) throws(SluiceError) -> Int {
        guard batch.count > 0 else {
            throw SluiceError.internal("An empty batch was written to a spill file.", domain: .query)
        }
        do throws(SluiceError) {
            try writer.write(RecordBatch(schema: writer.schema, columns: batch.columns.enumerated().map { index, column in
                SpillFormat.retyped(column, as: writer.schema.fields[index].type)
            }))
        } catch {
            throw Self.failure(error, path: path)
        }
        rowCount += batch.count
        chunkCount += 1
        return chunkCount - 1
    }

    /// Closes the file; nothing can be written afterwards.
    func finish() throws(SluiceError) -> SpillFile {
        do throws(SluiceError) {
            try writer.finish()
        } catch {
            throw Self.failure(error, path: path)
        }
        let file = SpillFile(path: path, schema: schema, chunkCount: chunkCount, rowCount: rowCount)
        statistics.recordFile(sizeBytes: file.sizeBytes, rowCount: rowCount)
        return file
    }

    /// A write error with a hint about the spill folder (a full disk, most often).
    private static func failure(_ error: SluiceError, path: String) -> SluiceError {
        guard error.domain == .io else { return error }
        var failure = error
        failure.message = "Spilling to disk failed: " + error.message
        failure.hint = "Free disk space in the spill folder (\(path)) or choose another with --temp-dir, or raise --memory-limit so less spills."
        return failure
    }
}
