public import SluiceCore

/// One column a row group is sorted by (`SortingColumn`), most significant first.
public struct ParquetSortingColumn: ThriftCompactCodable, Equatable {
    /// The leaf column's index in the row group's columns.
    public var columnIndex: Int32
    public var descending: Bool
    public var nullsFirst: Bool

    public init(columnIndex: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIndex = columnIndex
        self.descending = descending
        self.nullsFirst = nullsFirst
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetSortingColumn {
        try decoder.beginStruct()
        var columnIndex: Int32?
        var descending: Bool?
        var nullsFirst: Bool?
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): columnIndex = try decoder.readI32()
            case (2, .bool): descending = try decoder.readBool()
            case (3, .bool): nullsFirst = try decoder.readBool()
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        let name = "SortingColumn"
        guard let columnIndex else { throw decoder.missingField("column_idx", 1, in: name) }
        guard let descending else { throw decoder.missingField("descending", 2, in: name) }
        guard let nullsFirst else { throw decoder.missingField("nulls_first", 3, in: name) }
        return ParquetSortingColumn(columnIndex: columnIndex, descending: descending, nullsFirst: nullsFirst)
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeI32Field(1, columnIndex)
        encoder.writeBoolField(2, descending)
        encoder.writeBoolField(3, nullsFirst)
        encoder.endStruct()
    }
}
