public import SluiceCore

/// The header before every page of a column chunk (`PageHeader`): the page's type and sizes
/// and the header of its kind. Index page headers are skipped.
public struct ParquetPageHeader: ThriftCompactCodable, Equatable {
    public var type: ParquetPageType
    public var uncompressedPageSize: Int32
    /// Bytes of the page after this header, as stored.
    public var compressedPageSize: Int32
    /// CRC-32 of the page's stored bytes.
    public var crc: Int32?
    public var dataPageHeader: ParquetDataPageHeader?
    public var dictionaryPageHeader: ParquetDictionaryPageHeader?
    public var dataPageHeaderV2: ParquetDataPageHeaderV2?

    public init(
        type: ParquetPageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil,
        dataPageHeader: ParquetDataPageHeader? = nil, dictionaryPageHeader: ParquetDictionaryPageHeader? = nil,
        dataPageHeaderV2: ParquetDataPageHeaderV2? = nil
    ) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }

    /// Reads a page header at the start of `bytes` (which may go on into the page); returns
    /// it and the bytes it took. `fileOffset` is where `bytes` start, for error messages.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, fileOffset: Int = 0
    ) throws(SluiceError) -> (header: ParquetPageHeader, length: Int) {
        var decoder = ThriftCompactDecoder(bytes, fileOffset: fileOffset)
        let header = try decode(from: &decoder)
        return (header, decoder.position)
    }

    /// Reads the header of a page at `fileOffset` in its file: errors say the page is damaged
    /// and where it starts.
    static func decodePage(
        _ bytes: UnsafeRawBufferPointer, fileOffset: Int
    ) throws(SluiceError) -> (header: ParquetPageHeader, length: Int) {
        var decoder = ThriftCompactDecoder(bytes, fileOffset: fileOffset)
        decoder.readsPageHeader = true
        let header = try decode(from: &decoder)
        return (header, decoder.position)
    }

    /// The header's thrift bytes.
    public func encoded() -> [UInt8] {
        var encoder = ThriftCompactEncoder(capacity: 64)
        encode(to: &encoder)
        return encoder.bytes
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetPageHeader {
        try decoder.beginStruct()
        var type: ParquetPageType?
        var uncompressedPageSize: Int32?
        var compressedPageSize: Int32?
        var header = ParquetPageHeader(type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0)
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): type = ParquetPageType(rawValue: try decoder.readI32())
            case (2, .i32): uncompressedPageSize = try decoder.readI32()
            case (3, .i32): compressedPageSize = try decoder.readI32()
            case (4, .i32): header.crc = try decoder.readI32()
            case (5, .struct): header.dataPageHeader = try ParquetDataPageHeader.decode(from: &decoder)
            case (7, .struct): header.dictionaryPageHeader = try ParquetDictionaryPageHeader.decode(from: &decoder)
            case (8, .struct): header.dataPageHeaderV2 = try ParquetDataPageHeaderV2.decode(from: &decoder)
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        let name = "PageHeader"
        guard let type else { throw decoder.missingField("type", 1, in: name) }
        guard let uncompressedPageSize else { throw decoder.missingField("uncompressed_page_size", 2, in: name) }
        guard let compressedPageSize else { throw decoder.missingField("compressed_page_size", 3, in: name) }
        header.type = type
        header.uncompressedPageSize = uncompressedPageSize
        header.compressedPageSize = compressedPageSize
        return header
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeI32Field(1, type.rawValue)
        encoder.writeI32Field(2, uncompressedPageSize)
        encoder.writeI32Field(3, compressedPageSize)
        if let crc { encoder.writeI32Field(4, crc) }
        if let dataPageHeader { encoder.writeStructField(5, dataPageHeader) }
        if let dictionaryPageHeader { encoder.writeStructField(7, dictionaryPageHeader) }
        if let dataPageHeaderV2 { encoder.writeStructField(8, dataPageHeaderV2) }
        encoder.endStruct()
    }
}
