import SluiceCore

/// One leaf's share of a shredded column: a level entry per slot and, for entries that hold
/// a value, the value's index in ``values`` (the leaf column reached through structs and lists).
struct ParquetShreddedLeaf {
    var values: Column
    var definitionLevels: [UInt8] = []
    var repetitionLevels: [UInt8] = []
    /// Indices into `values` of the present values in order; nil when every slot of `values`
    /// is present, in order (a flat column without nulls).
    var presentIndices: [Int32]?
    var entryCount = 0
}

/// Splits a Sluice column into the definition and repetition levels and present values of
/// each of its Parquet leaves (Dremel record shredding): the inverse of
/// ``ParquetRecordAssembler``, driven by the same ``ParquetAssemblyNode`` tree.
struct ParquetShredder {
    /// Indexed by leaf number; only the leaves below the shredded column are filled.
    private var leaves: [ParquetShreddedLeaf?]
    private let fileSchema: ParquetFileSchema
    /// Per leaf, whether it has definition and repetition levels (read for every entry).
    private let hasDefinitions: [Bool]
    private let hasRepetitions: [Bool]

    private init(fileSchema: ParquetFileSchema) {
        self.fileSchema = fileSchema
        leaves = Array(repeating: nil, count: fileSchema.leaves.count)
        hasDefinitions = fileSchema.leaves.map { $0.maxDefinitionLevel > 0 }
        hasRepetitions = fileSchema.leaves.map { $0.maxRepetitionLevel > 0 }
    }

    /// Shreds one top-level column into its leaves, as (leaf number, shredded leaf) pairs.
    static func shred(
        _ column: Column, node: ParquetAssemblyNode, fileSchema: ParquetFileSchema
    ) throws(SluiceError) -> [(Int, ParquetShreddedLeaf)] {
        var shredder = ParquetShredder(fileSchema: fileSchema)
        if case .leaf(let index, let definitionLevel, _) = node {
            try shredder.flatLeaf(column, index: index, definitionLevel: definitionLevel)
        } else {
            shredder.prepare(node, column)
            for row in 0..<column.count {
                try shredder.visit(node, column, row, definition: 0, repetition: 0)
            }
        }
        return node.leaves.compactMap { index in shredder.leaves[index].map { (index, $0) } }
    }

    /// A top-level primitive column: levels straight from the validity bitmap.
    private mutating func flatLeaf(_ column: Column, index: Int, definitionLevel: Int) throws(SluiceError) {
        if definitionLevel == 0, column.nullCount > 0 { try checkNullable(0, 0, index) }
        var leaf = ParquetShreddedLeaf(values: column, entryCount: column.count)
        if definitionLevel > 0 {
            if let validity = column.validity {
                var levels = [UInt8](repeating: 0, count: column.count)
                var present: [Int32] = []
                present.reserveCapacity(column.count - column.nullCount)
                for row in 0..<column.count where validity[row] {
                    levels[row] = 1
                    present.append(Int32(row))
                }
                leaf.definitionLevels = levels
                leaf.presentIndices = present
            } else {
                leaf.definitionLevels = [UInt8](repeating: 1, count: column.count)
            }
        }
        leaves[index] = leaf
    }

    /// Creates an empty entry for every leaf below `node`, remembering each leaf's column.
    private mutating func prepare(_ node: ParquetAssemblyNode, _ column: Column) {
        switch node {
        case .leaf(let index, _, _):
            leaves[index] = ParquetShreddedLeaf(values: column, presentIndices: [])
        case .structure(let fields, _, _):
            guard case .structure(let children) = column.storage else { return }
            for (field, child) in zip(fields, children) { prepare(field, child) }
        case .list(let element, _, _, _, _):
            guard case .list(_, let values) = column.storage else { return }
            prepare(element, values)
        }
    }

    private mutating func visit(
        _ node: ParquetAssemblyNode, _ column: Column, _ slot: Int, definition: Int, repetition: Int
    ) throws(SluiceError) {
        switch node {
        case .leaf(let index, let definitionLevel, _):
            if column.isNull(slot) {
                try checkNullable(definitionLevel, definition, index)
                emit(index, definition: definition, repetition: repetition)
            } else {
                emit(index, definition: definitionLevel, repetition: repetition)
                leaves[index]!.presentIndices!.append(Int32(slot))
            }
        case .structure(let fields, let definitionLevel, _):
            if column.isNull(slot) {
                try checkNullable(definitionLevel, definition, node.firstLeaf)
                emitAll(node, definition: definition, repetition: repetition)
                return
            }
            guard case .structure(let children) = column.storage else { return }
            for (field, child) in zip(fields, children) {
                try visit(field, child, slot, definition: definitionLevel, repetition: repetition)
            }
        case .list(let element, let definitionLevel, let elementDefinitionLevel, let repetitionLevel, _):
            if column.isNull(slot) {
                try checkNullable(definitionLevel, definition, node.firstLeaf)
                emitAll(node, definition: definition, repetition: repetition)
                return
            }
            guard case .list(let offsets, let values) = column.storage else { return }
            let start = Int(offsets[slot])
            let end = Int(offsets[slot + 1])
            if start == end {
                emitAll(node, definition: definitionLevel, repetition: repetition)
                return
            }
            for elementSlot in start..<end {
                try visit(
                    element, values, elementSlot, definition: elementDefinitionLevel,
                    repetition: elementSlot == start ? repetition : repetitionLevel)
            }
        }
    }

    @inline(__always)
    private mutating func emit(_ leaf: Int, definition: Int, repetition: Int) {
        if hasDefinitions[leaf] { leaves[leaf]!.definitionLevels.append(UInt8(definition)) }
        if hasRepetitions[leaf] { leaves[leaf]!.repetitionLevels.append(UInt8(repetition)) }
        leaves[leaf]!.entryCount += 1
    }

    private mutating func emitAll(_ node: ParquetAssemblyNode, definition: Int, repetition: Int) {
        for leaf in node.leaves { emit(leaf, definition: definition, repetition: repetition) }
    }

    /// A null where the schema has no definition level for it (a required field).
    private func checkNullable(_ nodeLevel: Int, _ parentLevel: Int, _ leaf: Int) throws(SluiceError) {
        guard nodeLevel == parentLevel else { return }
        throw SluiceError(
            domain: .format, code: "parquet.nullInRequired",
            message: "a null value in the required (NOT NULL) field '\(fileSchema.leaves[leaf].dottedPath)'.",
            hint: "Make the field nullable in the schema, or fill the nulls before writing.")
    }
}
