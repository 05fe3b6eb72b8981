public import SluiceFormats

/// A table's data format, named as Glue's `classification` parameter names it.
public enum TableClassification: String, Sendable, Codable, CaseIterable {
    case json
    case csv
    case parquet

    public init(_ format: FileFormat) {
        switch format {
        case .json: self = .json
        case .csv: self = .csv
        case .parquet: self = .parquet
        }
    }

    /// The reader format for the table's files.
    public var fileFormat: FileFormat {
        switch self {
        case .json: .json
        case .csv: .csv
        case .parquet: .parquet
        }
    }
}
