import SluiceCore
@testable import SluiceEngine
import SluiceTestSupport
import Testing

/// The coded grouping layout: columns coded on their own (through dictionaries, runs or row
/// by row), then paired. Every path must group exactly like comparing whole key rows, and
/// give each group the value hash of its key row whatever the table's history.
@Suite struct CodedKeyTableTests {
    static let types: [DataType] = [.string, .int64, .string]

    /// Rows with few distinct values, nulls in every column, and a run-heavy last column.
    static func rows(count: Int, seed: UInt64, nullDays: Bool = true) -> [[Value]] {
        var random = SeededRandom(seed: seed)
        let words = ["north", "south", "", "a-region-name-longer-than-sixteen", "öst"]
        return (0..<count).map { row in
            let word: Value = Int.random(in: 0..<10, using: &random) == 0
                ? .null : .string(words[Int.random(in: 0..<words.count, using: &random)])
            let number: Value = Int.random(in: 0..<12, using: &random) == 0 ? .null : .int(Int64.random(in: -3...3, using: &random))
            let day: Value = nullDays && row / 300 % 4 == 3 ? .null : .string("2026-11-0\(row / 300 % 4 + 1)")
            return [word, number, day]
        }
    }

    static func columns(_ rows: [[Value]]) throws -> [Column] {
        let schema = Schema(types.enumerated().map { Field("k\($0.offset)", $0.element) })
        return try HashTestSupport.batch(schema, rows).columns
    }

    /// The same string column with a dictionary beside it (values in a shuffled order, one unused).
    static func withDictionary(_ column: Column) throws -> Column {
        var distinct: [Value] = [.string("unused")]
        var indices: [UInt32] = []
        for row in 0..<column.count {
            let value = column.value(at: row)
            if value.isNull {
                indices.append(0)
                continue
            }
            if let index = distinct.firstIndex(of: value) {
                indices.append(UInt32(index))
            } else {
                distinct.append(value)
                indices.append(UInt32(distinct.count - 1))
            }
        }
        let builder = ColumnBuilder(type: .string, capacity: distinct.count)
        for value in distinct.reversed() { try builder.append(value: value) }
        let values = builder.finish()
        let reversed = indices.map { UInt32(distinct.count - 1) - $0 }
        return Column(type: column.type, count: column.count, validity: column.validity, storage: column.storage,
                      dictionary: ColumnDictionary(values: values, indices: reversed))
    }

    /// Groups `batches` and checks rows with equal keys (and only those) share a group, that
    /// output keys are the rows' keys, and that group hashes are the rows' value hashes.
    static func check(_ batches: [[Column]], rows: [[[Value]]]) throws -> KeyTable {
        let table = try KeyTable(keyTypes: types, nullsAreKeys: true, operatorName: "GROUP BY")
        #expect(table.layout == .coded)
        var groupOfKey: [[Value]: Int32] = [:]
        for (columns, batchRows) in zip(batches, rows) {
            let keys = table.prepare(columns, rowCount: batchRows.count)
            #expect(keys.hashes == KeyHashing.hash(columns: columns, rowCount: batchRows.count))
            let groups = table.findOrInsert(keys)
            for (row, group) in groups.enumerated() {
                if let known = groupOfKey[batchRows[row]] { #expect(known == group) } else { groupOfKey[batchRows[row]] = group }
                #expect(table.groupHash(Int(group)) == keys.hashes[row])
            }
        }
        #expect(table.groupCount == groupOfKey.count)
        let output = table.keyColumns(0..<table.groupCount)
        for (key, group) in groupOfKey {
            #expect(output.map { $0.value(at: Int(group)) } == key)
        }
        return table
    }

    @Test func rowByRowRunsAndDictionariesGroupAlike() throws {
        // Odd batches have no null days, so their day column is coded by runs.
        let rows = (0..<6).map { Self.rows(count: 1_200, seed: UInt64($0), nullDays: $0 % 2 == 0) }
        let plain = try rows.map(Self.columns)
        #expect(KeyRuns.starts(of: plain[1][2], rowCount: 1_200) == [0, 300, 600, 900])
        #expect(KeyRuns.starts(of: plain[0][2], rowCount: 1_200) == nil)
        _ = try Self.check(plain, rows: rows)
        let coded = try plain.map { columns in [try Self.withDictionary(columns[0]), columns[1], try Self.withDictionary(columns[2])] }
        _ = try Self.check(coded, rows: rows)
    }

    @Test func constantPartitionColumnsGroupAlike() throws {
        let rows = (0..<3).map { batch in Self.rows(count: 500, seed: 40 + UInt64(batch)).map { [$0[0], $0[1], Value.string("day-\(batch)")] } }
        let batches = try rows.enumerated().map { batch, batchRows in
            var columns = try Self.columns(batchRows)
            columns[2] = Column.repeating(string: "day-\(batch)", count: batchRows.count)
            return columns
        }
        _ = try Self.check(batches, rows: rows)
    }

    @Test func findAddsNoGroupsAndMergeTranslatesCodes() throws {
        let first = Self.rows(count: 2_000, seed: 7)
        let second = Self.rows(count: 2_000, seed: 8)
        let left = try Self.check([try Self.columns(first)], rows: [first])
        // A second table met the values in another order, so its codes differ.
        let right = try Self.check([try Self.columns(Array(second.reversed()))], rows: [Array(second.reversed())])
        let before = left.groupCount
        let probe = [[Value.string("never"), Value.int(99), Value.null]] + first.prefix(3)
        let found = left.find(left.prepare(try Self.columns(probe), rowCount: probe.count))
        #expect(found[0] == -1)
        #expect(found[1...].allSatisfy { $0 >= 0 })
        #expect(left.groupCount == before)

        let merged = left.emptyCopy()
        let fromLeft = merged.insertGroups((0..<Int32(left.groupCount)).map { $0 }, of: left)
        let fromRight = merged.insertGroups((0..<Int32(right.groupCount)).map { $0 }, of: right)
        let keys = merged.keyColumns(0..<merged.groupCount)
        func key(_ group: Int32) -> [Value] { keys.map { $0.value(at: Int(group)) } }
        #expect(Set((0..<merged.groupCount).map { key(Int32($0)) }).count == merged.groupCount)
        #expect(merged.groupCount == Set(first + second).count)
        let leftKeys = left.keyColumns(0..<left.groupCount)
        for (group, target) in fromLeft.enumerated() {
            #expect(key(target) == leftKeys.map { $0.value(at: group) })
            #expect(merged.groupHash(Int(target)) == left.groupHash(group))
        }
        let rightKeys = right.keyColumns(0..<right.groupCount)
        for (group, target) in fromRight.enumerated() {
            #expect(key(target) == rightKeys.map { $0.value(at: group) })
            #expect(merged.groupHash(Int(target)) == right.groupHash(group))
        }
    }

    @Test func oneStringColumnGroupsThroughItsDictionary() throws {
        let rows = Self.rows(count: 3_000, seed: 11)
        let column = try Self.withDictionary(try Self.columns(rows)[0])
        let table = try KeyTable(keyTypes: [.string], nullsAreKeys: true, operatorName: "GROUP BY")
        #expect(table.layout == .coded)
        let groups = table.findOrInsert(table.prepare([column], rowCount: rows.count))
        let keys = table.keyColumns(0..<table.groupCount)[0]
        for (row, group) in groups.enumerated() { #expect(keys.value(at: Int(group)) == rows[row][0]) }
        #expect(table.groupCount == Set(rows.map { $0[0] }).count)
        // Joins keep the byte layout: their null keys never match.
        #expect(try KeyTable(keyTypes: [.string], nullsAreKeys: false, operatorName: "JOIN").layout == .bytes)
    }
}
