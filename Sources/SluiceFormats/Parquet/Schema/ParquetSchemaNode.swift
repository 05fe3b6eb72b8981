public import SluiceCore

/// One element of a Parquet schema with its children: the footer stores the schema flattened
/// depth-first (each group says how many children follow), this is the tree it describes.
public struct ParquetSchemaNode: Sendable {
    public var element: ParquetSchemaElement
    public var children: [ParquetSchemaNode]

    public var name: String { element.name }
    public var isGroup: Bool { element.type == nil }
    public var repetition: ParquetRepetition { element.repetition ?? .required }

    public init(element: ParquetSchemaElement, children: [ParquetSchemaNode] = []) {
        self.element = element
        self.children = children
    }

    /// Rebuilds the tree from the footer's flattened list; the first element is the root.
    public static func tree(from elements: [ParquetSchemaElement]) throws(SluiceError) -> ParquetSchemaNode {
        guard !elements.isEmpty else { throw malformed("the schema has no elements") }
        var position = 0
        let root = try parse(elements, &position, depth: 0)
        guard position == elements.count else {
            throw malformed("the schema lists \(elements.count) elements but its groups account for \(position)")
        }
        return root
    }

    private static func parse(
        _ elements: [ParquetSchemaElement], _ position: inout Int, depth: Int
    ) throws(SluiceError) -> ParquetSchemaNode {
        // Nesting deeper than this is a corrupt footer, not a real schema.
        guard depth < 100 else { throw malformed("the schema nests deeper than 100 levels") }
        guard position < elements.count else {
            throw malformed("a group announces more children than the schema has elements")
        }
        let element = elements[position]
        position += 1
        let childCount = Int(element.numChildren ?? 0)
        guard childCount >= 0, childCount <= elements.count - position else {
            throw malformed("group '\(element.name)' announces \(childCount) children but only \(elements.count - position) elements follow")
        }
        if element.type == nil && childCount == 0 && depth > 0 {
            throw malformed("group '\(element.name)' has no children and no physical type")
        }
        var children: [ParquetSchemaNode] = []
        children.reserveCapacity(childCount)
        for _ in 0..<childCount { children.append(try parse(elements, &position, depth: depth + 1)) }
        return ParquetSchemaNode(element: element, children: children)
    }

    /// Flattens the tree depth-first, as the footer stores it.
    public func flattened() -> [ParquetSchemaElement] {
        var elements: [ParquetSchemaElement] = []
        appendFlattened(to: &elements)
        return elements
    }

    private func appendFlattened(to elements: inout [ParquetSchemaElement]) {
        var element = self.element
        if !children.isEmpty || element.type == nil { element.numChildren = Int32(children.count) }
        elements.append(element)
        for child in children { child.appendFlattened(to: &elements) }
    }

    static func malformed(_ detail: String) -> SluiceError {
        SluiceError(
            domain: .format, code: "parquet.schema",
            message: "The Parquet schema is malformed: \(detail).",
            hint: "The file's footer is damaged or was written by a faulty writer; rewrite it from its source.")
    }
}
