import SluiceCore

/// The results of one window call for every sorted position, in raw memory that the evaluation
/// threads fill in disjoint position ranges; the output batches read slices of it.
/// `@unchecked Sendable`: each position is written by exactly one thread, and read only after
/// all threads finished; the buffers are owned, freed in deinit.
final class WindowResultBuffer: @unchecked Sendable {
    let storage: WindowCallPlan.Storage
    let count: Int
    /// Integer results (`integer`), or row positions (`rows`, as Int32 below).
    let integers: UnsafeMutableBufferPointer<Int64>
    let doubles: UnsafeMutableBufferPointer<Double>
    /// Decimal results, already at the result type's scale.
    let decimals: UnsafeMutableBufferPointer<Int128>
    let rows: UnsafeMutableBufferPointer<Int32>
    /// 1 where a result is present (integer, double, decimal and boolean storage); for boolean
    /// storage, 2 marks a present `true`.
    let presence: UnsafeMutableBufferPointer<UInt8>

    init(storage: WindowCallPlan.Storage, count: Int) {
        self.storage = storage
        self.count = count
        func allocate<T>(_ wanted: Bool, _ zero: T) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: wanted ? count : 0)
            buffer.initialize(repeating: zero)
            return buffer
        }
        var isInteger = false, isDouble = false, isDecimal = false, isRows = false
        switch storage {
        case .integer: isInteger = true
        case .double: isDouble = true
        case .decimal: isDecimal = true
        case .rows: isRows = true
        case .boolean: break
        }
        integers = allocate(isInteger, 0)
        doubles = allocate(isDouble, 0)
        decimals = allocate(isDecimal, 0)
        rows = allocate(isRows, -1)
        presence = allocate(!isRows, 0)
    }

    deinit {
        integers.deallocate()
        doubles.deallocate()
        decimals.deallocate()
        rows.deallocate()
        presence.deallocate()
    }

    /// The results at positions `range` as a column of `type`. Row results are gathered from
    /// `sortedInput` (the call's argument in sorted order) and `defaultValue`.
    func column(_ range: Range<Int>, type: DataType, sortedInput: Column?, defaultValue: Column?) throws(SluiceError) -> Column {
        let count = range.count
        if case .rows = storage {
            guard let sortedInput else { throw SluiceError.internal("A window result gathers rows without an input.", domain: .query) }
            var sourceRows = Array(rows[range])
            var sources: [UInt32]?
            if let defaultValue {
                var marks = [UInt32](repeating: 0, count: count)
                for index in 0..<count where sourceRows[index] == -2 {
                    marks[index] = 1
                    sourceRows[index] = 0
                }
                sources = marks
                return try ColumnGather.gather([sortedInput, defaultValue], type: type, sourceOf: sources, rows: sourceRows)
            }
            for index in 0..<count where sourceRows[index] < 0 { sourceRows[index] = -1 }
            return try ColumnGather.gather([sortedInput], type: type, rows: sourceRows)
        }
        var validity = BitAppender(capacity: count)
        var present = 0
        var values = BitAppender(capacity: count)
        for position in range {
            let flag = presence[position]
            validity.append(word: flag != 0 ? 1 : 0, bits: 1)
            if flag != 0 { present += 1 }
            if case .boolean = storage { values.append(word: flag == 2 ? 1 : 0, bits: 1) }
        }
        let bitmap: Bitmap? = present == count ? nil : validity.finish()
        let columnStorage: ColumnStorage
        switch (storage, type) {
        case (.integer, _): columnStorage = .int64(Array(integers[range]))
        case (.double, .float32): columnStorage = .float32(doubles[range].map { Float($0) })
        case (.double, _): columnStorage = .float64(Array(doubles[range]))
        case (.decimal, _): columnStorage = .decimal(Array(decimals[range]))
        case (.boolean, _): columnStorage = .boolean(values.finish())
        case (.rows, _): columnStorage = .int64([])
        }
        return Column(type: type, count: count, validity: bitmap, storage: columnStorage)
    }
}
