public import SluiceCore

/// How one Sluice column is rebuilt from the definition and repetition levels of its leaves
/// (Dremel record assembly). Each node knows the definition level at which it is present:
/// a value at or above it exists, below it is null (or belongs to a null or empty ancestor).
public indirect enum ParquetAssemblyNode: Sendable {
    /// A primitive column: the leaf's values, present when the level reaches `definitionLevel`.
    case leaf(leafIndex: Int, definitionLevel: Int, type: DataType)
    case structure(fields: [ParquetAssemblyNode], definitionLevel: Int, type: DataType)
    /// A list or map: present at `definitionLevel`; it has an element at each entry whose
    /// definition level reaches `elementDefinitionLevel` and whose repetition level is at most
    /// `repetitionLevel` (the repeated group's level).
    case list(
        element: ParquetAssemblyNode, definitionLevel: Int, elementDefinitionLevel: Int,
        repetitionLevel: Int, type: DataType)

    public var type: DataType {
        switch self {
        case .leaf(_, _, let type), .structure(_, _, let type), .list(_, _, _, _, let type): type
        }
    }

    /// The first leaf below this node: its levels describe this node's slots.
    var firstLeaf: Int {
        switch self {
        case .leaf(let index, _, _): index
        case .structure(let fields, _, _): fields[0].firstLeaf
        case .list(let element, _, _, _, _): element.firstLeaf
        }
    }

    /// Every leaf below this node, in order.
    var leaves: [Int] {
        switch self {
        case .leaf(let index, _, _): [index]
        case .structure(let fields, _, _): fields.flatMap(\.leaves)
        case .list(let element, _, _, _, _): element.leaves
        }
    }
}
