import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

/// Row groups skipped from statistics: a file of four row groups with disjoint ranges in every
/// type, the row groups each predicate keeps, and what the reader returns with a predicate.
@Suite("Parquet row-group filter")
struct ParquetRowGroupFilterTests {
    typealias Support = RowGroupFilterTestSupport

    static let schema = Schema([
        Field("id", .int64, isNullable: false),
        Field("price", .float64),
        Field("amount", .decimal(precision: 12, scale: 2)),
        Field("name", .string),
        Field("day", .date),
        Field("at", .timestamp),
        Field("flag", .boolean),
        Field("device", .struct([Field("os", .string), Field("version", .int64)])),
        Field("tags", .list(.int64)),
        Field("note", .string),
    ])

    static let baseTime: Int64 = 1_700_000_000_000_000
    static let hour: Int64 = 3_600_000_000
    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Row `id` (0..<400) of row group `id / 100`: every column rises with `id`, so the row
    /// groups' ranges are disjoint; `device` is null in every tenth row of row group 1, `note`
    /// is null in row groups 0 and 3 and in every other row of row group 2.
    static func row(_ id: Int) -> [Value] {
        let group = id / 100
        let digits = String(id)
        let padded = String(repeating: "0", count: 4 - digits.count) + digits
        let device: Value = group == 1 && id % 10 == 0
            ? .null
            : .structure([NamedValue("os", .string(["android", "ios", "linux", "web"][group])), NamedValue("version", .int(Int64(id)))])
        let note: Value = group == 1 || (group == 2 && id % 2 == 0) ? .string("n-\(padded)") : .null
        return [
            .int(Int64(id)), .double(Double(id) * 0.5), .decimal(Int128(id) * 125, scale: 2),
            .string(["a", "b", "c", "é"][group] + "-" + padded), .date(Int32(19_000 + id)),
            .timestamp(baseTime + Int64(id) * hour), .boolean(id >= 200), device,
            .list([.int(Int64(id)), .int(Int64(id) + 1)]), note,
        ]
    }

    static let groups: [[[Value]]] = (0..<4).map { group in (group * 100..<(group + 1) * 100).map(row) }

    private func writeFile(in folder: TemporaryFolder) throws -> String {
        let path = folder.file("clustered.parquet")
        try Support.write(Self.groups, schema: Self.schema, to: path)
        return path
    }

    static func compare(_ path: String, _ op: ComparisonOperator, _ value: Value) -> ScanPredicate {
        Support.compare(path, op, value)
    }

    /// Each predicate with the row groups it must keep.
    static let expectations: [(ScanPredicate, [Int])] = [
        (compare("id", .equal, .int(150)), [1]),
        (compare("id", .equal, .int(1_000)), []),
        (compare("id", .less, .int(100)), [0]),
        (compare("id", .lessOrEqual, .int(100)), [0, 1]),
        (compare("id", .greater, .int(299)), [3]),
        (compare("id", .greaterOrEqual, .int(299)), [2, 3]),
        (compare("id", .notEqual, .int(5)), [0, 1, 2, 3]),
        (compare("id", .equal, .double(150)), [1]),
        (compare("id", .equal, .double(99.5)), []),
        (compare("id", .greater, .decimal(2_995, scale: 1)), [3]),
        (compare("id", .equal, .string("150")), [0, 1, 2, 3]),
        (compare("id", .equal, .null), []),
        (compare("id", .notEqual, .null), []),
        (.in(column: ["id"], values: [.int(5), .int(350)]), [0, 3]),
        (.in(column: ["id"], values: [.int(1_000), .null]), []),
        (.in(column: ["id"], values: []), []),
        (.isNull(column: ["id"]), []),
        (.isNotNull(column: ["id"]), [0, 1, 2, 3]),
        (compare("price", .greater, .double(149.5)), [3]),
        (compare("price", .less, .int(50)), [0]),
        (compare("price", .equal, .double(75.25)), [1]),
        (compare("price", .greaterOrEqual, .decimal(15_000, scale: 2)), [3]),
        (compare("price", .notEqual, .double(0)), [0, 1, 2, 3]),
        (compare("amount", .equal, .decimal(12_500, scale: 2)), [1]),
        (compare("amount", .equal, .decimal(125, scale: 0)), [1]),
        (compare("amount", .less, .int(125)), [0]),
        (compare("amount", .greater, .double(373.7)), [2, 3]),
        (compare("amount", .greaterOrEqual, .decimal(37_376, scale: 2)), [3]),
        (compare("name", .equal, .string("b-0150")), [1]),
        (compare("name", .greaterOrEqual, .string("c")), [2, 3]),
        (compare("name", .greater, .string("d")), [3]),
        (compare("name", .less, .string("a-0050")), [0]),
        (compare("name", .equal, .binary(Array("b-0150".utf8))), [0, 1, 2, 3]),
        (compare("day", .equal, .date(19_150)), [1]),
        (compare("day", .less, .timestamp(19_100 * microsecondsPerDay)), [0]),
        (compare("day", .greater, .timestamp(19_299 * microsecondsPerDay + 1)), [3]),
        (compare("day", .greaterOrEqual, .timestamp(19_299 * microsecondsPerDay)), [2, 3]),
        (compare("at", .greaterOrEqual, .timestamp(baseTime + 300 * hour)), [3]),
        (compare("at", .less, .timestamp(baseTime + 100 * hour)), [0]),
        (compare("at", .less, .date(Int32(baseTime / microsecondsPerDay))), []),
        (compare("flag", .equal, .boolean(true)), [2, 3]),
        (compare("flag", .notEqual, .boolean(true)), [0, 1]),
        (compare("flag", .equal, .boolean(false)), [0, 1]),
        (compare("device.os", .equal, .string("ios")), [1]),
        (compare("device.version", .greater, .int(350)), [3]),
        (.isNull(column: ["device", "os"]), [1]),
        (.isNotNull(column: ["device", "os"]), [0, 1, 2, 3]),
        (compare("device", .equal, .string("ios")), [0, 1, 2, 3]),
        (.isNull(column: ["device"]), [0, 1, 2, 3]),
        (compare("device.model", .equal, .string("x")), [0, 1, 2, 3]),
        (compare("tags", .equal, .int(5)), [0, 1, 2, 3]),
        (compare("tags.list.element", .equal, .int(5)), [0, 1, 2, 3]),
        (.isNull(column: ["tags", "list", "element"]), [0, 1, 2, 3]),
        (compare("nope", .equal, .int(1)), [0, 1, 2, 3]),
        (.isNull(column: ["note"]), [0, 2, 3]),
        (.isNotNull(column: ["note"]), [1, 2]),
        (compare("note", .equal, .string("n-0150")), [1]),
        (compare("note", .notEqual, .string("zzz")), [1, 2]),
        (.and([compare("id", .greaterOrEqual, .int(100)), compare("id", .less, .int(200))]), [1]),
        (.or([compare("id", .less, .int(50)), compare("name", .greater, .string("d"))]), [0, 3]),
        (.and([compare("id", .greater, .int(50)), .or([compare("flag", .equal, .boolean(true)), compare("device.os", .equal, .string("android"))])]), [0, 2, 3]),
        (.and([compare("nope", .equal, .int(1)), compare("id", .less, .int(100))]), [0]),
        (.or([compare("nope", .equal, .int(1)), compare("id", .less, .int(100))]), [0, 1, 2, 3]),
        (.and([]), [0, 1, 2, 3]),
        (.or([]), []),
    ]

    @Test func keepsTheRowGroupsThatMightMatch() throws {
        let folder = try TemporaryFolder()
        let path = try writeFile(in: folder)
        let reader = try ParquetReader(path: path)
        #expect(reader.metadata.rowGroups.count == 4)
        let filter = ParquetRowGroupFilter(metadata: reader.metadata, fileSchema: reader.fileSchema)
        for (predicate, expected) in Self.expectations {
            #expect(filter.keptRowGroups(predicate) == expected, "\(predicate)")
            // Never fewer than the row groups that hold a matching row.
            let matching = Self.groups.indices.filter { group in
                Self.groups[group].contains { row in
                    Support.mightMatch(predicate) { Support.value(at: $0, in: row, schema: Self.schema) }
                }
            }
            #expect(Set(matching).isSubset(of: Set(expected)), "\(predicate): rows match in \(matching)")
        }
    }

    @Test func readerReturnsTheRowsOfKeptRowGroups() throws {
        let folder = try TemporaryFolder()
        let path = try writeFile(in: folder)
        let predicate = ScanPredicate.or([Self.compare("id", .less, .int(50)), Self.compare("name", .greater, .string("d"))])
        let reader = try ParquetReader(path: path, options: ParquetReadOptions(predicate: predicate))
        let batches = try reader.readAll()
        #expect(reader.rowGroupsSkipped == 2)
        #expect(batches.count == 2)
        #expect(BatchComparison.firstDifference(expected: Self.groups[0] + Self.groups[3], actual: batches.flatMap(\.rows)) == nil)
        #expect(batches.flatMap(\.rows).count == 200)
    }

    @Test func predicateIntersectsTheRequestedRowGroups() throws {
        let folder = try TemporaryFolder()
        let path = try writeFile(in: folder)
        let options = ParquetReadOptions(
            columns: ["name"], rowGroups: [3, 0, 1], predicate: Self.compare("id", .less, .int(150)))
        let reader = try ParquetReader(path: path, options: options)
        let names = try reader.readAll().flatMap(\.rows).map { $0[0] }
        #expect(reader.rowGroupsSkipped == 1)
        #expect(names == (Self.groups[0] + Self.groups[1]).map { $0[3] })
    }

    @Test func withoutPredicateNothingIsSkipped() throws {
        let folder = try TemporaryFolder()
        let path = try writeFile(in: folder)
        let reader = try ParquetReader(path: path, options: ParquetReadOptions(rowGroups: [2]))
        #expect(reader.rowGroupsSkipped == 0)
        #expect(try reader.readAll().flatMap(\.rows).count == 100)
        let none = try ParquetReader(path: path, options: ParquetReadOptions(predicate: Self.compare("id", .equal, .int(-1))))
        #expect(none.rowGroupsSkipped == 4)
        #expect(try none.readAll().isEmpty)
    }
}
