public import SluiceCore

/// Partition values are stored as text (as Glue stores them); queries see them typed by the
/// partition key's type. Text that does not read as that type, and Hive's
/// `__HIVE_DEFAULT_PARTITION__`, is null.
public enum PartitionValueParsing {
    /// Hive's name for the partition of null values.
    public static let hiveNullValue = "__HIVE_DEFAULT_PARTITION__"

    public static func value(_ text: String, as type: DataType) -> Value {
        guard text != hiveNullValue else { return .null }
        switch type {
        case .string: return .string(text)
        case .int8, .int16, .int32, .int64:
            return Int64(text).map(Value.int) ?? .null
        case .float32, .float64:
            return Double(text).map(Value.double) ?? .null
        case .boolean:
            switch text.lowercased() {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: return .null
            }
        case .date:
            return TemporalParsing.parseDate(text).map(Value.date) ?? .null
        case .timestamp:
            return TemporalParsing.parseTimestamp(text).map(Value.timestamp) ?? .null
        default:
            return .string(text)
        }
    }
}
