import SluiceCore
import SluiceFormats

/// The statistics parameters Glue writes on tables and partitions, from crawled files:
/// `objectCount`, `sizeKey`, `recordCount` (exact for Parquet and wholly sampled files,
/// otherwise estimated from the sample's bytes per record) and `averageRecordSize`.
enum FileStatistics {
    static func parameters(_ files: [CrawledFile]) -> [String: String] {
        let size = files.reduce(0) { $0 + $1.file.sizeBytes }
        let records = files.reduce(0) { $0 + $1.recordCount }
        var parameters = [
            TableParameter.objectCount: String(files.count),
            TableParameter.sizeKey: String(size),
            TableParameter.recordCount: String(records),
        ]
        let opened = files.filter(\.wasOpened)
        let sampledRecords = opened.reduce(0) { $0 + $1.classification.schema.recordsSampled }
        let sampledBytes = opened.reduce(0) { total, file in
            total + (file.classification.format == .parquet ? file.file.sizeBytes : file.classification.schema.bytesSampled)
        }
        if sampledRecords > 0 {
            parameters[TableParameter.averageRecordSize] = String(Int((Double(sampledBytes) / Double(sampledRecords)).rounded()))
        }
        return parameters
    }

    /// `2026-11-21T10:04:05Z` for seconds since 1970.
    static func isoTime(_ seconds: Double) -> String {
        CivilTime.formatTimestamp(microseconds: Int64(seconds.rounded()) * 1_000_000, separator: "T", zulu: true)
    }
}
