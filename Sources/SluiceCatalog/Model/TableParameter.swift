/// Names of table and partition parameters, as Glue crawlers write them (so tools that read
/// Glue's parameters find the same keys), and of the format options of a table.
public enum TableParameter {
    /// `json`, `csv` or `parquet`.
    public static let classification = "classification"
    /// `gzip` or `none`.
    public static let compressionType = "compressionType"
    /// Records in the table or partition (exact when every file was read whole or is Parquet,
    /// otherwise estimated from the sample's average record size).
    public static let recordCount = "recordCount"
    /// Average bytes per record in the samples read.
    public static let averageRecordSize = "averageRecordSize"
    /// Bytes of the data files on disk.
    public static let sizeKey = "sizeKey"
    /// Number of data files.
    public static let objectCount = "objectCount"
    /// When a crawler last wrote the table (ISO 8601, UTC).
    public static let lastCrawled = "lastCrawled"
    /// The crawler that created or last updated the table.
    public static let crawlerName = "crawlerName"
    /// Set by a crawler whose data is gone, with the time it noticed (Glue's delete behaviour
    /// `DEPRECATE_IN_DATABASE`).
    public static let deprecatedByCrawler = "DEPRECATED_BY_CRAWLER"
    /// Always `file` for lake tables.
    public static let typeOfData = "typeOfData"

    /// CSV field separator (one character; `\t` for tab).
    public static let delimiter = "delimiter"
    /// `1` when CSV files start with a header row, `0` otherwise (Hive's serde property).
    public static let skipHeaderLineCount = "skip.header.line.count"
}
