import SluiceCore
import SluiceFormats

/// Step 4 of a crawl: the partition keys of a table from the folders between its root and its
/// files, and each partition's values.
///
/// - A folder level whose every folder is `key=value` with one key (Hive style,
///   `dt=2026-11-01`) gives the key `key` (lower-case) and the values after `=`.
/// - Any other level (`2026/11/21/10/` as delivery streams write) gives `partition_0`,
///   `partition_1`, … with the folder names as values.
/// - A Hive key is typed by its values: `int` when all are integers written plainly (no
///   sign, no leading zero) within 32 bits, `bigint` within 64, `date` when all are
///   `yyyy-MM-dd`, otherwise `string`. Unnamed levels stay `string`, as in Glue: their folder
///   names are often zero-padded (`01`), and `partition_1 = '01'` must keep matching.
enum PartitionDetection {
    struct Layout: Equatable {
        var keys: [CatalogColumn]
        /// Per partition folder (in the order given), its values as text.
        var values: [[String]]
    }

    /// `folders`: for each partition, the folder names from the table root down to its files.
    static func layout(of folders: [[String]]) -> Layout {
        let depth = folders.first?.count ?? 0
        var keys: [CatalogColumn] = []
        var values = Array(repeating: [String](), count: folders.count)
        var used = Set<String>()
        for level in 0..<depth {
            let names = folders.map { $0[level] }
            let hive = names.map { InputFiles.hivePartitions(in: $0 + "/file").first }
            let hiveKeys = Set(hive.map { $0?.key.lowercased() ?? "" })
            if hiveKeys.count == 1, let key = hiveKeys.first, !key.isEmpty, !used.contains(CatalogName.sanitized(key)) {
                let name = CatalogName.sanitized(key)
                let levelValues = hive.map { $0?.value ?? "" }
                keys.append(CatalogColumn(name, type(of: levelValues)))
                used.insert(name)
                for index in folders.indices { values[index].append(levelValues[index]) }
            } else {
                var name = "partition_\(level)"
                while used.contains(name) { name += "_" }
                keys.append(CatalogColumn(name, .string))
                used.insert(name)
                for index in folders.indices { values[index].append(names[index]) }
            }
        }
        return Layout(keys: keys, values: values)
    }

    /// The type of a Hive key's values (see the rules above).
    static func type(of values: [String]) -> DataType {
        let present = values.filter { $0 != PartitionValueParsing.hiveNullValue }
        guard !present.isEmpty else { return .string }
        let plainIntegers = present.allSatisfy { value in
            guard let number = Int64(value) else { return false }
            return String(number) == value && number >= 0
        }
        if plainIntegers {
            let fits32 = present.allSatisfy { Int32($0) != nil }
            return fits32 ? .int32 : .int64
        }
        let dates = present.allSatisfy { $0.utf8.count == 10 && TemporalParsing.parseDate($0) != nil }
        return dates ? .date : .string
    }
}
