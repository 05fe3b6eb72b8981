import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

/// Random predicates over random clustered data: every row that satisfies a predicate,
/// checked row by row, must lie in a row group the filter keeps, and the reader must return
/// exactly the rows of the kept row groups.
@Suite("Parquet row-group filter, randomized")
struct ParquetRowGroupFilterRandomTests {
    typealias Support = RowGroupFilterTestSupport

    static let schema = Schema([
        Field("i", .int64), Field("f", .float64), Field("g", .float32), Field("m", .decimal(precision: 12, scale: 3)),
        Field("s", .string), Field("t", .date), Field("ts", .timestamp), Field("flag", .boolean),
        Field("st", .struct([Field("x", .int32), Field("y", .string)])), Field("l", .list(.int64)),
    ])

    /// Columns predicates name, with one that does not exist and one inside a list.
    static let columns: [[String]] = [
        ["i"], ["f"], ["g"], ["m"], ["s"], ["t"], ["ts"], ["flag"], ["st", "x"], ["st", "y"], ["st"], ["l"],
        ["l", "list", "element"], ["nope"],
    ]

    static let characters: [String] = ["a", "b", "m", "z", "é", "😀", "\u{FFFF}", "A", "0"]
    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// How one row group's values of a column are drawn: around a center, nulls at a rate.
    struct Cluster {
        var center: Int64
        var spread: Int64
        var nullRate: Double
        var prefix: String

        init(using random: inout SeededRandom) {
            center = Int64.random(in: -200...200, using: &random)
            spread = [0, 1, 5, 40][Int.random(in: 0..<4, using: &random)]
            nullRate = [0, 0, 0.3, 1][Int.random(in: 0..<4, using: &random)]
            prefix = characters.randomElement(using: &random)!
        }

        func integer(using random: inout SeededRandom) -> Int64 {
            center + Int64.random(in: -spread...spread, using: &random)
        }
    }

    static func cell(column: Int, cluster: Cluster, using random: inout SeededRandom) -> Value {
        if Double.random(in: 0..<1, using: &random) < cluster.nullRate { return .null }
        let number = cluster.integer(using: &random)
        switch column {
        case 0: return .int(number)
        case 1:
            switch Int.random(in: 0..<40, using: &random) {
            case 0: return .double(.nan)
            case 1: return .double(.infinity)
            case 2: return .double(-0.0)
            default: return .double(Double(number) + Double(Int.random(in: 0..<4, using: &random)) / 4)
            }
        case 2: return .double(Double(Float(Double(number) / 3)))
        case 3: return .decimal(Int128(number) * 1_000 + Int128(Int.random(in: -999...999, using: &random)), scale: 3)
        case 4: return .string(text(prefix: cluster.prefix, using: &random))
        case 5: return .date(Int32(number))
        case 6: return .timestamp(number * microsecondsPerDay + Int64.random(in: -2...2, using: &random) * microsecondsPerDay / 2)
        case 7: return .boolean(cluster.spread == 0 ? cluster.center > 0 : Bool.random(using: &random))
        case 8:
            return .structure([
                NamedValue("x", Bool.random(using: &random) ? .null : .int(number)),
                NamedValue("y", .string(text(prefix: cluster.prefix, using: &random))),
            ])
        default: return .list((0..<Int.random(in: 0...2, using: &random)).map { _ in .int(cluster.integer(using: &random)) })
        }
    }

    static func text(prefix: String, using random: inout SeededRandom) -> String {
        prefix + (0..<Int.random(in: 0...3, using: &random)).map { _ in characters.randomElement(using: &random)! }.joined()
    }

    /// A literal for a predicate on `column`: usually a value the data holds, nudged or in
    /// another numeric or temporal kind; sometimes null or of an unrelated kind.
    static func literal(for column: [String], rows: [[Value]], using random: inout SeededRandom) -> Value {
        let roll = Int.random(in: 0..<20, using: &random)
        if roll == 0 { return .null }
        if roll == 1 { return [.string("b"), .int(3), .binary([0x61]), .boolean(true)].randomElement(using: &random)! }
        let existing = rows.randomElement(using: &random).flatMap { Support.value(at: column, in: $0, schema: schema) } ?? .null
        let offset = Int64.random(in: -2...2, using: &random)
        switch existing {
        case .int(let number):
            return [.int(number + offset), .double(Double(number) + Double(offset) / 2), .decimal(Int128(number) * 10 + Int128(offset), scale: 1)]
                .randomElement(using: &random)!
        case .double(let number):
            return [.double(number), .double(number + Double(offset) / 8), .int(Int64(number.isFinite ? number : 0) + offset), .double(.nan),
                    .decimal(Int128(number.isFinite ? number * 100 : 0) + Int128(offset), scale: 2)].randomElement(using: &random)!
        case .decimal(let unscaled, let scale):
            return [.decimal(unscaled + Int128(offset), scale: scale), .int(Int64(unscaled / 1_000) + offset),
                    .double(Double(unscaled) / 1_000 + Double(offset) / 3)].randomElement(using: &random)!
        case .string(let string):
            return [.string(string), .string(string + "a"), .string(String(string.dropLast())), .string(text(prefix: "", using: &random))]
                .randomElement(using: &random)!
        case .date(let days):
            return [.date(days + Int32(offset)), .timestamp(Int64(days) * microsecondsPerDay + offset)].randomElement(using: &random)!
        case .timestamp(let microseconds):
            return [.timestamp(microseconds + offset), .date(Int32(microseconds / microsecondsPerDay) + Int32(offset))]
                .randomElement(using: &random)!
        case .boolean(let flag):
            return .boolean(offset == 0 ? !flag : flag)
        default:
            return .int(offset)
        }
    }

    static func predicate(rows: [[Value]], depth: Int, using random: inout SeededRandom) -> ScanPredicate {
        let roll = Int.random(in: 0..<20, using: &random)
        if depth > 0, roll >= 16 {
            let children = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                predicate(rows: rows, depth: depth - 1, using: &random)
            }
            return roll % 2 == 0 ? .and(children) : .or(children)
        }
        let column = columns.randomElement(using: &random)!
        switch roll {
        case 0: return .isNull(column: column)
        case 1: return .isNotNull(column: column)
        case 2, 3:
            let values = (0..<Int.random(in: 0...3, using: &random)).map { _ in literal(for: column, rows: rows, using: &random) }
            return .in(column: column, values: values)
        default:
            let op = ComparisonOperator.allCases.randomElement(using: &random)!
            return .compare(column: column, op: op, value: literal(for: column, rows: rows, using: &random))
        }
    }

    @Test(arguments: UInt64(1)...12)
    func neverSkipsARowGroupWithAMatch(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let groups: [[[Value]]] = (0..<Int.random(in: 3...8, using: &random)).map { _ in
            let clusters = Self.schema.fields.indices.map { _ in Cluster(using: &random) }
            return (0..<Int.random(in: 1...30, using: &random)).map { _ in
                clusters.enumerated().map { column, cluster in Self.cell(column: column, cluster: cluster, using: &random) }
            }
        }
        let folder = try TemporaryFolder()
        let path = folder.file("random.parquet")
        try Support.write(groups, schema: Self.schema, to: path)
        let reader = try ParquetReader(path: path)
        let stored = try reader.readAll().map(\.rows)
        #expect(stored.map(\.count) == groups.map(\.count))
        let filter = ParquetRowGroupFilter(metadata: reader.metadata, fileSchema: reader.fileSchema)
        let allRows = stored.flatMap { $0 }

        var skipped = 0
        for round in 0..<300 {
            let predicate = Self.predicate(rows: allRows, depth: 2, using: &random)
            let kept = Set(filter.keptRowGroups(predicate))
            for (group, rows) in stored.enumerated() where !kept.contains(group) {
                skipped += 1
                let match = rows.first { row in
                    Support.mightMatch(predicate) { Support.value(at: $0, in: row, schema: Self.schema) }
                }
                #expect(match == nil, "seed \(seed): \(predicate) skips row group \(group), which holds \(match ?? [])")
            }
            if round % 50 == 0 {
                let filtered = try ParquetReader(path: path, options: ParquetReadOptions(predicate: predicate))
                let expected = stored.indices.filter(kept.contains).flatMap { stored[$0] }
                let difference = BatchComparison.firstDifference(expected: expected, actual: try filtered.readAll().flatMap(\.rows))
                #expect(difference == nil, "seed \(seed): \(predicate): \(difference ?? "")")
                #expect(filtered.rowGroupsSkipped == stored.count - kept.count)
            }
        }
        #expect(skipped > 100, "seed \(seed): the filter skipped only \(skipped) row groups")
    }
}
