public import SluiceCore

/// The footer of a Parquet file (`FileMetaData`): the flattened schema, the row groups with
/// their column chunks, and the writer's name and key–value metadata.
public struct ParquetFileMetadata: ThriftCompactCodable, Equatable {
    /// The format version the writer followed (1 or 2).
    public var version: Int32
    /// The schema tree flattened depth-first; element 0 is the root.
    public var schema: [ParquetSchemaElement]
    public var numRows: Int64
    public var rowGroups: [ParquetRowGroup]
    public var keyValueMetadata: [ParquetKeyValue]
    /// The writing library, e.g. `parquet-cpp-arrow version 18.1.0`.
    public var createdBy: String?
    /// One order per leaf column, telling how statistics compare; nil when not written.
    public var columnOrders: [ParquetColumnOrder]?

    public init(
        version: Int32, schema: [ParquetSchemaElement], numRows: Int64, rowGroups: [ParquetRowGroup],
        keyValueMetadata: [ParquetKeyValue] = [], createdBy: String? = nil, columnOrders: [ParquetColumnOrder]? = nil
    ) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
    }

    /// Reads the footer from its thrift bytes (without the length and magic that follow it);
    /// `fileOffset` is where they start in the file, for error messages.
    public static func decode(_ bytes: UnsafeRawBufferPointer, fileOffset: Int = 0) throws(SluiceError) -> ParquetFileMetadata {
        var decoder = ThriftCompactDecoder(bytes, fileOffset: fileOffset)
        return try decode(from: &decoder)
    }

    /// The footer's thrift bytes.
    public func encoded() -> [UInt8] {
        var encoder = ThriftCompactEncoder(capacity: 1024)
        encode(to: &encoder)
        return encoder.bytes
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetFileMetadata {
        try decoder.beginStruct()
        var version: Int32?
        var schema: [ParquetSchemaElement]?
        var numRows: Int64?
        var rowGroups: [ParquetRowGroup]?
        var keyValueMetadata: [ParquetKeyValue] = []
        var createdBy: String?
        var columnOrders: [ParquetColumnOrder]?
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): version = try decoder.readI32()
            case (2, .list): schema = try decoder.readStructList(ParquetSchemaElement.self)
            case (3, .i64): numRows = try decoder.readI64()
            case (4, .list): rowGroups = try decoder.readStructList(ParquetRowGroup.self)
            case (5, .list): keyValueMetadata = try decoder.readStructList(ParquetKeyValue.self)
            case (6, .binary): createdBy = try decoder.readString()
            case (7, .list): columnOrders = try decoder.readStructList(ParquetColumnOrder.self)
            case (8, .struct): throw .parquetEncryptedColumns()
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        let name = "FileMetaData"
        guard let version else { throw decoder.missingField("version", 1, in: name) }
        guard let schema else { throw decoder.missingField("schema", 2, in: name) }
        guard let numRows else { throw decoder.missingField("num_rows", 3, in: name) }
        guard let rowGroups else { throw decoder.missingField("row_groups", 4, in: name) }
        return ParquetFileMetadata(
            version: version, schema: schema, numRows: numRows, rowGroups: rowGroups,
            keyValueMetadata: keyValueMetadata, createdBy: createdBy, columnOrders: columnOrders)
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeI32Field(1, version)
        encoder.writeStructListField(2, schema)
        encoder.writeI64Field(3, numRows)
        encoder.writeStructListField(4, rowGroups)
        if !keyValueMetadata.isEmpty { encoder.writeStructListField(5, keyValueMetadata) }
        if let createdBy { encoder.writeStringField(6, createdBy) }
        if let columnOrders { encoder.writeStructListField(7, columnOrders) }
        encoder.endStruct()
    }
}
