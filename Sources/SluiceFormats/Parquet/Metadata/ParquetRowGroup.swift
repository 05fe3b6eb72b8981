public import SluiceCore

/// A horizontal slice of the table (`RowGroup`): one column chunk per leaf column, in
/// schema order, and the slice's row count and sizes.
public struct ParquetRowGroup: ThriftCompactCodable, Equatable {
    public var columns: [ParquetColumnChunk]
    /// Bytes of all the columns' data, uncompressed.
    public var totalByteSize: Int64
    public var numRows: Int64
    public var sortingColumns: [ParquetSortingColumn]?
    /// File offset of the row group's first page.
    public var fileOffset: Int64?
    /// Bytes of all the columns' data as stored.
    public var totalCompressedSize: Int64?
    /// The row group's index in the file.
    public var ordinal: Int16?

    public init(
        columns: [ParquetColumnChunk], totalByteSize: Int64, numRows: Int64,
        sortingColumns: [ParquetSortingColumn]? = nil, fileOffset: Int64? = nil, totalCompressedSize: Int64? = nil,
        ordinal: Int16? = nil
    ) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.sortingColumns = sortingColumns
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetRowGroup {
        try decoder.beginStruct()
        var columns: [ParquetColumnChunk]?
        var totalByteSize: Int64?
        var numRows: Int64?
        var group = ParquetRowGroup(columns: [], totalByteSize: 0, numRows: 0)
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .list): columns = try decoder.readStructList(ParquetColumnChunk.self)
            case (2, .i64): totalByteSize = try decoder.readI64()
            case (3, .i64): numRows = try decoder.readI64()
            case (4, .list): group.sortingColumns = try decoder.readStructList(ParquetSortingColumn.self)
            case (5, .i64): group.fileOffset = try decoder.readI64()
            case (6, .i64): group.totalCompressedSize = try decoder.readI64()
            case (7, .i16): group.ordinal = try decoder.readI16()
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        guard let columns else { throw decoder.missingField("columns", 1, in: "RowGroup") }
        guard let totalByteSize else { throw decoder.missingField("total_byte_size", 2, in: "RowGroup") }
        guard let numRows else { throw decoder.missingField("num_rows", 3, in: "RowGroup") }
        group.columns = columns
        group.totalByteSize = totalByteSize
        group.numRows = numRows
        return group
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeStructListField(1, columns)
        encoder.writeI64Field(2, totalByteSize)
        encoder.writeI64Field(3, numRows)
        if let sortingColumns { encoder.writeStructListField(4, sortingColumns) }
        if let fileOffset { encoder.writeI64Field(5, fileOffset) }
        if let totalCompressedSize { encoder.writeI64Field(6, totalCompressedSize) }
        if let ordinal { encoder.writeI16Field(7, ordinal) }
        encoder.endStruct()
    }
}
