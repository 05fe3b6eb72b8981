import Foundation
import Testing
import SluiceCore
@testable import SluiceEngine

/// One-million-row kernels: checks their results, and with SLUICE_KERNEL_TIMINGS=1 prints how
/// long each took (run in release builds to compare with the few-milliseconds target).
@Suite struct KernelPerformanceTests {
    typealias T = ExpressionTesting
    static let rowCount = 1_000_000

    static let batch: RecordBatch = {
        let a = Column(type: .int64, count: rowCount, validity: nil, storage: .int64((0..<rowCount).map { Int64($0) }))
        let b = Column(type: .int64, count: rowCount, validity: nil, storage: .int64((0..<rowCount).map { Int64($0 % 1000) }))
        let strings = ColumnBuilder(type: .string, capacity: rowCount)
        for row in 0..<rowCount { strings.append(string: row % 10 == 0 ? "user-x-\(row)" : "user-\(row)-abc") }
        return try! RecordBatch(schema: Schema([Field("a", .int64), Field("b", .int64), Field("s", .string)]),
                                columns: [a, b, strings.finish()])
    }()

    func timed<R>(_ label: String, _ body: () throws -> R) rethrows -> R {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        if ProcessInfo.processInfo.environment["SLUICE_KERNEL_TIMINGS"] == "1" {
            print("\(label): \(String(format: "%.2f", elapsed)) ms")
        }
        return result
    }

    @Test func addTwoMillionRowColumns() throws {
        let batch = Self.batch
        let sum = try T.call("+", T.column(batch, "a"), T.column(batch, "b"))
        _ = try ExpressionEvaluator.evaluate(sum, on: batch)
        let column = try timed("a + b") { try ExpressionEvaluator.evaluate(sum, on: batch) }
        #expect(column.count == Self.rowCount)
        #expect(column.value(at: 123_456) == .int(123_456 + 456))
    }

    @Test func comparisonFilter() throws {
        let batch = Self.batch
        let predicate = try T.call("<", T.column(batch, "b"), T.literal(.int(10), .int64))
        _ = try timed("broadcast 10") { try Column.constant(.int(10), .int64, count: Self.rowCount) }
        _ = try timed("b < 10 (evaluate)") { try ExpressionEvaluator.evaluate(predicate, on: batch) }
        let selected = try timed("b < 10 (select)") { try ExpressionEvaluator.select(predicate, on: batch) }
        #expect(selected.count == Self.rowCount / 100)
    }

    @Test func likeContains() throws {
        let batch = Self.batch
        let like = BoundExpression.like(T.column(batch, "s"), pattern: T.literal(.string("%x%"), .string), escape: nil, isNegated: false)
        let selected = try timed("s LIKE '%x%' (select)") { try ExpressionEvaluator.select(like, on: batch) }
        #expect(selected.count == Self.rowCount / 10)
    }
}
