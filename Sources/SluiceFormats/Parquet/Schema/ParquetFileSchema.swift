public import SluiceCore

/// A Parquet file's schema as Sluice sees it: one ``Field`` per top-level column, the leaf
/// columns in footer order with their levels and value conversions, and for each top-level
/// field the ``ParquetAssemblyNode`` that rebuilds it from its leaves.
///
/// Lists and maps follow the format's backward-compatibility rules, so files from old
/// writers (two-level lists, unannotated repeated fields, `array`/`_tuple` groups) read too.
public struct ParquetFileSchema: Sendable {
    public let schema: Schema
    public let leaves: [ParquetLeafColumn]
    public let fields: [ParquetAssemblyNode]

    public init(elements: [ParquetSchemaElement]) throws(SluiceError) {
        let root = try ParquetSchemaNode.tree(from: elements)
        var mapper = Mapper()
        var fieldList: [Field] = []
        var nodes: [ParquetAssemblyNode] = []
        for child in root.children {
            let (field, node) = try mapper.field(child, definitionLevel: 0, repetitionLevel: 0, path: [])
            fieldList.append(field)
            nodes.append(node)
        }
        schema = Schema(fieldList)
        leaves = mapper.leaves
        fields = nodes
    }

    /// Builds the tree of Sluice fields and collects the leaves in order.
    private struct Mapper {
        var leaves: [ParquetLeafColumn] = []

        mutating func field(
            _ node: ParquetSchemaNode, definitionLevel: Int, repetitionLevel: Int, path: [String]
        ) throws(SluiceError) -> (Field, ParquetAssemblyNode) {
            let path = path + [node.name]
            if node.repetition == .repeated {
                // A repeated field outside a LIST group: a list of required elements.
                let element = try required(
                    node, definitionLevel: definitionLevel + 1, repetitionLevel: repetitionLevel + 1, path: path)
                let type = DataType.list(element.type)
                let list = ParquetAssemblyNode.list(
                    element: element, definitionLevel: definitionLevel, elementDefinitionLevel: definitionLevel + 1,
                    repetitionLevel: repetitionLevel + 1, type: type)
                return (Field(node.name, type, isNullable: false), list)
            }
            let isOptional = node.repetition == .optional
            let level = definitionLevel + (isOptional ? 1 : 0)
            let assembled = try value(node, definitionLevel: level, repetitionLevel: repetitionLevel, path: path)
            return (Field(node.name, assembled.type, isNullable: isOptional), assembled)
        }

        /// A node that is present exactly when its parent entry is (a repeated node's element).
        mutating func required(
            _ node: ParquetSchemaNode, definitionLevel: Int, repetitionLevel: Int, path: [String]
        ) throws(SluiceError) -> ParquetAssemblyNode {
            try value(node, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel, path: path)
        }

        /// The node's value, its own repetition already accounted for in `definitionLevel`.
        mutating func value(
            _ node: ParquetSchemaNode, definitionLevel: Int, repetitionLevel: Int, path: [String]
        ) throws(SluiceError) -> ParquetAssemblyNode {
            guard node.isGroup else {
                return try leaf(node, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel, path: path)
            }
            if node.isAnnotated(as: .list, legacy: .list) {
                return try list(node, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel, path: path)
            }
            if node.isAnnotated(as: .map, legacy: .map) || node.isAnnotated(as: .map, legacy: .mapKeyValue) {
                return try map(node, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel, path: path)
            }
            return try structure(node.children, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel, path: path)
        }

        mutating func structure(
            _ children: [ParquetSchemaNode], definitionLevel: Int, repetitionLevel: Int, path: [String]
        ) throws(SluiceError) -> ParquetAssemblyNode {
            var fields: [Field] = []
            var nodes: [ParquetAssemblyNode] = []
            for child in children {
                let (field, node) = try field(child, definitionLevel: definitionLevel, repetitionLevel: repetitionLevel, path: path)
                fields.append(field)
                nodes.append(node)
            }
            return .structure(fields: nodes, definitionLevel: definitionLevel, type: .struct(fields))
        }

        mutating func list(
            _ node: ParquetSchemaNode, definitionLevel: Int, repetitionLevel: Int, path: [String]
        ) throws(SluiceError) -> ParquetAssemblyNode {
            guard node.children.count == 1, let repeated = node.children.first, repeated.repetition == .repeated else {
                throw ParquetSchemaNode.malformed(
                    "LIST group '\(path.joined(separator: "."))' must have exactly one repeated child")
            }
            let elementLevel = definitionLevel + 1
            let elementRepetition = repetitionLevel + 1
            let repeatedPath = path + [repeated.name]
            let element: ParquetAssemblyNode
            if !repeated.isGroup {
                // Two-level list of a primitive: the repeated field is the element.
                element = try required(repeated, definitionLevel: elementLevel, repetitionLevel: elementRepetition, path: repeatedPath)
            } else if repeated.children.count > 1 || repeated.name == "array" || repeated.name == node.name + "_tuple" {
                // Two-level list of structs: the repeated group is the element.
                element = try structure(
                    repeated.children, definitionLevel: elementLevel, repetitionLevel: elementRepetition, path: repeatedPath)
            } else {
                // Standard three-level list: `repeated group list { <element> }`.
                let (_, inner) = try field(
                    repeated.children[0], definitionLevel: elementLevel, repetitionLevel: elementRepetition, path: repeatedPath)
                element = inner
            }
            return .list(
                element: element, definitionLevel: definitionLevel, elementDefinitionLevel: elementLevel,
                repetitionLevel: elementRepetition, type: .list(element.type))
        }

        mutating func map(
            _ node: ParquetSchemaNode, definitionLevel: Int, repetitionLevel: Int, path: [String]
        ) throws(SluiceError) -> ParquetAssemblyNode {
            let dotted = path.joined(separator: ".")
            guard node.children.count == 1, let entries = node.children.first, entries.repetition == .repeated,
                  entries.isGroup, entries.children.count == 2 else {
                throw ParquetSchemaNode.malformed(
                    "MAP group '\(dotted)' must hold one repeated group of a key and a value")
            }
            let elementLevel = definitionLevel + 1
            let elementRepetition = repetitionLevel + 1
            let entriesPath = path + [entries.name]
            let keyNode = entries.children[0]
            guard keyNode.repetition != .repeated else {
                throw ParquetSchemaNode.malformed("the key of MAP '\(dotted)' is repeated")
            }
            let (_, key) = try field(keyNode, definitionLevel: elementLevel, repetitionLevel: elementRepetition, path: entriesPath)
            let (valueField, value) = try field(
                entries.children[1], definitionLevel: elementLevel, repetitionLevel: elementRepetition, path: entriesPath)
            let entryType = ColumnBuilder.mapEntryType(key: key.type, value: valueField.type)
            let entry = ParquetAssemblyNode.structure(fields: [key, value], definitionLevel: elementLevel, type: entryType)
            return .list(
                element: entry, definitionLevel: definitionLevel, elementDefinitionLevel: elementLevel,
                repetitionLevel: elementRepetition, type: .map(key: key.type, value: valueField.type))
        }

        mutating func leaf(
            _ node: ParquetSchemaNode, definitionLevel: Int, repetitionLevel: Int, path: [String]
        ) throws(SluiceError) -> ParquetAssemblyNode {
            let (type, conversion) = try ParquetTypeMapping.sluiceType(of: node.element, path: path)
            let index = leaves.count
            leaves.append(ParquetLeafColumn(
                path: path, physicalType: node.element.type ?? .byteArray,
                typeLength: Int(node.element.typeLength ?? 0), maxDefinitionLevel: definitionLevel,
                maxRepetitionLevel: repetitionLevel, type: type, conversion: conversion))
            return .leaf(leafIndex: index, definitionLevel: definitionLevel, type: type)
        }
    }
}

extension ParquetSchemaNode {
    /// True when the node carries the logical annotation or, from older writers, the
    /// converted type.
    func isAnnotated(as logical: ParquetLogicalType, legacy: ParquetConvertedType) -> Bool {
        if let logicalType = element.logicalType { return logicalType == logical }
        return element.convertedType == legacy
    }
}
