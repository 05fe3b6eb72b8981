extension Column {
    /// A string column holding `text` `count` times (partition values, constants): offsets step
    /// by the text's length over the repeated bytes.
    public static func repeating(string text: String, count: Int) -> Column {
        let bytes = Array(text.utf8)
        let length = Int32(bytes.count)
        var offsets = [Int32](repeating: 0, count: count + 1)
        var data: [UInt8] = []
        data.reserveCapacity(bytes.count * count)
        for index in 0..<count {
            data.append(contentsOf: bytes)
            offsets[index + 1] = Int32(index + 1) * length
        }
        return Column(type: .string, count: count, validity: nil, storage: .bytes(offsets: offsets, data: data))
    }

    /// A column of `type` holding `value` `count` times (null: all null).
    public static func repeating(_ value: Value, type: DataType, count: Int) throws(SluiceError) -> Column {
        if case .string(let text) = value, type == .string { return repeating(string: text, count: count) }
        let builder = ColumnBuilder(type: type, capacity: count)
        for _ in 0..<count { try builder.append(value: value) }
        return builder.finish()
    }
}
