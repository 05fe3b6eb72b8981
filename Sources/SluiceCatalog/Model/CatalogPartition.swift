/// One partition of a table: its values (one per partition key, as text, the way Glue stores
/// them), the folder holding its files, and parameters such as file count and bytes.
public struct CatalogPartition: Sendable, Equatable {
    public var values: [String]
    public var location: String
    /// ``TableParameter`` statistics: `objectCount`, `sizeKey`, `recordCount`…
    public var parameters: [String: String]
    /// Seconds since 1970 (UTC).
    public var createdAt: Double
    public var updatedAt: Double

    public init(values: [String], location: String, parameters: [String: String] = [:], createdAt: Double = 0, updatedAt: Double = 0) {
        self.values = values
        self.location = location
        self.parameters = parameters
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
