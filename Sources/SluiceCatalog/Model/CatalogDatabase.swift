/// A database of the catalog: a named group of tables.
public struct CatalogDatabase: Sendable, Equatable {
    public var name: String
    public var description: String
    /// An optional default location for its tables (`s3://bucket/prefix/`).
    public var location: String?
    /// Seconds since 1970 (UTC).
    public var createdAt: Double

    public init(name: String, description: String = "", location: String? = nil, createdAt: Double = 0) {
        self.name = name
        self.description = description
        self.location = location
        self.createdAt = createdAt
    }

    /// The database unqualified table names resolve in.
    public static let defaultName = "default"
}
