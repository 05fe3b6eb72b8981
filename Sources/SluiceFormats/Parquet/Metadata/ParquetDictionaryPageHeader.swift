public import SluiceCore

/// The header of a dictionary page (`DictionaryPageHeader`): the distinct values that
/// dictionary-encoded data pages refer to by index.
public struct ParquetDictionaryPageHeader: ThriftCompactCodable, Equatable {
    /// Entries in the dictionary.
    public var numValues: Int32
    /// How the entries are encoded (PLAIN, or PLAIN_DICTIONARY from old writers).
    public var encoding: ParquetEncoding
    public var isSorted: Bool?

    public init(numValues: Int32, encoding: ParquetEncoding = .plain, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetDictionaryPageHeader {
        try decoder.beginStruct()
        var numValues: Int32?
        var encoding: ParquetEncoding?
        var isSorted: Bool?
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try decoder.readI32()
            case (2, .i32): encoding = ParquetEncoding(rawValue: try decoder.readI32())
            case (3, .bool): isSorted = try decoder.readBool()
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        guard let numValues else { throw decoder.missingField("num_values", 1, in: "DictionaryPageHeader") }
        guard let encoding else { throw decoder.missingField("encoding", 2, in: "DictionaryPageHeader") }
        return ParquetDictionaryPageHeader(numValues: numValues, encoding: encoding, isSorted: isSorted)
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeI32Field(1, numValues)
        encoder.writeI32Field(2, encoding.rawValue)
        if let isSorted { encoder.writeBoolField(3, isSorted) }
        encoder.endStruct()
    }
}
