public import SluiceCore

/// One column of one row group (`ColumnChunk`): where its metadata is and, optionally, its
/// page indexes. Encrypted-column fields are skipped (encryption is not supported).
public struct ParquetColumnChunk: ThriftCompactCodable, Equatable {
    /// The file holding the chunk when it is not this one (rarely used).
    public var filePath: String?
    /// Deprecated offset of the chunk's metadata; writers put the chunk's start or 0 here.
    public var fileOffset: Int64
    public var metadata: ParquetColumnMetadata?
    public var offsetIndexOffset: Int64?
    public var offsetIndexLength: Int32?
    public var columnIndexOffset: Int64?
    public var columnIndexLength: Int32?

    public init(
        filePath: String? = nil, fileOffset: Int64, metadata: ParquetColumnMetadata? = nil,
        offsetIndexOffset: Int64? = nil, offsetIndexLength: Int32? = nil, columnIndexOffset: Int64? = nil,
        columnIndexLength: Int32? = nil
    ) {
        self.filePath = filePath
        self.fileOffset = fileOffset
        self.metadata = metadata
        self.offsetIndexOffset = offsetIndexOffset
        self.offsetIndexLength = offsetIndexLength
        self.columnIndexOffset = columnIndexOffset
        self.columnIndexLength = columnIndexLength
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetColumnChunk {
        try decoder.beginStruct()
        var chunk = ParquetColumnChunk(fileOffset: 0)
        var fileOffset: Int64?
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .binary): chunk.filePath = try decoder.readString()
            case (2, .i64): fileOffset = try decoder.readI64()
            case (3, .struct): chunk.metadata = try ParquetColumnMetadata.decode(from: &decoder)
            case (4, .i64): chunk.offsetIndexOffset = try decoder.readI64()
            case (5, .i32): chunk.offsetIndexLength = try decoder.readI32()
            case (6, .i64): chunk.columnIndexOffset = try decoder.readI64()
            case (7, .i32): chunk.columnIndexLength = try decoder.readI32()
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        guard let fileOffset else { throw decoder.missingField("file_offset", 2, in: "ColumnChunk") }
        chunk.fileOffset = fileOffset
        return chunk
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        if let filePath { encoder.writeStringField(1, filePath) }
        encoder.writeI64Field(2, fileOffset)
        if let metadata { encoder.writeStructField(3, metadata) }
        if let offsetIndexOffset { encoder.writeI64Field(4, offsetIndexOffset) }
        if let offsetIndexLength { encoder.writeI32Field(5, offsetIndexLength) }
        if let columnIndexOffset { encoder.writeI64Field(6, columnIndexOffset) }
        if let columnIndexLength { encoder.writeI32Field(7, columnIndexLength) }
        encoder.endStruct()
    }
}
