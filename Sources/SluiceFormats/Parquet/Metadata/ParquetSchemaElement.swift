public import SluiceCore

/// One node of the flattened schema tree (`SchemaElement`): the root, a group (with
/// `numChildren`) or a leaf column (with a physical `type`), in depth-first order.
public struct ParquetSchemaElement: ThriftCompactCodable, Equatable {
    /// The physical type; nil for groups.
    public var type: ParquetPhysicalType?
    /// The byte width of FIXED_LEN_BYTE_ARRAY values.
    public var typeLength: Int32?
    /// Nil only for the root.
    public var repetition: ParquetRepetition?
    public var name: String
    /// The number of children of a group; nil for leaves.
    public var numChildren: Int32?
    public var convertedType: ParquetConvertedType?
    /// The decimal scale, for the legacy DECIMAL converted type.
    public var scale: Int32?
    /// The decimal precision, for the legacy DECIMAL converted type.
    public var precision: Int32?
    /// The field id of the original schema (Iceberg, Arrow's `PARQUET:field_id`).
    public var fieldID: Int32?
    public var logicalType: ParquetLogicalType?

    public init(
        type: ParquetPhysicalType? = nil, typeLength: Int32? = nil, repetition: ParquetRepetition? = nil,
        name: String, numChildren: Int32? = nil, convertedType: ParquetConvertedType? = nil, scale: Int32? = nil,
        precision: Int32? = nil, fieldID: Int32? = nil, logicalType: ParquetLogicalType? = nil
    ) {
        self.type = type
        self.typeLength = typeLength
        self.repetition = repetition
        self.name = name
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldID = fieldID
        self.logicalType = logicalType
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetSchemaElement {
        try decoder.beginStruct()
        var element = ParquetSchemaElement(name: "")
        var name: String?
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): element.type = ParquetPhysicalType(rawValue: try decoder.readI32())
            case (2, .i32): element.typeLength = try decoder.readI32()
            case (3, .i32): element.repetition = ParquetRepetition(rawValue: try decoder.readI32())
            case (4, .binary): name = try decoder.readString()
            case (5, .i32): element.numChildren = try decoder.readI32()
            case (6, .i32): element.convertedType = ParquetConvertedType(rawValue: try decoder.readI32())
            case (7, .i32): element.scale = try decoder.readI32()
            case (8, .i32): element.precision = try decoder.readI32()
            case (9, .i32): element.fieldID = try decoder.readI32()
            case (10, .struct): element.logicalType = try ParquetLogicalType.decode(from: &decoder)
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        guard let name else { throw decoder.missingField("name", 4, in: "SchemaElement") }
        element.name = name
        return element
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        if let type { encoder.writeI32Field(1, type.rawValue) }
        if let typeLength { encoder.writeI32Field(2, typeLength) }
        if let repetition { encoder.writeI32Field(3, repetition.rawValue) }
        encoder.writeStringField(4, name)
        if let numChildren { encoder.writeI32Field(5, numChildren) }
        if let convertedType { encoder.writeI32Field(6, convertedType.rawValue) }
        if let scale { encoder.writeI32Field(7, scale) }
        if let precision { encoder.writeI32Field(8, precision) }
        if let fieldID { encoder.writeI32Field(9, fieldID) }
        if let logicalType { encoder.writeStructField(10, logicalType) }
        encoder.endStruct()
    }
}
