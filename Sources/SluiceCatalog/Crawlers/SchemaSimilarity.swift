import SluiceCore
import SluiceFormats

/// Glue's test of whether folders' schemas are similar enough to be partitions of one table:
/// at most ``maximumDistinctSchemas`` different schemas, and more than ``threshold`` of
/// similarity.
///
/// Sluice measures similarity precisely: each distinct schema is compared with the schema all
/// folders merge into, as the share of the merged columns it has; the least similar folder
/// decides. Two folders `{a, b}` and `{c, d}` merge into `{a, b, c, d}` and each has 50% of
/// it — two tables (Glue's own example); `{a, b, c}` beside `{a, b, c, d}` has 75% — one
/// table with `d` nullable.
struct SchemaSimilarity {
    /// Glue's partition threshold.
    static let threshold = 0.7
    /// Glue's largest number of schema clusters in one table.
    static let maximumDistinctSchemas = 5

    /// One folder (a partition to be) with the schema merged from its files.
    struct Unit {
        var name: String
        var schema: Schema
        var nullOnlyFields: Set<String>
    }

    let distinctSchemas: Int
    /// The merged schema's column count.
    let mergedColumns: Int
    /// The least similar unit, its column count and share of the merged columns.
    let leastSimilar: (name: String, columns: Int, share: Double)?
    let merged: SchemaMerge.Result

    init(_ units: [Unit]) {
        merged = SchemaMerge.merge(units.map { SchemaMerge.Input(source: $0.name, schema: $0.schema, nullOnlyFields: $0.nullOnlyFields) })
        let mergedNames = Set(merged.schema.names)
        mergedColumns = mergedNames.count
        var seen = Set<[Field]>()
        var least: (String, Int, Double)?
        for unit in units {
            let shape = unit.schema.fields.map { Field($0.name, $0.type) }
            guard seen.insert(shape).inserted else { continue }
            let shared = Set(unit.schema.names).intersection(mergedNames).count
            let share = mergedNames.isEmpty ? 1 : Double(shared) / Double(mergedNames.count)
            if least == nil || share < least!.2 { least = (unit.name, shared, share) }
        }
        distinctSchemas = seen.count
        leastSimilar = least.map { (name: $0.0, columns: $0.1, share: $0.2) }
    }

    var isSimilar: Bool {
        distinctSchemas <= SchemaSimilarity.maximumDistinctSchemas && (leastSimilar?.share ?? 1) > SchemaSimilarity.threshold
    }

    /// Why the units are (or are not) one table, for the run report.
    var explanation: String {
        let schemas = "\(distinctSchemas) distinct schema\(distinctSchemas == 1 ? "" : "s")"
        guard distinctSchemas <= SchemaSimilarity.maximumDistinctSchemas else {
            return "\(schemas), more than Glue's \(SchemaSimilarity.maximumDistinctSchemas)"
        }
        guard let leastSimilar, distinctSchemas > 1 else { return "\(schemas)" }
        let percent = Int((leastSimilar.share * 100).rounded(.down))
        let comparison = isSimilar ? ">" : "≤"
        return "\(schemas); the least similar, '\(leastSimilar.name)', has \(leastSimilar.columns) of the \(mergedColumns) merged columns "
            + "(\(percent)% \(comparison) \(Int(SchemaSimilarity.threshold * 100))%)"
    }
}
