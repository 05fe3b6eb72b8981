import SluiceCore

extension Column {
    /// A column of `count` copies of `value` as `type` (a literal broadcast to a batch).
    /// A value that does not fit the type is a bug in the binder.
    static func constant(_ value: Value, _ type: DataType, count: Int) throws(SluiceError) -> Column {
        let builder = ColumnBuilder(type: type, capacity: 1)
        do {
            try builder.append(value: value)
        } catch {
            // A literal written in another type (a string for a date, a double for a decimal…)
            // converts like a CAST.
            guard let natural = naturalType(of: value) else {
                throw SluiceError.internal("The literal \(value.displayText) does not fit its type \(type).", domain: .query)
            }
            let one = try constant(value, natural, count: 1)
            return try CastKernels.cast(one, to: type, isTry: false).repeated(count: count)
        }
        return builder.finish().repeated(count: count)
    }

    /// The type a boxed scalar value has on its own.
    private static func naturalType(of value: Value) -> DataType? {
        switch value {
        case .boolean: .boolean
        case .int: .int64
        case .double: .float64
        case .decimal(_, let scale): .decimal(precision: DataType.maximumDecimalPrecision, scale: scale)
        case .string: .string
        case .binary: .binary
        case .date: .date
        case .timestamp: .timestamp
        default: nil
        }
    }

    /// A one-row column repeated `count` times.
    func repeated(count: Int) -> Column {
        precondition(self.count == 1, "repeated(count:) needs a one-row column")
        if count == 1 { return self }
        let repeatedValidity: Bitmap? = isNull(0) ? Bitmap(repeating: false, count: count) : nil
        let newStorage: ColumnStorage
        switch storage {
        case .boolean(let bits): newStorage = .boolean(Bitmap(repeating: bits[0], count: count))
        case .int8(let values): newStorage = .int8(Array(repeating: values[0], count: count))
        case .int16(let values): newStorage = .int16(Array(repeating: values[0], count: count))
        case .int32(let values): newStorage = .int32(Array(repeating: values[0], count: count))
        case .int64(let values): newStorage = .int64(Array(repeating: values[0], count: count))
        case .float32(let values): newStorage = .float32(Array(repeating: values[0], count: count))
        case .float64(let values): newStorage = .float64(Array(repeating: values[0], count: count))
        case .decimal(let values): newStorage = .decimal(Array(repeating: values[0], count: count))
        case .bytes(let offsets, let data):
            let length = Int(offsets[1] - offsets[0])
            let one = Array(data[Int(offsets[0])..<Int(offsets[1])])
            var newData: [UInt8] = []
            newData.reserveCapacity(length * count)
            for _ in 0..<count { newData.append(contentsOf: one) }
            let newOffsets: [Int32] = makeArray(count: count + 1) { offsets in
                for index in 0...count { offsets[index] = Int32(truncatingIfNeeded: index * length) }
            }
            newStorage = .bytes(offsets: newOffsets, data: newData)
        case .structure, .list:
            return take([Int32](repeating: 0, count: count))
        }
        return Column(type: type, count: count, validity: repeatedValidity, storage: newStorage)
    }
}
