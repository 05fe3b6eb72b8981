public import SluiceCore

/// How a leaf column's statistics are ordered (`ColumnOrder`, a union of empty structs).
/// Without it readers must not trust `minValue` and `maxValue`, so writers emit one per leaf.
public enum ParquetColumnOrder: ThriftCompactCodable, Equatable {
    /// The order of the logical type, else of the physical type (`TYPE_ORDER`).
    case typeDefined
    /// IEEE 754 totalOrder for floating-point columns.
    case ieee754TotalOrder
    /// Chronological order of legacy INT96 timestamps.
    case int96Timestamp
    /// A member this version does not know, kept by its field id.
    case other(fieldID: Int16)

    var fieldID: Int16 {
        switch self {
        case .typeDefined: 1
        case .ieee754TotalOrder: 2
        case .int96Timestamp: 3
        case .other(let fieldID): fieldID
        }
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetColumnOrder {
        try decoder.beginStruct()
        var order: ParquetColumnOrder?
        while let field = try decoder.readFieldHeader() {
            try decoder.skip(field.type)
            guard order == nil else { continue }
            switch field.id {
            case 1: order = .typeDefined
            case 2: order = .ieee754TotalOrder
            case 3: order = .int96Timestamp
            default: order = .other(fieldID: field.id)
            }
        }
        decoder.endStruct()
        guard let order else { throw decoder.corrupt("a ColumnOrder union has no member", at: decoder.position) }
        return order
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeFieldHeader(fieldID, .struct)
        encoder.beginStruct()
        encoder.endStruct()
        encoder.endStruct()
    }
}
