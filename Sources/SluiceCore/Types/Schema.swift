/// The ordered list of fields of a record batch, a file or a table.
public struct Schema: Hashable, Sendable, CustomStringConvertible {
    public var fields: [Field]

    public init(_ fields: [Field]) {
        self.fields = fields
    }

    public var count: Int { fields.count }
    public var names: [String] { fields.map(\.name) }

    /// Index of the first field with this exact name.
    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }

    /// Only the named fields, in the order given; unknown names are an error that lists the known ones.
    public func projected(_ names: [String]) throws(SluiceError) -> Schema {
        var result: [Field] = []
        for name in names {
            guard let field = field(named: name) else {
                throw SluiceError(
                    domain: .core, code: "schema.unknownField",
                    message: "Column '\(name)' is not in the schema. Columns: \(self.names.joined(separator: ", ")).",
                    hint: "Check the spelling; names are case-sensitive.")
            }
            result.append(field)
        }
        return Schema(result)
    }

    /// The schema as a struct type, e.g. for nesting.
    public var structType: DataType { .struct(fields) }

    public var description: String { fields.map(\.description).joined(separator: ", ") }
}
