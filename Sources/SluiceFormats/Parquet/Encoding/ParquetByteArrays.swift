/// Byte-array values as the decoders and encoders exchange them: offsets into one byte buffer,
/// the layout of a `ColumnStorage.bytes` column.
public struct ParquetByteArrays: Sendable, Equatable {
    /// `count + 1` offsets starting at 0; value `i` is `data[offsets[i] ..< offsets[i + 1]]`.
    public var offsets: [Int32]
    public var data: [UInt8]

    public init() {
        offsets = [0]
        data = []
    }

    public init(offsets: [Int32], data: [UInt8]) {
        precondition(offsets.first == 0 && Int(offsets.last!) == data.count, "offsets must run from 0 to data.count")
        self.offsets = offsets
        self.data = data
    }

    /// Values made of the given byte sequences.
    public init<Values: Sequence>(_ values: Values) where Values.Element: Collection<UInt8> {
        self.init()
        for value in values { append(value) }
    }

    public var count: Int { offsets.count - 1 }

    public subscript(index: Int) -> ArraySlice<UInt8> {
        data[Int(offsets[index])..<Int(offsets[index + 1])]
    }

    public mutating func append<Value: Collection<UInt8>>(_ value: Value) {
        data.append(contentsOf: value)
        offsets.append(Int32(data.count))
    }

    /// Drops values past the first `count` (to undo a decode that failed halfway).
    mutating func truncate(to count: Int) {
        offsets.removeLast(offsets.count - 1 - count)
        data.removeLast(data.count - Int(offsets[count]))
    }
}
