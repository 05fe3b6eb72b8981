import SluiceCore
@testable import SluiceEngine
import Testing

/// The levels a sort reports (where partitions and peer groups begin, for windows) stay right
/// when a large run of packed keys is split into buckets by its top digit.
@Suite struct RowSorterLevelTests {
    @Test(arguments: [1, 2])
    func packedKeysSplitIntoBucketsReportPartitionStartsOnly(threads: Int) throws {
        // 150,000 ids need 18 bits; the top-digit split then cuts partitions in the middle.
        let count = 150_000
        let partitions = (0..<count).map { Int64(($0 + 1) % 100) }
        let ids = (0..<count).map { Int64($0 + 1) }
        let columns = [
            Column(type: .int64, count: count, validity: nil, storage: .int64(partitions)),
            Column(type: .int64, count: count, validity: nil, storage: .int64(ids)),
        ]
        let sorter = try RowSorter(batchColumns: columns, keys: [SortKey(column: 0), SortKey(column: 1)])
        let (permutation, levels) = sorter.sort(count: count, threads: threads, levels: true)
        let reported = try #require(levels)
        var wrong: [Int] = []
        for position in 1..<count {
            let previous = Int(permutation[position - 1])
            let current = Int(permutation[position])
            let expected: UInt16 = partitions[previous] != partitions[current] ? 0 : 1
            if reported[position] != expected { wrong.append(position) }
        }
        #expect(wrong.count == 0, "\(wrong.count) positions with wrong levels, first at \(wrong.first ?? -1)")
        #expect(zip(permutation.dropFirst(), permutation).allSatisfy { current, previous in
            (partitions[Int(previous)], ids[Int(previous)]) < (partitions[Int(current)], ids[Int(current)])
        })
    }
}
