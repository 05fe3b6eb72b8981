extension Schema {
    /// The schema drawn as an indented tree, nested fields under their parent:
    ///
    ///     order_id: bigint
    ///     device: struct
    ///     ├── os: string
    ///     └── app_version: string
    public func treeDescription() -> String {
        var lines: [String] = []
        for field in fields {
            Schema.appendTree(name: field.name, type: field.type, nullable: field.isNullable, prefix: "", branch: "", into: &lines)
        }
        return lines.joined(separator: "\n")
    }

    private static func appendTree(
        name: String, type: DataType, nullable: Bool, prefix: String, branch: String, into lines: inout [String]
    ) {
        let suffix = nullable ? "" : " not null"
        let children: [(name: String, type: DataType, nullable: Bool)]
        let label: String
        switch type {
        case .struct(let fields):
            label = "struct"
            children = fields.map { ($0.name, $0.type, $0.isNullable) }
        case .list(let element) where element.isNested:
            label = "array"
            children = [("element", element, true)]
        case .map(let key, let value) where value.isNested:
            label = "map"
            children = [("key", key, true), ("value", value, true)]
        default:
            label = type.description
            children = []
        }
        lines.append(prefix + branch + "\(name): \(label)\(suffix)")
        let childPrefix = prefix + (branch.isEmpty ? "" : (branch == "└── " ? "    " : "│   "))
        for (index, child) in children.enumerated() {
            let isLast = index == children.count - 1
            appendTree(
                name: child.name, type: child.type, nullable: child.nullable, prefix: childPrefix,
                branch: isLast ? "└── " : "├── ", into: &lines)
        }
    }
}
