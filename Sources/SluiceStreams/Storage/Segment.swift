/// One file of a shard's log, `<position of its first record, 20 digits>.log`, and what the
/// log knows about it without reading it again: its size, the positions it holds, the last
/// arrival time (for retention) and a sparse index from positions to byte offsets.
struct Segment: Sendable {
    /// Every this many records the index remembers a frame's offset; a read scans at most
    /// this many frames to reach its position.
    static let indexInterval: UInt64 = 64

    var basePosition: UInt64
    var path: String
    var sizeBytes: Int
    /// One past the last record's position (`basePosition` when empty).
    var endPosition: UInt64
    var lastArrivalMilliseconds: Int64?
    /// (position, byte offset) of every `indexInterval`-th record, ascending.
    var index: [(position: UInt64, offset: Int)]

    init(basePosition: UInt64, path: String) {
        self.basePosition = basePosition
        self.path = path
        self.sizeBytes = 0
        self.endPosition = basePosition
        self.lastArrivalMilliseconds = nil
        self.index = []
    }

    static func fileName(basePosition: UInt64) -> String {
        let digits = String(basePosition)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + ".log"
    }

    static func basePosition(fileName: String) -> UInt64? {
        guard fileName.hasSuffix(".log"), fileName.utf8.count == 24 else { return nil }
        return UInt64(fileName.dropLast(4))
    }

    /// Notes a frame written (or found) at `offset`.
    mutating func noteFrame(position: UInt64, offset: Int, frameBytes: Int, arrivalMilliseconds: Int64) {
        if index.isEmpty || position - index[index.count - 1].position >= Segment.indexInterval {
            index.append((position, offset))
        }
        endPosition = position + 1
        sizeBytes = offset + frameBytes
        lastArrivalMilliseconds = arrivalMilliseconds
    }

    /// The byte offset to start scanning from to reach `position`.
    func scanStart(for position: UInt64) -> Int {
        var low = 0
        var high = index.count
        while low < high {
            let middle = (low + high) / 2
            if index[middle].position <= position { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : index[low - 1].offset
    }
}
