/// A named, typed column of a schema or a struct, and whether it may hold nulls.
public struct Field: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var type: DataType
    public var isNullable: Bool

    public init(_ name: String, _ type: DataType, isNullable: Bool = true) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
    }

    /// `name type` or `name type not null`.
    public var description: String { "\(name) \(type)" + (isNullable ? "" : " not null") }
}
