public import SluiceCore

/// A column of a catalog table (or a partition key): a name, a type and an optional comment.
/// The type is stored as Glue/Hive type text (`bigint`, `decimal(10,2)`,
/// `array<struct<a:int>>`, `map<string,int>`), which ``DataType/init(parsing:)`` reads back
/// to the same ``DataType``.
public struct CatalogColumn: Sendable, Equatable, Codable {
    public var name: String
    public var type: DataType
    public var comment: String?

    public init(_ name: String, _ type: DataType, comment: String? = nil) {
        self.name = name
        self.type = type
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case name, type, comment
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        let text = try container.decode(String.self, forKey: .type)
        do {
            type = try DataType(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: error.message)
        }
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(type.description, forKey: .type)
        try container.encodeIfPresent(comment, forKey: .comment)
    }

    /// The column as a schema field (nullable: lake data may always lack a value).
    public var field: Field { Field(name, type) }
}
