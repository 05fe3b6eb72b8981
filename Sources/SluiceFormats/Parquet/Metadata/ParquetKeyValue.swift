public import SluiceCore

/// One key–value pair of application metadata (`KeyValue`), in the footer or a column
/// chunk; Arrow keeps its schema under the key `ARROW:schema`.
public struct ParquetKeyValue: ThriftCompactCodable, Equatable {
    public var key: String
    public var value: String?

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }

    public static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> ParquetKeyValue {
        try decoder.beginStruct()
        var key: String?
        var value: String?
        while let field = try decoder.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .binary): key = try decoder.readString()
            case (2, .binary): value = try decoder.readString()
            default: try decoder.skip(field.type)
            }
        }
        decoder.endStruct()
        guard let key else { throw decoder.missingField("key", 1, in: "KeyValue") }
        return ParquetKeyValue(key: key, value: value)
    }

    public func encode(to encoder: inout ThriftCompactEncoder) {
        encoder.beginStruct()
        encoder.writeStringField(1, key)
        if let value { encoder.writeStringField(2, value) }
        encoder.endStruct()
    }
}
