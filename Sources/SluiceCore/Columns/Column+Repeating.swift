extension Column {
    /// A string column holding `text` `count` times (partition values, constants): a one-value
    /// ``ColumnDictionary`` whose bytes are repeated only if something reads them.
    public static func repeating(string text: String, count: Int) -> Column {
        let bytes = Array(text.utf8)
        let value = Column(type: .string, count: 1, validity: nil, storage: .bytes(offsets: [0, Int32(truncatingIfNeeded: bytes.count)], data: bytes))
        return Column(type: .string, count: count, validity: nil, dictionary: ColumnDictionary(values: value, indices: nil))
    }

    /// A column of `type` holding `value` `count` times (null: all null).
    public static func repeating(_ value: Value, type: DataType, count: Int) throws(SluiceError) -> Column {
        if case .string(let text) = value, type == .string { return repeating(string: text, count: count) }
        let builder = ColumnBuilder(type: type, capacity: count)
        for _ in 0..<count { try builder.append(value: value) }
        return builder.finish()
    }
}
