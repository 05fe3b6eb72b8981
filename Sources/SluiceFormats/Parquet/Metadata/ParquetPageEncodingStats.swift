public import SluiceCore

/// How many pages of one type use one encoding in a column chunk (`PageEncodingStats`);
/// tells a reader whether every data page is dictionary-encoded.
public struct ParquetPageEncodingStats: ThriftCompactCodable, Equatable {
    public var pageType: ParquetPageType
    public var encoding: ParquetEncoding
    public var count: Int32

    public init(pageType: ParquetPageType, encoding: ParquetEncoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetPageEncodingStats {
        try decoder.beginStruct()
        var pageType: ParquetPageType?
        var encoding: ParquetEncoding?
        var count: Int32?
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): pageType = ParquetPageType(rawValue: try decoder.readI32())
            case (2, .i32): encoding = ParquetEncoding(rawValue: try decoder.readI32())
            case (3, .i32): count = try decoder.readI32()
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        let name = "PageEncodingStats"
        guard let pageType else { throw decoder.missingField("page_type", 1, in: name) }
        guard let encoding else { throw decoder.missingField("encoding", 2, in: name) }
        guard let count else { throw decoder.missingField("count", 3, in: name) }
        return ParquetPageEncodingStats(pageType: pageType, encoding: encoding, count: count)
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeI32Field(1, pageType.rawValue)
        encoder.writeI32Field(2, encoding.rawValue)
        encoder.writeI32Field(3, count)
        encoder.endStruct()
    }
}
