import SluiceCore

/// Which Sluice type a Parquet leaf becomes. Unsigned integers widen to the next signed type
/// (UINT_64 to decimal(20,0), as Spark reads it); INT96 and every TIMESTAMP unit become
/// microsecond timestamps; TIME becomes text; FLOAT16 becomes float.
public enum ParquetTypeMapping {
    static func sluiceType(
        of element: ParquetSchemaElement, path: [String]
    ) throws(SluiceError) -> (DataType, ParquetValueConversion) {
        let dotted = path.joined(separator: ".")
        guard let physical = element.type else {
            throw ParquetSchemaNode.malformed("leaf '\(dotted)' has no physical type")
        }
        let logical = element.logicalType
        let converted = element.convertedType
        // Every reading of a fixed-width value (decimals included) needs a positive width.
        if physical == .fixedLenByteArray && (element.typeLength ?? 0) <= 0 {
            throw ParquetSchemaNode.malformed("FIXED_LEN_BYTE_ARRAY leaf '\(dotted)' has no positive type length")
        }
        if case .decimal(let scale, let precision) = logical {
            return (try decimalType(precision: Int(precision), scale: Int(scale), physical: physical, path: dotted), .decimal)
        }
        if logical == nil, converted == .decimal {
            let type = try decimalType(
                precision: Int(element.precision ?? 0), scale: Int(element.scale ?? 0), physical: physical, path: dotted)
            return (type, .decimal)
        }
        switch physical {
        case .boolean:
            return (.boolean, .boolean)
        case .int32:
            if let (bits, signed) = integerAnnotation(logical, converted) {
                let type: DataType = switch (bits, signed) {
                case (8, true): .int8
                case (16, true), (8, false): .int16
                case (32, true), (16, false): .int32
                default: .int64
                }
                return (type, .int32(signed: signed))
            }
            if logical == .date || (logical == nil && converted == .date) { return (.date, .date) }
            if case .time(_, let unit) = logical { return (.string, .time(unit)) }
            if logical == nil, converted == .timeMillis { return (.string, .time(.millis)) }
            return (.int32, .int32(signed: true))
        case .int64:
            if let (_, signed) = integerAnnotation(logical, converted) {
                return signed ? (.int64, .int64(signed: true)) : (.decimal(precision: 20, scale: 0), .int64(signed: false))
            }
            if case .timestamp(_, let unit) = logical { return (.timestamp, .timestamp(unit)) }
            if logical == nil, converted == .timestampMillis { return (.timestamp, .timestamp(.millis)) }
            if logical == nil, converted == .timestampMicros { return (.timestamp, .timestamp(.micros)) }
            if case .time(_, let unit) = logical { return (.string, .time(unit)) }
            if logical == nil, converted == .timeMicros { return (.string, .time(.micros)) }
            return (.int64, .int64(signed: true))
        case .int96:
            return (.timestamp, .int96Timestamp)
        case .float:
            return (.float32, .float)
        case .double:
            return (.float64, .double)
        case .byteArray:
            switch logical {
            case .string?, .enumeration?, .json?: return (.string, .string)
            case nil where converted == .utf8 || converted == .enum || converted == .json: return (.string, .string)
            default: return (.binary, .binary)
            }
        case .fixedLenByteArray:
            let width = Int(element.typeLength ?? 0)
            if logical == .uuid, width == 16 { return (.string, .uuid) }
            if logical == .float16, width == 2 { return (.float32, .float16) }
            return (.binary, .binary)
        default:
            throw SluiceError(
                domain: .format, code: "parquet.unsupportedType",
                message: "Column '\(dotted)' has the unknown physical type \(physical).",
                hint: "The file was written by a newer Parquet library; rewrite it with standard types.")
        }
    }

    /// Bit width and signedness from an INT logical type or an INT_/UINT_ converted type.
    private static func integerAnnotation(
        _ logical: ParquetLogicalType?, _ converted: ParquetConvertedType?
    ) -> (Int, Bool)? {
        if case .integer(let bits, let signed) = logical { return (Int(bits), signed) }
        guard logical == nil, let converted else { return nil }
        switch converted {
        case .int8: return (8, true)
        case .int16: return (16, true)
        case .int32: return (32, true)
        case .int64: return (64, true)
        case .uint8: return (8, false)
        case .uint16: return (16, false)
        case .uint32: return (32, false)
        case .uint64: return (64, false)
        default: return nil
        }
    }

    private static func decimalType(
        precision: Int, scale: Int, physical: ParquetPhysicalType, path: String
    ) throws(SluiceError) -> DataType {
        guard precision >= 1, scale >= 0, scale <= precision else {
            throw ParquetSchemaNode.malformed("decimal column '\(path)' has precision \(precision) and scale \(scale)")
        }
        guard precision <= DataType.maximumDecimalPrecision else {
            throw SluiceError(
                domain: .format, code: "parquet.unsupportedType",
                message: "Column '\(path)' is decimal(\(precision),\(scale)); Sluice holds decimals up to precision 38.",
                hint: "Cast the column to decimal(38,s) or double where the file is written.")
        }
        guard [.int32, .int64, .byteArray, .fixedLenByteArray].contains(physical) else {
            throw ParquetSchemaNode.malformed("decimal column '\(path)' is stored as \(physical)")
        }
        return .decimal(precision: precision, scale: scale)
    }
}
