public import SluiceCore

/// The Parquet schema Sluice writes for a Sluice schema, in the layout every common reader
/// expects: nullable fields OPTIONAL, three-level LIST (`list`/`element`) and MAP
/// (`key_value`/`key`/`value`) groups, decimals as INT32/INT64 up to precision 18 and
/// FIXED_LEN_BYTE_ARRAY above (as Spark writes them), timestamps as INT64 microseconds
/// adjusted to UTC, strings as BYTE_ARRAY with the STRING annotation.
public enum ParquetSchemaBuilder {
    public static func elements(for schema: Schema) -> [ParquetSchemaElement] {
        var root = ParquetSchemaNode(element: ParquetSchemaElement(name: "schema"))
        root.children = schema.fields.map { node(name: $0.name, type: $0.type, repetition: $0.isNullable ? .optional : .required) }
        return root.flattened()
    }

    private static func node(name: String, type: DataType, repetition: ParquetRepetition) -> ParquetSchemaNode {
        var element = ParquetSchemaElement(name: name)
        element.repetition = repetition
        switch type {
        case .struct(let fields):
            return ParquetSchemaNode(
                element: element,
                children: fields.map { node(name: $0.name, type: $0.type, repetition: $0.isNullable ? .optional : .required) })
        case .list(let elementType):
            element.logicalType = .list
            element.convertedType = .list
            var repeated = ParquetSchemaElement(name: "list")
            repeated.repetition = .repeated
            let inner = node(name: "element", type: elementType, repetition: .optional)
            return ParquetSchemaNode(element: element, children: [ParquetSchemaNode(element: repeated, children: [inner])])
        case .map(let key, let value):
            element.logicalType = .map
            element.convertedType = .map
            var entries = ParquetSchemaElement(name: "key_value")
            entries.repetition = .repeated
            let children = [node(name: "key", type: key, repetition: .required), node(name: "value", type: value, repetition: .optional)]
            return ParquetSchemaNode(element: element, children: [ParquetSchemaNode(element: entries, children: children)])
        default:
            annotate(&element, type)
            return ParquetSchemaNode(element: element)
        }
    }

    /// Physical type and annotations of a primitive Sluice type.
    static func annotate(_ element: inout ParquetSchemaElement, _ type: DataType) {
        switch type {
        case .boolean:
            element.type = .boolean
        case .int8:
            element.type = .int32
            element.logicalType = .integer(bitWidth: 8, isSigned: true)
            element.convertedType = .int8
        case .int16:
            element.type = .int32
            element.logicalType = .integer(bitWidth: 16, isSigned: true)
            element.convertedType = .int16
        case .int32:
            element.type = .int32
        case .int64:
            element.type = .int64
        case .float32:
            element.type = .float
        case .float64:
            element.type = .double
        case .decimal(let precision, let scale):
            element.type = precision <= 9 ? .int32 : precision <= 18 ? .int64 : .fixedLenByteArray
            if precision > 18 { element.typeLength = Int32(decimalWidth(precision: precision)) }
            element.logicalType = .decimal(scale: Int32(scale), precision: Int32(precision))
            element.convertedType = .decimal
            element.precision = Int32(precision)
            element.scale = Int32(scale)
        case .string:
            element.type = .byteArray
            element.logicalType = .string
            element.convertedType = .utf8
        case .binary:
            element.type = .byteArray
        case .date:
            element.type = .int32
            element.logicalType = .date
            element.convertedType = .date
        case .timestamp:
            element.type = .int64
            element.logicalType = .timestamp(isAdjustedToUTC: true, unit: .micros)
            element.convertedType = .timestampMicros
        case .struct, .list, .map:
            preconditionFailure("nested type \(type) is not a primitive")
        }
    }

    /// The fewest bytes that hold every unscaled value of the precision in two's complement.
    static func decimalWidth(precision: Int) -> Int {
        var width = 1
        // 10^precision - 1 must fit in 8 * width - 1 bits.
        var limit: Int128 = 1
        for _ in 0..<precision { limit *= 10 }
        while width < 16 && (Int128(1) << (8 * width - 1)) < limit { width += 1 }
        return width
    }
}
