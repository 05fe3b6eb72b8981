extension Column {
    /// A string column holding `text` `count` times (partition values, constants): offsets step
    /// by the text's length over the repeated bytes, with a one-value ``ColumnDictionary``.
    public static func repeating(string text: String, count: Int) -> Column {
        let bytes = Array(text.utf8)
        let length = bytes.count
        let offsets = [Int32](unsafeUninitializedCapacity: count + 1) { buffer, initialized in
            for index in 0...count { buffer[index] = Int32(truncatingIfNeeded: index * length) }
            initialized = count + 1
        }
        let data = [UInt8](unsafeUninitializedCapacity: length * count) { buffer, initialized in
            bytes.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = buffer.baseAddress, length > 0 else { return }
                // Copy once, then double the filled prefix until the buffer is full.
                to.update(from: from, count: length)
                var filled = length
                while filled < length * count {
                    let chunk = min(filled, length * count - filled)
                    (to + filled).update(from: to, count: chunk)
                    filled += chunk
                }
            }
            initialized = length * count
        }
        let value = Column(type: .string, count: 1, validity: nil, storage: .bytes(offsets: [0, Int32(truncatingIfNeeded: length)], data: bytes))
        return Column(type: .string, count: count, validity: nil, storage: .bytes(offsets: offsets, data: data),
                      dictionary: ColumnDictionary(values: value, indices: nil))
    }

    /// A column of `type` holding `value` `count` times (null: all null).
    public static func repeating(_ value: Value, type: DataType, count: Int) throws(SluiceError) -> Column {
        if case .string(let text) = value, type == .string { return repeating(string: text, count: count) }
        let builder = ColumnBuilder(type: type, capacity: count)
        for _ in 0..<count { try builder.append(value: value) }
        return builder.finish()
    }
}
