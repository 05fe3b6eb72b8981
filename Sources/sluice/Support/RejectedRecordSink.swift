import SluiceCore
import SluiceFormats

/// Writes rejected records as NDJSON (`{"file":…,"line":…,"reason":…,"text":…}`) for people
/// to inspect and fix.
final class RejectedRecordSink {
    let path: String
    private let writer: JSONWriter
    private(set) var count = 0
    private static let schema = Schema([
        Field("file", .string), Field("line", .int64), Field("reason", .string), Field("text", .string),
    ])

    init(path: String) throws(SluiceError) {
        self.path = path
        writer = try JSONWriter(path: path, schema: RejectedRecordSink.schema)
    }

    func write(_ records: [RejectedRecord]) throws(SluiceError) {
        let builder = RecordBatchBuilder(schema: RejectedRecordSink.schema, capacity: records.count)
        for record in records {
            try builder.append(row: [
                record.file.map { .string($0) } ?? .null, .int(Int64(record.line)), .string(record.reason), .string(record.text),
            ])
        }
        try writer.write(builder.finish())
        count += records.count
    }

    func finish() throws(SluiceError) { try writer.finish() }
}
