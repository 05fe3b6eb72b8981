import SluiceCore
import SluiceFormats

/// Step 5 of a crawl: which folders become tables and which become their partitions, after
/// Glue's documented rule, with the reason for every decision written to the run report.
///
/// Starting at the target, a folder becomes one table (its subfolders partitions) when
/// 1. all files below it sit at the same depth (partition folders are the same number of
///    levels deep everywhere) and a folder does not hold files beside subfolders,
/// 2. the files are compatible: same format, compression and CSV dialect, and
/// 3. the partition folders' schemas are similar (``SchemaSimilarity``: more than 70%, at
///    most 5 distinct schemas) — unless the crawler combines compatible schemas.
///
/// Otherwise the folder is split: each subfolder is decided the same way, and files directly
/// in the folder become a table of their own. Files in one folder always go together (when
/// compatible). A crawler's table level instead fixes where tables start.
struct TableGrouping {
    let target: CrawlTarget
    let combineCompatibleSchemas: Bool
    let tableLevel: Int?
    var decisions: [String] = []
    var warnings: [String] = []

    /// A table the crawl decided on.
    struct Plan {
        var name: String
        /// Folders from the target to the table's root.
        var rootFolders: [String]
        /// Set when the table is one file (its name within the root folder).
        var singleFile: String?
        var files: [CrawledFile]
        var partitionDepth: Int
        var compatibility: FileClassification.Compatibility
        var similarity: SchemaSimilarity
    }

    init(target: CrawlTarget, combineCompatibleSchemas: Bool, tableLevel: Int?) {
        self.target = target
        self.combineCompatibleSchemas = combineCompatibleSchemas
        self.tableLevel = tableLevel
    }

    mutating func group(_ files: [CrawledFile]) -> [Plan] {
        guard !files.isEmpty else { return [] }
        if target.isSingleFile {
            return tableOfDirectFiles(files, folders: [], why: "the target is one file")
        }
        return decide(folders: [], files: files)
    }

    private func display(_ folders: [String]) -> String { target.location(folders) }

    private func name(of folders: [String]) -> String { folders.last ?? target.name }

    private mutating func decide(folders: [String], files: [CrawledFile]) -> [Plan] {
        let depths = Set(files.map { $0.file.folders.count - folders.count })
        let level = target.level + folders.count
        if let tableLevel, level < tableLevel {
            decisions.append("\(display(folders)) is at level \(level), above the table level \(tableLevel): its subfolders are decided separately")
            return split(folders: folders, files: files)
        }
        let forced = tableLevel.map { level >= $0 } ?? false
        if depths.count > 1 {
            let sorted = depths.sorted()
            let reason = sorted.contains(0)
                ? "it holds files directly and in subfolders"
                : "its files sit at different depths (\(sorted.map(String.init).joined(separator: ", ")) folder levels down)"
            decisions.append("split \(display(folders)): \(reason)\(forced ? ", although the table level puts a table here" : "")")
            return split(folders: folders, files: files)
        }
        let depth = depths.first ?? 0
        if depth == 0 { return tableOfDirectFiles(files, folders: folders, why: nil) }
        let kinds = Dictionary(grouping: files) { $0.classification.compatibility }
        if kinds.count > 1 {
            let described = kinds.map { kind, members in
                "\(kind) in \(display(Array(members[0].file.folders.prefix(folders.count + 1))))"
            }.sorted().joined(separator: "; ")
            decisions.append("split \(display(folders)): its files are not compatible (\(described))")
            return split(folders: folders, files: files)
        }
        let units = partitionUnits(files, depth: depth, below: folders)
        let similarity = SchemaSimilarity(units.map(\.unit))
        let plan = Plan(
            name: name(of: folders), rootFolders: folders, singleFile: nil, files: files, partitionDepth: depth,
            compatibility: files[0].classification.compatibility, similarity: similarity)
        let count = "\(units.count) partition folder\(units.count == 1 ? "" : "s") \(depth) level\(depth == 1 ? "" : "s") down"
        if forced {
            decisions.append("table '\(plan.name)' at \(display(folders)): the table level \(tableLevel ?? 0) puts it here; \(count), \(similarity.explanation)")
            return [plan]
        }
        if combineCompatibleSchemas {
            decisions.append("table '\(plan.name)' at \(display(folders)): \(count) of compatible \(plan.compatibility) data, combined by the crawler's CombineCompatibleSchemas policy (\(similarity.explanation))")
            return [plan]
        }
        if similarity.isSimilar {
            decisions.append("table '\(plan.name)' at \(display(folders)): \(count) with similar schemas (\(similarity.explanation))")
            return [plan]
        }
        decisions.append("split \(display(folders)): schemas not similar enough for one table (\(similarity.explanation)); set CombineCompatibleSchemas to keep them together")
        return split(folders: folders, files: files)
    }

    /// The subfolders decided one by one, and the files directly in the folder as one table.
    private mutating func split(folders: [String], files: [CrawledFile]) -> [Plan] {
        var plans: [Plan] = []
        let direct = files.filter { $0.file.folders.count == folders.count }
        if !direct.isEmpty { plans += tableOfDirectFiles(direct, folders: folders, why: "they sit directly in it") }
        let children = Dictionary(grouping: files.filter { $0.file.folders.count > folders.count }) { $0.file.folders[folders.count] }
        for child in children.keys.sorted() {
            plans += decide(folders: folders + [child], files: children[child] ?? [])
        }
        return plans
    }

    /// The files directly in one folder: one table when compatible, else one table per file.
    private mutating func tableOfDirectFiles(_ files: [CrawledFile], folders: [String], why: String?) -> [Plan] {
        let kinds = Dictionary(grouping: files) { $0.classification.compatibility }
        if kinds.count == 1 && !target.isSingleFile {
            let merged = mergedSchema(files)
            let unit = SchemaSimilarity.Unit(name: display(folders), schema: merged.schema, nullOnlyFields: merged.nullOnlyFields)
            let plan = Plan(
                name: name(of: folders), rootFolders: folders, singleFile: nil, files: files, partitionDepth: 0,
                compatibility: files[0].classification.compatibility, similarity: SchemaSimilarity([unit]))
            let fileCount = "\(files.count) \(plan.compatibility) file\(files.count == 1 ? "" : "s")"
            decisions.append("table '\(plan.name)' at \(display(folders)): \(fileCount)\(why.map { " (\($0))" } ?? "") without partitions")
            let perFile = files.map { SchemaSimilarity.Unit(name: $0.file.name, schema: $0.classification.schema.schema, nullOnlyFields: $0.classification.schema.nullOnlyFields) }
            let fileSimilarity = SchemaSimilarity(perFile)
            if !fileSimilarity.isSimilar {
                warnings.append("the files of table '\(plan.name)' differ a lot (\(fileSimilarity.explanation)); they share one folder, so they are one table")
            }
            return [plan]
        }
        if kinds.count > 1 {
            decisions.append("\(display(folders)) holds incompatible files (\(kinds.keys.map(\.description).sorted().joined(separator: "; "))): one table per file")
        }
        return files.map { file in
            let base = String(file.file.name.split(separator: ".").first ?? Substring(file.file.name))
            let unit = SchemaSimilarity.Unit(name: file.file.name, schema: file.classification.schema.schema, nullOnlyFields: file.classification.schema.nullOnlyFields)
            if target.isSingleFile { decisions.append("table '\(base)' for the file \(target.rootPath): \(why ?? "")") }
            return Plan(
                name: base, rootFolders: folders, singleFile: file.file.name, files: [file], partitionDepth: 0,
                compatibility: file.classification.compatibility, similarity: SchemaSimilarity([unit]))
        }
    }

    /// The partition folders below `folders` (each `depth` levels down) with their files' merged schema.
    func partitionUnits(_ files: [CrawledFile], depth: Int, below folders: [String]) -> [(folders: [String], unit: SchemaSimilarity.Unit, files: [CrawledFile])] {
        let grouped = Dictionary(grouping: files) { Array($0.file.folders[folders.count..<(folders.count + depth)]) }
        return grouped.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { key in
            let members = grouped[key] ?? []
            let merged = mergedSchema(members)
            return (key, SchemaSimilarity.Unit(name: key.joined(separator: "/"), schema: merged.schema, nullOnlyFields: merged.nullOnlyFields), members)
        }
    }

    /// The files' schemas merged by the foundation's rules, with the fields no file had a value for.
    func mergedSchema(_ files: [CrawledFile]) -> (schema: Schema, nullOnlyFields: Set<String>) {
        let opened = files.filter(\.wasOpened)
        let inputs = (opened.isEmpty ? files : opened).map {
            SchemaMerge.Input(source: $0.file.path, schema: $0.classification.schema.schema, nullOnlyFields: $0.classification.schema.nullOnlyFields)
        }
        let merged = SchemaMerge.merge(inputs)
        let nullOnly = Set(merged.schema.names.filter { name in inputs.allSatisfy { !$0.schema.names.contains(name) || $0.nullOnlyFields.contains(name) } })
        return (merged.schema, nullOnly)
    }
}
