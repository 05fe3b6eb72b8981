import SluiceCore
import SluiceFormats

/// Step 6 of a crawl: the catalog changes that make the database match what the crawl found,
/// under the crawler's policies, written later in one transaction.
///
/// - A table is matched to an existing one by location (so renaming a table in the catalog
///   does not make a crawler create it again); a new table whose name is taken by a table
///   elsewhere gets `_2`, `_3`… .
/// - A changed shape (columns, types, partition keys, format) updates the table as a new
///   version under `UPDATE_IN_DATABASE`, or is only logged under `LOG`. Column comments are kept.
/// - Partitions are added or their statistics refreshed; on a full crawl, partitions whose
///   folders are gone are removed unless the delete behaviour is `LOG`.
/// - Tables this crawler made earlier under its targets that now have no data are deprecated
///   (`DEPRECATED_BY_CRAWLER`), deleted, or logged, per the delete behaviour.
struct CatalogUpdate {
    struct Existing {
        var table: CatalogTable
        var partitions: [CatalogPartition]
    }

    let databaseName: String
    let crawlerName: String
    let tablePrefix: String
    let updateBehavior: UpdateBehavior
    let deleteBehavior: DeleteBehavior
    let crawledAt: String
    var existing: [Existing]
    var changes: [TableChange] = []
    var report = CrawlReport()
    /// Names of tables written by this run (existing or new).
    private var claimedNames = Set<String>()

    init(
        databaseName: String, crawlerName: String, tablePrefix: String, updateBehavior: UpdateBehavior,
        deleteBehavior: DeleteBehavior, crawledAt: String, existing: [Existing]
    ) {
        self.databaseName = databaseName
        self.crawlerName = crawlerName
        self.tablePrefix = tablePrefix
        self.updateBehavior = updateBehavior
        self.deleteBehavior = deleteBehavior
        self.crawledAt = crawledAt
        self.existing = existing
    }

    static func normalized(_ location: String) -> String {
        var text = location
        while text.count > 1 && text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// The table a plan describes, with its partitions.
    func definition(for plan: TableGrouping.Plan, target: CrawlTarget, grouping: TableGrouping) -> (definition: TableDefinition, partitions: [CatalogPartition], notes: [String]) {
        let units = grouping.partitionUnits(plan.files, depth: plan.partitionDepth, below: plan.rootFolders)
        let layout = PartitionDetection.layout(of: units.map(\.folders))
        let keyNames = Set(layout.keys.map(\.name))
        var notes: [String] = []
        var columns: [CatalogColumn] = []
        for field in plan.similarity.merged.schema.fields {
            if keyNames.contains(field.name) {
                notes.append("column '\(field.name)' in the files of '\(plan.name)' is also a partition key; the folder value is used")
                continue
            }
            columns.append(CatalogColumn(field.name, field.type))
        }
        let compatibility = plan.compatibility
        var parameters = FileStatistics.parameters(plan.files)
        parameters[TableParameter.classification] = compatibility.format.rawValue
        parameters[TableParameter.compressionType] = compatibility.compression.rawValue
        parameters[TableParameter.typeOfData] = "file"
        parameters[TableParameter.lastCrawled] = crawledAt
        parameters[TableParameter.crawlerName] = crawlerName
        var formatOptions: [String: String] = [:]
        if let delimiter = compatibility.csvDelimiter {
            formatOptions[TableParameter.delimiter] = CSVDelimiterText.text(delimiter)
            formatOptions[TableParameter.skipHeaderLineCount] = compatibility.csvHeader == true ? "1" : "0"
        }
        let location = plan.singleFile.map { target.location(plan.rootFolders + [$0], isFile: true) } ?? target.location(plan.rootFolders)
        let definition = TableDefinition(
            columns: columns, partitionKeys: layout.keys, location: location,
            classification: TableClassification(compatibility.format), formatOptions: formatOptions, parameters: parameters)
        // An unpartitioned table reads its folder (or file) directly and has no partitions.
        let partitions = plan.partitionDepth == 0 ? [] : zip(units, layout.values).map { unit, values in
            CatalogPartition(
                values: values, location: target.location(plan.rootFolders + unit.folders),
                parameters: FileStatistics.parameters(unit.files))
        }
        return (definition, partitions, notes)
    }

    /// Adds the changes for one planned table.
    mutating func add(_ plan: TableGrouping.Plan, target: CrawlTarget, grouping: TableGrouping, removeMissingPartitions: Bool) {
        var (definition, partitions, notes) = definition(for: plan, target: target, grouping: grouping)
        report.logs += notes
        let location = CatalogUpdate.normalized(definition.location)
        if let index = existing.firstIndex(where: { CatalogUpdate.normalized($0.table.definition.location) == location }) {
            update(existing[index], to: &definition, partitions: partitions, removeMissingPartitions: removeMissingPartitions)
            claimedNames.insert(existing[index].table.name)
            return
        }
        let base = CatalogName.sanitized(tablePrefix + plan.name)
        var name = base
        var suffix = 2
        while claimedNames.contains(name) || existing.contains(where: { $0.table.name == name }) {
            name = "\(base)_\(suffix)"
            suffix += 1
        }
        if name != base {
            report.decisions.append("table name '\(base)' is taken; the table at \(definition.location) is '\(name)'")
        }
        claimedNames.insert(name)
        changes.append(.create(database: databaseName, name: name, definition: definition, partitions: partitions))
        report.tablesCreated.append(name)
        report.partitionsAdded += partitions.count
    }

    private mutating func update(_ current: Existing, to definition: inout TableDefinition, partitions: [CatalogPartition], removeMissingPartitions: Bool) {
        let name = current.table.name
        let old = current.table.definition
        // Keep what people added: column comments and the description.
        let comments = Dictionary((old.columns + old.partitionKeys).map { ($0.name, $0.comment) }) { first, _ in first }
        for index in definition.columns.indices { definition.columns[index].comment = comments[definition.columns[index].name] ?? nil }
        for index in definition.partitionKeys.indices { definition.partitionKeys[index].comment = comments[definition.partitionKeys[index].name] ?? nil }
        definition.description = old.description
        var newDefinition: TableDefinition? = definition
        var keysMatch = true
        if definition.differsInShape(from: old) {
            let difference = CatalogUpdate.describeChange(from: old, to: definition)
            if updateBehavior == .updateInDatabase {
                report.tablesUpdated.append(name)
                report.logs.append("table '\(name)' changed (\(difference)): version \(current.table.version + 1), version \(current.table.version) kept")
            } else {
                newDefinition = nil
                keysMatch = old.partitionKeys.map(\.name) == definition.partitionKeys.map(\.name)
                report.tablesUnchangedByPolicy.append(name)
                report.logs.append("table '\(name)' would change (\(difference)) but the update behaviour is LOG: left as it is")
            }
        }
        let known = Set(current.partitions.map(\.values))
        let found = Set(partitions.map(\.values))
        var removed: [[String]] = []
        if removeMissingPartitions {
            let missing = current.partitions.map(\.values).filter { !found.contains($0) }
            if deleteBehavior == .log {
                if !missing.isEmpty { report.logs.append("table '\(name)': \(missing.count) partitions have no data any more; the delete behaviour LOG keeps them") }
            } else {
                removed = missing
            }
        }
        let added = keysMatch ? partitions : []
        if !keysMatch { report.warnings.append("table '\(name)': its partition folders no longer match its keys; no partitions were added") }
        changes.append(.update(database: databaseName, name: name, definition: newDefinition, addPartitions: added, removePartitions: removed))
        report.partitionsAdded += added.filter { !known.contains($0.values) }.count
        report.partitionsRemoved += removed.count
    }

    /// Retires the tables this crawler made under `targets` that no plan claimed this run.
    mutating func retireMissing(under targets: [CrawlTarget]) {
        let prefixes = targets.map { CatalogUpdate.normalized($0.location([])) }
        for current in existing where !claimedNames.contains(current.table.name) {
            let definition = current.table.definition
            guard definition.parameters[TableParameter.crawlerName] == crawlerName else { continue }
            let location = CatalogUpdate.normalized(definition.location)
            guard prefixes.contains(where: { location == $0 || location.hasPrefix($0 + "/") }) else { continue }
            let name = current.table.name
            switch deleteBehavior {
            case .log:
                report.logs.append("table '\(name)' has no data at \(definition.location) any more; the delete behaviour LOG keeps it")
            case .deleteFromDatabase:
                changes.append(.delete(database: databaseName, name: name))
                report.tablesDeleted.append(name)
            case .deprecateInDatabase:
                guard definition.parameters[TableParameter.deprecatedByCrawler] == nil else { continue }
                var deprecated = definition
                deprecated.parameters[TableParameter.deprecatedByCrawler] = crawledAt
                changes.append(.update(database: databaseName, name: name, definition: deprecated, addPartitions: [], removePartitions: []))
                report.tablesDeprecated.append(name)
            }
        }
    }

    /// `added x (bigint); y bigint → double; removed z`.
    static func describeChange(from old: TableDefinition, to new: TableDefinition) -> String {
        var parts: [String] = []
        let oldTypes = Dictionary(old.columns.map { ($0.name, $0.type) }) { first, _ in first }
        let newTypes = Dictionary(new.columns.map { ($0.name, $0.type) }) { first, _ in first }
        for column in new.columns {
            if let before = oldTypes[column.name] {
                if before != column.type { parts.append("'\(column.name)' \(before) → \(column.type)") }
            } else {
                parts.append("added '\(column.name)' (\(column.type))")
            }
        }
        for column in old.columns where newTypes[column.name] == nil { parts.append("removed '\(column.name)'") }
        if old.partitionKeys != new.partitionKeys {
            parts.append("partition keys (\(old.partitionKeys.map(\.name).joined(separator: ", "))) → (\(new.partitionKeys.map(\.name).joined(separator: ", ")))")
        }
        if old.classification != new.classification { parts.append("format \(old.classification.rawValue) → \(new.classification.rawValue)") }
        if old.formatOptions != new.formatOptions { parts.append("format options changed") }
        if old.location != new.location { parts.append("location \(old.location) → \(new.location)") }
        return parts.isEmpty ? "column order" : parts.joined(separator: "; ")
    }
}
