public import SluiceCore

/// Merges the schemas of many files (or samples) into one by ``TypeWidening``'s rules and
/// says what changed on the way — the crawler reports these to users.
public enum SchemaMerge {
    /// One input: where the schema came from (a file path) and what it is. `nullOnlyFields`
    /// names top-level fields that were present but never had a value in that input; they
    /// take the type found elsewhere, or `string` when no input has a value.
    public struct Input: Sendable {
        public var source: String
        public var schema: Schema
        public var nullOnlyFields: Set<String>

        public init(source: String, schema: Schema, nullOnlyFields: Set<String> = []) {
            self.source = source
            self.schema = schema
            self.nullOnlyFields = nullOnlyFields
        }
    }

    /// The merged schema and the changes made relative to the first input.
    public struct Result: Sendable {
        public var schema: Schema
        public var changes: [SchemaChange]
    }

    public static func merge(_ inputs: [Input]) -> Result {
        var fields: [Field] = []
        var typed = Set<String>()  // fields whose type came from a real value
        var changes: [SchemaChange] = []
        var indexByName: [String: Int] = [:]
        for (inputIndex, input) in inputs.enumerated() {
            let present = Set(input.schema.names)
            for field in input.schema.fields {
                let isNullOnly = input.nullOnlyFields.contains(field.name)
                guard let index = indexByName[field.name] else {
                    indexByName[field.name] = fields.count
                    fields.append(Field(field.name, field.type, isNullable: field.isNullable || inputIndex > 0))
                    if !isNullOnly { typed.insert(field.name) }
                    if inputIndex > 0 {
                        changes.append(SchemaChange(field: field.name, kind: .added(field.type), source: input.source))
                    }
                    continue
                }
                if isNullOnly {
                    if !fields[index].isNullable {
                        fields[index].isNullable = true
                        changes.append(SchemaChange(field: field.name, kind: .becameNullable, source: input.source))
                    }
                    continue
                }
                let old = fields[index].type
                if typed.contains(field.name) {
                    let new = TypeWidening.widen(old, field.type)
                    if new != old {
                        fields[index].type = new
                        changes.append(SchemaChange(field: field.name, kind: .widened(from: old, to: new), source: input.source))
                    }
                } else {
                    // The first real value: the type so far was a null-only placeholder, so this is
                    // no widening to report.
                    fields[index].type = field.type
                    typed.insert(field.name)
                }
                if field.isNullable && !fields[index].isNullable {
                    fields[index].isNullable = true
                    changes.append(SchemaChange(field: field.name, kind: .becameNullable, source: input.source))
                }
            }
            for index in fields.indices where !present.contains(fields[index].name) && !fields[index].isNullable {
                fields[index].isNullable = true
                changes.append(SchemaChange(field: fields[index].name, kind: .becameNullable, source: input.source))
            }
        }
        for index in fields.indices where !typed.contains(fields[index].name) {
            fields[index].type = .string
        }
        return Result(schema: Schema(fields), changes: changes)
    }
}

/// One thing ``SchemaMerge`` changed, with the input that caused it.
public struct SchemaChange: Sendable, Equatable, CustomStringConvertible {
    /// What happened to the field.
    public enum Kind: Sendable, Equatable {
        case added(DataType)
        case widened(from: DataType, to: DataType)
        case becameNullable
    }

    public var field: String
    public var kind: Kind
    public var source: String

    public var description: String {
        switch kind {
        case .added(let type): "added column '\(field)' (\(type)) first seen in \(source)"
        case .widened(let from, let to): "widened '\(field)' from \(from) to \(to) because of \(source)"
        case .becameNullable: "'\(field)' is now nullable: missing or null in \(source)"
        }
    }
}
