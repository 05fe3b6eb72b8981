import SluiceCore
import SluiceEngine
import SluiceFormats

/// Crawling new folders only (`CRAWL_NEW_FOLDERS_ONLY`): the listing leaves out the folders
/// of partitions and tables the catalog already has, so an unchanged lake opens no file; the
/// new files under a known partitioned table become its new partitions (its schema stays as
/// it is, as in Glue), and any other new files are grouped into tables as usual.
struct IncrementalCrawl {
    private struct KnownTable {
        var existing: CatalogUpdate.Existing
        /// The table's location on disk, absolute, without a trailing `/`.
        var rootPath: String
    }

    private var partitioned: [KnownTable] = []
    private var knownPartitionFolders = Set<String>()
    private var knownTableFolders = Set<String>()

    init(existing: [CatalogUpdate.Existing], lakeRoot: String?) {
        for table in existing {
            guard let root = IncrementalCrawl.localPath(table.table.definition.location, lakeRoot: lakeRoot) else { continue }
            if table.table.definition.partitionKeys.isEmpty {
                knownTableFolders.insert(root)
            } else {
                partitioned.append(KnownTable(existing: table, rootPath: root))
                for partition in table.partitions {
                    if let folder = IncrementalCrawl.localPath(partition.location, lakeRoot: lakeRoot) { knownPartitionFolders.insert(folder) }
                }
            }
        }
    }

    private static func localPath(_ location: String, lakeRoot: String?) -> String? {
        guard let resolved = try? LakePath.resolve(location, lakeRoot: lakeRoot) else { return nil }
        return CrawlTarget.absolute(resolved)
    }

    /// Known partition folders are not walked at all.
    func skipsFolder(_ folders: [String], in target: CrawlTarget) -> Bool {
        knownPartitionFolders.contains(target.path(folders))
    }

    /// The files directly in a known unpartitioned table's folder are not listed.
    func skipsFiles(in folders: [String], of target: CrawlTarget) -> Bool {
        knownTableFolders.contains(target.path(folders))
    }

    /// Adds the new files under known partitioned tables to `update` as new partitions and
    /// returns the other files, to be grouped into tables.
    func assign(_ files: [CrawledFile], to update: inout CatalogUpdate, grouping: TableGrouping) -> [CrawledFile] {
        var remaining: [CrawledFile] = []
        var claimed: [Int: [CrawledFile]] = [:]
        for file in files {
            if let index = partitioned.firstIndex(where: { file.file.path.hasPrefix($0.rootPath + "/") }) {
                claimed[index, default: []].append(file)
            } else {
                remaining.append(file)
            }
        }
        for (index, tableFiles) in claimed.sorted(by: { $0.key < $1.key }) {
            addPartitions(partitioned[index], files: tableFiles, to: &update, grouping: grouping)
        }
        return remaining
    }

    private func addPartitions(_ known: KnownTable, files: [CrawledFile], to update: inout CatalogUpdate, grouping: TableGrouping) {
        let table = known.existing.table
        let keys = table.definition.partitionKeys
        let base = CatalogUpdate.normalized(table.definition.location)
        var byFolder: [[String]: [CrawledFile]] = [:]
        for file in files {
            let relative = String(file.file.path.dropFirst(known.rootPath.count + 1)).split(separator: "/").map(String.init).dropLast()
            guard relative.count == keys.count else {
                update.report.warnings.append("\(file.file.path) is \(relative.count) folders below table '\(table.name)', which has \(keys.count) partition keys; it was left out")
                continue
            }
            byFolder[Array(relative), default: []].append(file)
        }
        var partitions: [CatalogPartition] = []
        for folders in byFolder.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let members = byFolder[folders] ?? []
            var values: [String] = []
            for (folder, key) in zip(folders, keys) {
                if let hive = InputFiles.hivePartitions(in: folder + "/file").first, CatalogName.sanitized(hive.key) == key.name {
                    values.append(hive.value)
                } else if key.name.hasPrefix("partition_") {
                    values.append(folder)
                } else {
                    update.report.warnings.append("folder '\(folder)' under table '\(table.name)' is not '\(key.name)=…'; its files were left out")
                    values = []
                    break
                }
                if PartitionValueParsing.value(values[values.count - 1], as: key.type).isNull && key.type != .string {
                    update.report.warnings.append("partition value '\(values[values.count - 1])' of '\(key.name)' in table '\(table.name)' is not a \(key.type); it reads as null")
                }
            }
            guard values.count == keys.count else { continue }
            let schema = grouping.mergedSchema(members).schema
            let known = Set(table.definition.columns.map(\.name))
            let added = schema.names.filter { !known.contains($0) && !keys.map(\.name).contains($0) }
            if !added.isEmpty {
                update.report.logs.append("new folder \(folders.joined(separator: "/")) of '\(table.name)' has columns the table lacks (\(added.joined(separator: ", "))); crawling new folders only does not change schemas")
            }
            partitions.append(CatalogPartition(
                values: values, location: base + "/" + folders.joined(separator: "/") + "/", parameters: FileStatistics.parameters(members)))
        }
        guard !partitions.isEmpty else { return }
        update.changes.append(.update(database: update.databaseName, name: table.name, definition: nil, addPartitions: partitions, removePartitions: []))
        update.report.partitionsAdded += partitions.count
        update.report.decisions.append("table '\(table.name)': \(partitions.count) new partition folder\(partitions.count == 1 ? "" : "s") added (new folders only)")
    }
}
