import Testing
import SluiceCore
@testable import SluiceEngine
import SluiceTestSupport

@Suite struct SetOperationTests {
    static let schema = Schema([Field("a", .int64), Field("b", .string), Field("c", .decimal(precision: 6, scale: 1))])

    static func randomRows(count: Int, seed: UInt64) -> [[Value]] {
        var random = SeededRandom(seed: seed)
        func maybeNull(_ value: Value) -> Value { Int.random(in: 0..<10, using: &random) == 0 ? .null : value }
        return (0..<count).map { _ in
            [maybeNull(.int(Int64.random(in: 0..<4, using: &random))), maybeNull(.string(["p", "q", ""][Int.random(in: 0..<3, using: &random)])),
             maybeNull(.decimal(Int128(Int.random(in: 0..<2, using: &random)), scale: 1))]
        }
    }

    static func reference(_ left: [[Value]], _ right: [[Value]], kind: SetOperationKind, isAll: Bool) -> [[Value]] {
        var rightCounts: [[Value]: Int] = [:]
        for row in right { rightCounts[row, default: 0] += 1 }
        var leftCounts: [[Value]: Int] = [:]
        var order: [[Value]] = []
        for row in left {
            if leftCounts[row] == nil { order.append(row) }
            leftCounts[row, default: 0] += 1
        }
        return order.flatMap { row -> [[Value]] in
            let l = leftCounts[row] ?? 0
            let r = rightCounts[row] ?? 0
            let copies = switch (kind, isAll) {
            case (.intersect, false): r > 0 ? 1 : 0
            case (.except, false): r == 0 ? 1 : 0
            case (.intersect, true): min(l, r)
            case (.except, true): max(l - r, 0)
            }
            return Array(repeating: row, count: copies)
        }
    }

    @Test(arguments: [SetOperationKind.intersect, .except], [false, true])
    func matchesReference(kind: SetOperationKind, isAll: Bool) throws {
        let left = Self.randomRows(count: 500, seed: 1)
        let right = Self.randomRows(count: 300, seed: 2)
        for (leftRows, rightRows) in [(left, right), (left, []), ([], right)] {
            let operation = try PhysicalSetOperation(
                left: try HashTestSupport.lanes(Self.schema, leftRows, laneCount: 1)[0],
                right: try HashTestSupport.lanes(Self.schema, rightRows, laneCount: 1)[0], kind: kind, isAll: isAll)
            // Rows come in order of first appearance on the left.
            expectRowsEqual(try HashTestSupport.rows(operation), Self.reference(leftRows, rightRows, kind: kind, isAll: isAll), columnNames: [],
                            "\(kind) all \(isAll) left \(leftRows.count) right \(rightRows.count)")
        }
    }

    @Test func nullsCompareEqual() throws {
        let left: [[Value]] = [[.null, .null, .null], [.null, .null, .null], [.int(1), .null, .null]]
        let right: [[Value]] = [[.null, .null, .null]]
        let operation = try PhysicalSetOperation(
            left: try HashTestSupport.lanes(Self.schema, left, laneCount: 1)[0],
            right: try HashTestSupport.lanes(Self.schema, right, laneCount: 1)[0], kind: .intersect, isAll: false)
        #expect(try HashTestSupport.rows(operation) == [[.null, .null, .null]])
        #expect(operation.explainLine == "SetOperation INTERSECT distinct")
    }

    @Test func mismatchedSidesAreRefused() {
        let other = Schema([Field("a", .int32), Field("b", .string), Field("c", .decimal(precision: 6, scale: 1))])
        let error = HashTestSupport.error {
            _ = try PhysicalSetOperation(left: BatchesOperator(schema: Self.schema, batches: []), right: BatchesOperator(schema: other, batches: []),
                                         kind: .except, isAll: true)
        }
        #expect(error?.message == "EXCEPT got columns (bigint, string, decimal(6,1)) on the left and (int, string, decimal(6,1)) on the right; "
            + "the planner casts both sides to one row type.")
    }
}
