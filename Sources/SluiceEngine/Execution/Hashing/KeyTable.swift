import SluiceCore

/// Maps key rows to dense group ids (0, 1, 2, … in order of first appearance), in the layout
/// the key types call for (see ``KeyLayout``). Grouping (`nullsAreKeys` true) treats all
/// null keys as one key; joins (`nullsAreKeys` false) never match or store a row with a null key.
///
/// `@unchecked Sendable`: a table is filled by one thread; once filled (a join's build side)
/// several threads only read it through ``find(_:)``.
final class KeyTable: @unchecked Sendable {
    let keyTypes: [DataType]
    let layout: KeyLayout
    let nullsAreKeys: Bool
    private let integerTable: IntegerKeyTable?
    private let bytesTable: BytesKeyTable?
    private let codedTable: CodedKeyTable?

    /// `expectedGroups` sizes the table up front (it grows past that as needed). `coding` false
    /// keeps grouping keys out of the coded layout (the coded layout's own column tables).
    init(keyTypes: [DataType], nullsAreKeys: Bool, coding: Bool = true, operatorName: String, expectedGroups: Int = 0) throws(SluiceError) {
        self.keyTypes = keyTypes
        self.nullsAreKeys = nullsAreKeys
        layout = try KeyLayout.choose(for: keyTypes, grouping: nullsAreKeys && coding, operatorName: operatorName)
        integerTable = layout == .integer ? IntegerKeyTable(expectedGroups: expectedGroups) : nil
        bytesTable = layout == .bytes || layout == .encoded ? BytesKeyTable(expectedGroups: expectedGroups) : nil
        codedTable = layout == .coded ? try CodedKeyTable(keyTypes: keyTypes, expectedGroups: expectedGroups) : nil
    }

    /// An empty table for the same keys, sized for `expectedGroups`.
    func emptyCopy(expectedGroups: Int = 0) -> KeyTable {
        do {
            return try KeyTable(keyTypes: keyTypes, nullsAreKeys: nullsAreKeys, coding: layout == .coded, operatorName: "",
                                expectedGroups: expectedGroups)
        } catch {
            preconditionFailure("The key types were accepted once: \(error)")
        }
    }

    /// Groups so far; a table without keys always has its one group.
    var groupCount: Int {
        switch layout {
        case .none: 1
        case .integer: integerTable?.groupCount ?? 0
        case .bytes, .encoded: bytesTable?.groupCount ?? 0
        case .coded: codedTable?.groupCount ?? 0
        }
    }

    var memoryUsedBytes: Int {
        (integerTable?.memoryUsedBytes ?? 0) + (bytesTable?.memoryUsedBytes ?? 0) + (codedTable?.memoryUsedBytes ?? 0)
    }

    /// The key columns of one batch made ready for ``findOrInsert(_:)`` and ``find(_:)`` of this
    /// table (in the coded layout, preparing adds the batch's new values to the column codes).
    func prepare(_ columns: [Column], rowCount: Int) -> PreparedKeys {
        if layout == .coded { return codedTable.unsafelyUnwrapped.prepare(columns, rowCount: rowCount) }
        return PreparedKeys(columns, rowCount: rowCount, layout: layout)
    }

    /// Calls `body` with every group's hash, in group order (the one-column layouts).
    func withGroupHashes<Result>(_ body: (UnsafePointer<UInt64>) -> Result) -> Result {
        switch layout {
        case .integer: body(integerTable.unsafelyUnwrapped.hashes.base.unsafelyUnwrapped)
        case .bytes, .encoded: body(bytesTable.unsafelyUnwrapped.hashes.base.unsafelyUnwrapped)
        case .none, .coded: preconditionFailure("Only one-column key tables expose their hashes.")
        }
    }

    /// Each row's group, adding new keys (-1 for rows with a null key when nulls are not keys).
    func findOrInsert(_ keys: PreparedKeys) -> [Int32] {
        switch layout {
        case .none: return [Int32](repeating: 0, count: keys.count)
        case .integer: return integerTable.unsafelyUnwrapped.findOrInsert(keys, nullsAreKeys: nullsAreKeys)
        case .bytes, .encoded:
            return bytesTable.unsafelyUnwrapped.findOrInsert(keys, nullsAreKeys: nullsAreKeys, nullsEncoded: layout == .encoded)
        case .coded: return codedTable.unsafelyUnwrapped.groups(keys, inserting: true)
        }
    }

    /// Each row's group, or -1 where the key is not in the table (or null, when nulls are not keys).
    func find(_ keys: PreparedKeys) -> [Int32] {
        switch layout {
        case .none: return [Int32](repeating: 0, count: keys.count)
        case .integer: return integerTable.unsafelyUnwrapped.find(keys, nullsAreKeys: nullsAreKeys)
        case .bytes, .encoded:
            return bytesTable.unsafelyUnwrapped.find(keys, nullsAreKeys: nullsAreKeys, nullsEncoded: layout == .encoded)
        case .coded: return codedTable.unsafelyUnwrapped.groups(keys, inserting: false)
        }
    }

    /// The hash of group `group`'s key (0 without keys), for partitioning.
    func groupHash(_ group: Int) -> UInt64 {
        switch layout {
        case .none: 0
        case .integer: integerTable.unsafelyUnwrapped.hashes[group]
        case .bytes, .encoded: bytesTable.unsafelyUnwrapped.hashes[group]
        case .coded: codedTable.unsafelyUnwrapped.groupHash(group)
        }
    }

    /// Adds the keys of `groups` of `other` (a table of the same key types), returning their groups here.
    func insertGroups(_ groups: [Int32], of other: KeyTable) -> [Int32] {
        var result = [Int32](repeating: 0, count: groups.count)
        switch layout {
        case .none: break
        case .integer:
            let target = integerTable.unsafelyUnwrapped
            let source = other.integerTable.unsafelyUnwrapped
            for (position, group) in groups.enumerated() {
                let hash = source.hashes[Int(group)]
                result[position] = group == source.nullGroup
                    ? target.nullGroupInserting(hash: hash) : target.insert(source.keys[Int(group)], hash: hash)
            }
        case .bytes, .encoded:
            let target = bytesTable.unsafelyUnwrapped
            let source = other.bytesTable.unsafelyUnwrapped
            for (position, group) in groups.enumerated() {
                let hash = source.hashes[Int(group)]
                result[position] = group == source.nullGroup
                    ? target.nullGroupInserting(hash: hash) : target.insert(source.key(Int(group)), hash: hash)
            }
        case .coded:
            return codedTable.unsafelyUnwrapped.insertGroups(groups, of: other.codedTable.unsafelyUnwrapped)
        }
        return result
    }

    /// The keys of groups `range`, one column per key type.
    func keyColumns(_ range: Range<Int>) -> [Column] {
        switch layout {
        case .none: return []
        case .integer: return [integerTable.unsafelyUnwrapped.keyColumn(range, type: keyTypes[0])]
        case .bytes: return [bytesTable.unsafelyUnwrapped.keyColumn(range, type: keyTypes[0])]
        case .encoded: return bytesTable.unsafelyUnwrapped.decodedColumns(range, types: keyTypes)
        case .coded: return codedTable.unsafelyUnwrapped.keyColumns(range)
        }
    }
}
