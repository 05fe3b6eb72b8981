/// Where partitions and peer groups begin among the sorted rows, read from the sorter's levels
/// (how many leading keys a row shares with the row before): a partition begins where a
/// partition key changes, a peer group where any key changes.
struct WindowLayout: Sendable {
    let levels: [UInt16]
    let partitionKeyCount: Int
    let keyCount: Int

    var count: Int { levels.count }

    @inline(__always)
    func startsPartition(_ position: Int) -> Bool {
        position == 0 || Int(levels[position]) < partitionKeyCount
    }

    @inline(__always)
    func startsPeerGroup(_ position: Int) -> Bool {
        position == 0 || Int(levels[position]) < keyCount
    }

    /// The partitions inside `range` (which starts at a partition start).
    func partitions(in range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        levels.withUnsafeBufferPointer { levels in
            for position in range.dropFirst() where Int(levels[position]) < partitionKeyCount {
                result.append(start..<position)
                start = position
            }
        }
        if start < range.upperBound { result.append(start..<range.upperBound) }
        return result
    }

    /// Up to `pieces` ranges covering every position, each beginning at a partition start, of
    /// about equal size (a partition is never split).
    func chunks(_ pieces: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        var bounds = [0]
        for piece in 1..<max(1, pieces) {
            var position = max(count * piece / pieces, bounds[bounds.count - 1] + 1)
            while position < count, !startsPartition(position) { position += 1 }
            if position < count { bounds.append(position) }
        }
        bounds.append(count)
        return (0..<bounds.count - 1).map { bounds[$0]..<bounds[$0 + 1] }
    }

    /// Each position's peer group bounds, as ``PeerGroups`` reads them.
    func peerGroups() -> (start: [Int32], end: [Int32]) {
        var start = [Int32](repeating: 0, count: count)
        var end = [Int32](repeating: 0, count: count)
        var groupStart: Int32 = 0
        for position in 0..<count {
            if startsPeerGroup(position) { groupStart = Int32(truncatingIfNeeded: position) }
            start[position] = groupStart
        }
        var groupEnd = Int32(truncatingIfNeeded: count)
        var position = count - 1
        while position >= 0 {
            end[position] = groupEnd
            if startsPeerGroup(position) { groupEnd = Int32(truncatingIfNeeded: position) }
            position -= 1
        }
        return (start, end)
    }
}
