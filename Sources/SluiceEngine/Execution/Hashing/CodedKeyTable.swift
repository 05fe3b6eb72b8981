import SluiceCore

/// Grouping on several key columns by coding each column on its own: a value's code is its
/// group in the column's own one-column ``KeyTable`` (so a string is hashed and compared once
/// per distinct value seen, not once per row and column), and the codes then pair up left to
/// right in integer tables: `(code₀, code₁)` → pair group, `(pair group, code₂)` → …, the last
/// pair table's groups being the groups (one column: an integer table from its code). A column
/// with a ``ColumnDictionary`` is coded once per dictionary value; runs of equal values are
/// coded once per run.
///
/// A group's hash is the value hash ``KeyHashing`` gives its key row, built from the columns'
/// value hashes, so lanes with different codes still agree on it (merge partitions depend on it).
/// Nulls are values with a code of their own, so this layout serves grouping, where null keys
/// form a group; joins, where they never match, use the other layouts.
final class CodedKeyTable {
    private let columns: [KeyTable]
    /// `pairs[k]` pairs the group of columns `0...k` with the code of column `k + 1`; with one
    /// column, `pairs[0]` maps its codes to groups.
    private let pairs: [IntegerKeyTable]
    /// The key columns' values, built once for output (cleared by any insert).
    private var decodedColumns: [Column]?

    init(keyTypes: [DataType], expectedGroups: Int = 0) throws(SluiceError) {
        var columns: [KeyTable] = []
        for type in keyTypes {
            columns.append(try KeyTable(keyTypes: [type], nullsAreKeys: true, coding: false, operatorName: "GROUP BY"))
        }
        self.columns = columns
        let pairCount = max(1, keyTypes.count - 1)
        pairs = (0..<pairCount).map { position in
            IntegerKeyTable(expectedGroups: position == pairCount - 1 ? expectedGroups : 0)
        }
    }

    var groupCount: Int { pairs[pairs.count - 1].groupCount }

    var memoryUsedBytes: Int {
        columns.reduce(0) { $0 + $1.memoryUsedBytes } + pairs.reduce(0) { $0 + $1.memoryUsedBytes }
    }

    /// The hash of group `group`'s key row.
    func groupHash(_ group: Int) -> UInt64 { pairs[pairs.count - 1].hashes[group] }

    /// Codes every row of `keyColumns` (adding new values to the column tables) and hashes the rows.
    func prepare(_ keyColumns: [Column], rowCount: Int) -> PreparedKeys {
        decodedColumns = nil
        let codes = zip(columns, keyColumns).map { table, column in Self.code(column, rowCount: rowCount, in: table) }
        return PreparedKeys(codes: codes, hashes: rowHashes(codes, through: columns.count - 1, rowCount: rowCount), rowCount: rowCount)
    }

    /// Each row's codes in `table`: through the column's dictionary when it has one, looking up
    /// one row per run of equal values when runs are long, else row by row.
    private static func code(_ column: Column, rowCount: Int, in table: KeyTable) -> [Int32] {
        if let dictionary = column.dictionary { return code(dictionary, of: column, rowCount: rowCount, in: table) }
        guard let runStarts = KeyRuns.starts(of: column, rowCount: rowCount) else {
            return table.findOrInsert(table.prepare([column], rowCount: rowCount))
        }
        let runCodes = table.findOrInsert(table.prepare([column.take(runStarts)], rowCount: runStarts.count))
        return [Int32](unsafeUninitializedCapacity: rowCount) { codes, initialized in
            for run in 0..<runStarts.count {
                let end = run + 1 < runStarts.count ? Int(runStarts[run + 1]) : rowCount
                let code = runCodes[run]
                for row in Int(runStarts[run])..<end { codes[row] = code }
            }
            initialized = rowCount
        }
    }

    /// Codes the dictionary's values once, then each row by its index (null rows by the null code).
    private static func code(_ dictionary: ColumnDictionary, of column: Column, rowCount: Int, in table: KeyTable) -> [Int32] {
        let valueCodes = table.findOrInsert(table.prepare([dictionary.values], rowCount: dictionary.values.count))
        guard let indices = dictionary.indices else {
            return [Int32](repeating: valueCodes[0], count: rowCount)
        }
        var codes = [Int32](unsafeUninitializedCapacity: rowCount) { codes, initialized in
            valueCodes.withUnsafeBufferPointer { valueCodes in
                indices.withUnsafeBufferPointer { indices in
                    for row in 0..<rowCount { codes[row] = valueCodes[Int(indices[row])] }
                }
            }
            initialized = rowCount
        }
        if let validity = column.validity, column.nullCount > 0 {
            let nullCode = table.findOrInsert(table.prepare([Column.nulls(column.type, count: 1)], rowCount: 1))[0]
            for row in 0..<rowCount where !validity[row] { codes[row] = nullCode }
        }
        return codes
    }

    /// Each row's group, adding new key rows (`inserting`) or -1 for rows with a new key.
    func groups(_ keys: PreparedKeys, inserting: Bool) -> [Int32] {
        var groups = keys.codes[0]
        var leftBound = columns[0].groupCount
        if columns.count == 1 {
            Self.resolve(&groups, right: nil, bounds: (leftBound, 1), in: pairs[0], hashes: keys.hashes, inserting: inserting)
            return groups
        }
        for (position, pairTable) in pairs.enumerated() {
            // Prefix hashes: the row hash of columns 0...position+1, rebuilt from the column tables.
            let isLast = position == pairs.count - 1
            let hashes = isLast ? keys.hashes : rowHashes(keys.codes, through: position + 1, rowCount: keys.count)
            Self.resolve(&groups, right: keys.codes[position + 1], bounds: (leftBound, columns[position + 1].groupCount),
                         in: pairTable, hashes: hashes, inserting: inserting)
            leftBound = pairTable.groupCount
        }
        return groups
    }

    /// Pairs of codes whose every combination takes at most this many entries are resolved
    /// through a per-batch array (at most one table lookup per distinct pair), not per row.
    private static let maximumDirectPairs = 1 << 16

    /// Replaces each row's `(groups[row], right[row])` (just `groups[row]` without `right`) by
    /// its group in `table`; codes are below `bounds`, -1 stays -1.
    private static func resolve(
        _ groups: inout [Int32], right: [Int32]?, bounds: (left: Int, right: Int), in table: IntegerKeyTable,
        hashes: [UInt64], inserting: Bool
    ) {
        let rowCount = groups.count
        let pairCount = bounds.left * bounds.right
        let direct = pairCount <= min(maximumDirectPairs, rowCount)
        var known = [Int32](repeating: unknown, count: direct ? pairCount : 0)
        let rightCodes = right ?? []
        groups.withUnsafeMutableBufferPointer { groups in
            rightCodes.withUnsafeBufferPointer { rightCodes in
                hashes.withUnsafeBufferPointer { hashes in
                    known.withUnsafeMutableBufferPointer { known in
                        var sink: Int64 = 0
                        defer { table.keepLoads(sink) }
                        for row in 0..<rowCount {
                            // Beyond the per-batch array, slots are loaded a block ahead (cache misses overlap).
                            if !direct, row % IntegerKeyTable.touchBlockRows == 0 {
                                sink &+= table.touch(hashes, row..<min(rowCount, row + IntegerKeyTable.touchBlockRows))
                            }
                            let left = groups[row]
                            if left < 0 { continue }
                            let rightCode = right == nil ? 0 : rightCodes[row]
                            let pair = Int(left) &* bounds.right &+ Int(rightCode)
                            if direct, known[pair] != unknown {
                                groups[row] = known[pair]
                                continue
                            }
                            let key = right == nil ? Int64(left) : Int64(left) << 32 | Int64(rightCode)
                            let group = inserting ? table.insert(key, hash: hashes[row]) : table.lookUp(key, hash: hashes[row])
                            if direct { known[pair] = group }
                            groups[row] = group
                        }
                    }
                }
            }
        }
    }

    /// A pair not looked up yet in ``resolve(_:right:bounds:in:hashes:inserting:)``.
    private static let unknown: Int32 = -2

    /// The value hash of each row's key columns `0...last`, from the columns' codes.
    private func rowHashes(_ codes: [[Int32]], through last: Int, rowCount: Int) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: rowCount) { hashes, initialized in
            for position in 0...last {
                columns[position].withGroupHashes { columnHashes in
                    codes[position].withUnsafeBufferPointer { columnCodes in
                        for row in 0..<rowCount {
                            let hash = columnHashes[Int(columnCodes[row])]
                            hashes[row] = position == 0 ? hash : KeyHashing.combined(hashes[row], hash)
                        }
                    }
                }
            }
            initialized = rowCount
        }
    }

    /// The codes of groups `groups`, one array per key column.
    private func codes(of groups: [Int32]) -> [[Int32]] {
        if columns.count == 1 {
            let keys = pairs[0].keys
            return [groups.map { Int32(truncatingIfNeeded: keys[Int($0)]) }]
        }
        var result = [[Int32]](repeating: [], count: columns.count)
        var current = groups
        for position in stride(from: pairs.count - 1, through: 0, by: -1) {
            let keys = pairs[position].keys
            var right = [Int32](repeating: 0, count: current.count)
            for (row, group) in current.enumerated() {
                let key = keys[Int(group)]
                right[row] = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
                current[row] = Int32(truncatingIfNeeded: key >> 32)
            }
            result[position + 1] = right
        }
        result[0] = current
        return result
    }

    /// Adds the key rows of `groups` of `other` (a table of the same key types), returning their groups here.
    func insertGroups(_ groups: [Int32], of other: CodedKeyTable) -> [Int32] {
        decodedColumns = nil
        let otherCodes = other.codes(of: groups)
        let codes = zip(columns, other.columns).enumerated().map { position, tables in
            // Every distinct code once, translated into this table's codes.
            let (table, otherTable) = tables
            var translation = [Int32](repeating: -1, count: otherTable.groupCount)
            var distinct: [Int32] = []
            for code in otherCodes[position] where translation[Int(code)] < 0 {
                translation[Int(code)] = 0
                distinct.append(code)
            }
            for (code, translated) in zip(distinct, table.insertGroups(distinct, of: otherTable)) {
                translation[Int(code)] = translated
            }
            return otherCodes[position].map { translation[Int($0)] }
        }
        let hashes = rowHashes(codes, through: columns.count - 1, rowCount: groups.count)
        return self.groups(PreparedKeys(codes: codes, hashes: hashes, rowCount: groups.count), inserting: true)
    }

    /// The keys of groups `range`, one column per key column, each with the column's distinct
    /// values as its ``ColumnDictionary`` (so grouping the output again codes it cheaply).
    func keyColumns(_ range: Range<Int>) -> [Column] {
        let values = decodedColumns ?? columns.map { $0.keyColumns(0..<$0.groupCount)[0] }
        decodedColumns = values
        let groupCodes = codes(of: range.map { Int32(truncatingIfNeeded: $0) })
        return zip(values, groupCodes).map { values, codes in
            guard values.count * Self.dictionaryRowsPerValue <= codes.count else { return values.take(codes) }
            let dictionary = ColumnDictionary(values: values, indices: codes.map { UInt32(truncatingIfNeeded: $0) })
            if dictionary.holdsBytes {
                // Strings stay codes until read (grouping the output again needs only the codes).
                var validity: BitmapBuilder?
                if values.nullCount > 0 {
                    validity = BitmapBuilder(capacity: codes.count)
                    for code in codes { validity?.append(!values.isNull(Int(code))) }
                }
                return Column(type: values.type, count: codes.count, validity: validity?.finish(), dictionary: dictionary)
            }
            let column = values.take(codes)
            return Column(type: column.type, count: column.count, validity: column.validity, storage: column.storage,
                          dictionary: dictionary)
        }
    }

    /// Distinct values at most this fraction of the rows make a dictionary worth passing on.
    private static let dictionaryRowsPerValue = 4
}
