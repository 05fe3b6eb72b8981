public import SluiceCore

/// What the values of a schema element mean (`LogicalType`, a union in parquet.thrift);
/// members this version does not know are skipped and kept by field id.
public enum ParquetLogicalType: ThriftCompactCodable, Equatable {
    case string
    case map
    case list
    case enumeration
    case decimal(scale: Int32, precision: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)
    case integer(bitWidth: Int8, isSigned: Bool)
    /// The NULL type: only null values are stored (`UNKNOWN` in parquet.thrift).
    case unknown
    case json
    case bson
    case uuid
    case float16
    /// A member this version does not model (variant, geometry…); re-encoded as an empty struct.
    case other(fieldID: Int16)

    /// The union member's field id.
    public var fieldID: Int16 {
        switch self {
        case .string: 1
        case .map: 2
        case .list: 3
        case .enumeration: 4
        case .decimal: 5
        case .date: 6
        case .time: 7
        case .timestamp: 8
        case .integer: 10
        case .unknown: 11
        case .json: 12
        case .bson: 13
        case .uuid: 14
        case .float16: 15
        case .other(let fieldID): fieldID
        }
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetLogicalType {
        try decoder.beginStruct()
        var logicalType: ParquetLogicalType?
        while let field = try decoder.readFieldHeader() {
            // A union has one member; should more appear, the first wins and the rest are skipped.
            guard logicalType == nil, field.type == .struct else {
                try decoder.skip(field.type)
                if logicalType == nil { logicalType = .other(fieldID: field.id) }
                continue
            }
            logicalType = try decodeMember(field.id, from: &decoder)
        }
        decoder.endStruct()
        guard let logicalType else { throw decoder.corrupt("a LogicalType union has no member", at: decoder.position) }
        return logicalType
    }

    private static func decodeMember(_ id: Int16, from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetLogicalType {
        switch id {
        case 5: return try decodeDecimal(from: &decoder)
        case 7, 8:
            let (isAdjustedToUTC, unit) = try decodeTime(from: &decoder, in: id == 7 ? "TimeType" : "TimestampType")
            guard let unit else { return .other(fieldID: id) }
            return id == 7 ? .time(isAdjustedToUTC: isAdjustedToUTC, unit: unit)
                : .timestamp(isAdjustedToUTC: isAdjustedToUTC, unit: unit)
        case 10: return try decodeInteger(from: &decoder)
        default:
            try decoder.skip(.struct)
            switch id {
            case 1: return .string
            case 2: return .map
            case 3: return .list
            case 4: return .enumeration
            case 6: return .date
            case 11: return .unknown
            case 12: return .json
            case 13: return .bson
            case 14: return .uuid
            case 15: return .float16
            default: return .other(fieldID: id)
            }
        }
    }

    private static func decodeDecimal(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetLogicalType {
        try decoder.beginStruct()
        var scale: Int32?
        var precision: Int32?
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): scale = try decoder.readI32()
            case (2, .i32): precision = try decoder.readI32()
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        guard let scale else { throw decoder.missingField("scale", 1, in: "DecimalType") }
        guard let precision else { throw decoder.missingField("precision", 2, in: "DecimalType") }
        return .decimal(scale: scale, precision: precision)
    }

    /// A TimeType or TimestampType; the unit is nil when it is one this version does not know.
    private static func decodeTime(
        from decoder: inout ThriftCompactDecoder, in name: String
    ) throws(SluiceError) -> (Bool, ParquetTimeUnit?) {
        try decoder.beginStruct()
        var isAdjustedToUTC: Bool?
        var unit: ParquetTimeUnit??
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .bool): isAdjustedToUTC = try decoder.readBool()
            case (2, .struct): unit = try decodeTimeUnit(from: &decoder)
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        guard let isAdjustedToUTC else { throw decoder.missingField("isAdjustedToUTC", 1, in: name) }
        guard let unit else { throw decoder.missingField("unit", 2, in: name) }
        return (isAdjustedToUTC, unit)
    }

    /// The TimeUnit union (MILLIS 1, MICROS 2, NANOS 3); nil for a member this version does not know.
    private static func decodeTimeUnit(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetTimeUnit? {
        try decoder.beginStruct()
        var memberID: Int16?
        while let field = try decoder.readFieldHeader() {
            try decoder.skip(field.type)
            if memberID == nil { memberID = field.id }
        }
        decoder.endStruct()
        switch memberID {
        case 1: return .millis
        case 2: return .micros
        case 3: return .nanos
        case nil: throw decoder.corrupt("a TimeUnit union has no member", at: decoder.position)
        default: return nil
        }
    }

    private static func decodeInteger(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetLogicalType {
        try decoder.beginStruct()
        var bitWidth: Int8?
        var isSigned: Bool?
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i8): bitWidth = try decoder.readI8()
            case (2, .bool): isSigned = try decoder.readBool()
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        guard let bitWidth else { throw decoder.missingField("bitWidth", 1, in: "IntType") }
        guard let isSigned else { throw decoder.missingField("isSigned", 2, in: "IntType") }
        return .integer(bitWidth: bitWidth, isSigned: isSigned)
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeFieldHeader(fieldID, .struct)
        encoder.beginStruct()
        switch self {
        case .decimal(let scale, let precision):
            encoder.writeI32Field(1, scale)
            encoder.writeI32Field(2, precision)
        case .time(let isAdjustedToUTC, let unit), .timestamp(let isAdjustedToUTC, let unit):
            encoder.writeBoolField(1, isAdjustedToUTC)
            encoder.writeFieldHeader(2, .struct)
            encoder.beginStruct()
            encoder.writeFieldHeader(unit.thriftFieldID, .struct)
            encoder.beginStruct()
            encoder.endStruct()
            encoder.endStruct()
        case .integer(let bitWidth, let isSigned):
            encoder.writeI8Field(1, bitWidth)
            encoder.writeBoolField(2, isSigned)
        default:
            break
        }
        encoder.endStruct()
        encoder.endStruct()
    }
}

extension ParquetTimeUnit {
    /// The member's field id in the TimeUnit union.
    var thriftFieldID: Int16 {
        switch self {
        case .millis: 1
        case .micros: 2
        case .nanos: 3
        }
    }
}
