/// Orders positions of a sorted input column by value (values present).
protocol PositionOrder {
    func less(_ a: Int, _ b: Int) -> Bool
}

/// Values compared by normalized keys (booleans, integers, dates, timestamps, floats).
struct NormalizedKeyOrder: PositionOrder {
    let keys: UnsafeBufferPointer<UInt64>
    @inline(__always) func less(_ a: Int, _ b: Int) -> Bool { keys[a] < keys[b] }
}

/// Decimal values compared by their unscaled integers (one scale per column).
struct DecimalOrder: PositionOrder {
    let values: UnsafeBufferPointer<Int128>
    @inline(__always) func less(_ a: Int, _ b: Int) -> Bool { values[a] < values[b] }
}

/// Text and binary values compared by bytes.
struct BytesOrder: PositionOrder {
    let offsets: UnsafeBufferPointer<Int32>
    let data: UnsafePointer<UInt8>?

    @inline(__always) func less(_ a: Int, _ b: Int) -> Bool {
        let aStart = Int(offsets[a])
        let bStart = Int(offsets[b])
        return RowComparator.compareBytes(
            data.map { $0 + aStart }, Int(offsets[a + 1]) - aStart,
            data.map { $0 + bStart }, Int(offsets[b + 1]) - bStart) < 0
    }
}

/// `min` / `max` over a sliding frame with a monotonic queue of positions: the front holds the
/// frame's extreme, and a row that can never be the extreme again leaves from the back. With
/// `keepsEveryRow` nothing leaves from the back and the front is the frame's first present
/// value (`arbitrary`). Results are positions of the sorted input (-1: null).
struct WindowExtremeAccumulator<Order: PositionOrder>: WindowAccumulator {
    let order: Order
    let validity: BitView
    let isMaximum: Bool
    let keepsEveryRow: Bool
    let queue: UnsafeMutableBufferPointer<Int32>
    let output: WindowResultBuffer
    private var head = 0
    private var tail = 0

    /// `queue` needs room for one partition's rows.
    init(order: Order, validity: BitView, isMaximum: Bool, keepsEveryRow: Bool, queue: UnsafeMutableBufferPointer<Int32>, output: WindowResultBuffer) {
        self.order = order
        self.validity = validity
        self.isMaximum = isMaximum
        self.keepsEveryRow = keepsEveryRow
        self.queue = queue
        self.output = output
    }

    mutating func add(_ position: Int) {
        guard validity.isSet(position) else { return }
        if !keepsEveryRow {
            while tail > head {
                let back = Int(queue[tail - 1])
                let dominated = isMaximum ? !order.less(position, back) : !order.less(back, position)
                guard dominated else { break }
                tail -= 1
            }
        }
        queue[tail] = Int32(truncatingIfNeeded: position)
        tail += 1
    }

    mutating func remove(_ position: Int) {
        if tail > head, Int(queue[head]) == position { head += 1 }
    }

    mutating func reset() {
        head = 0
        tail = 0
    }

    func write(_ position: Int) {
        output.rows[position] = tail > head ? queue[head] : -1
    }
}
