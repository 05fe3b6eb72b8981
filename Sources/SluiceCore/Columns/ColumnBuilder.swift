/// Appends values of one ``DataType`` into growing buffers and hands out an immutable
/// ``Column``. Readers write into builders directly, so the append methods take plain Swift
/// scalars and byte buffers — no ``Value`` boxing on hot paths.
///
/// The caller appends values that fit the builder's type: integers through
/// ``append(int:)`` into any integer type (the caller checks the range), doubles into
/// float types, and so on. Struct builders expose ``children``; append each child's
/// value and then ``appendStructSlot()``. List (and map) builders expose ``listValues``;
/// append the elements and then ``closeList()``.
public final class ColumnBuilder {
    public let type: DataType
    public private(set) var count = 0

    // Validity stays empty until the first null; then it is filled with the earlier `true`s.
    private var validity = BitmapBuilder()
    private var hasNulls = false

    private var booleans = BitmapBuilder()
    // Raw buffers (freed in deinit): appends skip Array's uniqueness checks.
    private var int8s = RawAccumulator<Int8>()
    private var int16s = RawAccumulator<Int16>()
    private var int32s = RawAccumulator<Int32>()
    private var int64s = RawAccumulator<Int64>()
    private var float32s = RawAccumulator<Float>()
    private var float64s = RawAccumulator<Double>()
    private var decimals = RawAccumulator<Int128>()
    private var offsets = RawAccumulator<Int32>()
    private var bytes = RawAccumulator<UInt8>()

    /// Builders for each struct field (empty for other types).
    public let children: [ColumnBuilder]
    /// Builder for list elements; for a map, a builder of `struct<key, value>` entries.
    public let listValues: ColumnBuilder?

    private let kind: Kind

    private enum Kind {
        case boolean, int8, int16, int32, int64, float32, float64, decimal, bytes, structure, list
    }

    public init(type: DataType, capacity: Int = 0) {
        self.type = type
        switch type {
        case .boolean: kind = .boolean
        case .int8: kind = .int8
        case .int16: kind = .int16
        case .int32, .date: kind = .int32
        case .int64, .timestamp: kind = .int64
        case .float32: kind = .float32
        case .float64: kind = .float64
        case .decimal: kind = .decimal
        case .string, .binary: kind = .bytes
        case .struct: kind = .structure
        case .list, .map: kind = .list
        }
        switch type {
        case .struct(let fields):
            children = fields.map { ColumnBuilder(type: $0.type, capacity: capacity) }
            listValues = nil
        case .list(let element):
            children = []
            listValues = ColumnBuilder(type: element)
        case .map(let key, let value):
            children = []
            listValues = ColumnBuilder(type: ColumnBuilder.mapEntryType(key: key, value: value))
        default:
            children = []
            listValues = nil
        }
        reserveCapacity(capacity)
        if kind == .bytes || kind == .list { offsets.append(0) }
    }

    /// A struct builder over existing field builders, e.g. to decode whole records into the
    /// columns of a ``RecordBatchBuilder`` through one struct decoder.
    public init(adopting fieldBuilders: [ColumnBuilder], type: DataType) {
        guard case .struct(let fields) = type, fields.count == fieldBuilders.count else {
            preconditionFailure("ColumnBuilder(adopting:) needs a struct type with one field per builder")
        }
        self.type = type
        kind = .structure
        children = fieldBuilders
        listValues = nil
    }

    deinit {
        int8s.deallocate()
        int16s.deallocate()
        int32s.deallocate()
        int64s.deallocate()
        float32s.deallocate()
        float64s.deallocate()
        decimals.deallocate()
        offsets.deallocate()
        bytes.deallocate()
    }

    /// The struct type a map stores its entries as.
    public static func mapEntryType(key: DataType, value: DataType) -> DataType {
        .struct([Field("key", key, isNullable: false), Field("value", value)])
    }

    public func reserveCapacity(_ capacity: Int) {
        guard capacity > 0 else { return }
        switch kind {
        case .int8: int8s.reserveCapacity(capacity)
        case .int16: int16s.reserveCapacity(capacity)
        case .int32: int32s.reserveCapacity(capacity)
        case .int64: int64s.reserveCapacity(capacity)
        case .float32: float32s.reserveCapacity(capacity)
        case .float64: float64s.reserveCapacity(capacity)
        case .decimal: decimals.reserveCapacity(capacity)
        case .bytes, .list: offsets.reserveCapacity(capacity + 1)
        case .boolean, .structure: break
        }
    }

    @inline(__always)
    private func markValid() {
        if hasNulls { validity.append(true) }
        count += 1
    }

    /// Appends a null. For structs, children get a null too; for lists, an empty slot.
    public func appendNull() {
        if !hasNulls {
            hasNulls = true
            validity.append(true, count: count)
        }
        validity.append(false)
        count += 1
        switch kind {
        case .boolean: booleans.append(false)
        case .int8: int8s.append(0)
        case .int16: int16s.append(0)
        case .int32: int32s.append(0)
        case .int64: int64s.append(0)
        case .float32: float32s.append(0)
        case .float64: float64s.append(0)
        case .decimal: decimals.append(0)
        case .bytes: offsets.append(Int32(truncatingIfNeeded: bytes.count))
        case .structure: for child in children { child.appendNull() }
        case .list: offsets.append(offsets.last ?? 0)
        }
    }

    public func append(bool value: Bool) {
        assert(kind == .boolean, "append(bool:) on a \(type) builder")
        booleans.append(value)
        markValid()
    }

    /// Appends an integer to any integer, date, timestamp or decimal builder
    /// (a decimal receives it as an unscaled value).
    @inline(__always)
    public func append(int value: Int64) {
        switch kind {
        case .int64: int64s.append(value)
        case .int32: int32s.append(Int32(truncatingIfNeeded: value))
        case .int16: int16s.append(Int16(truncatingIfNeeded: value))
        case .int8: int8s.append(Int8(truncatingIfNeeded: value))
        case .decimal: decimals.append(Int128(value))
        case .float64: float64s.append(Double(value))
        case .float32: float32s.append(Float(value))
        default: preconditionFailure("append(int:) on a \(type) builder")
        }
        markValid()
    }

    @inline(__always)
    public func append(double value: Double) {
        switch kind {
        case .float64: float64s.append(value)
        case .float32: float32s.append(Float(value))
        default: preconditionFailure("append(double:) on a \(type) builder")
        }
        markValid()
    }

    /// Appends an unscaled decimal value.
    public func append(decimal unscaled: Int128) {
        assert(kind == .decimal, "append(decimal:) on a \(type) builder")
        decimals.append(unscaled)
        markValid()
    }

    /// Appends UTF-8 text or raw bytes to a string or binary builder.
    @inline(__always)
    public func append(bytes value: UnsafeRawBufferPointer) {
        assert(kind == .bytes, "append(bytes:) on a \(type) builder")
        bytes.append(value)
        offsets.append(Int32(truncatingIfNeeded: bytes.count))
        markValid()
    }

    public func append(string value: String) {
        var value = value
        value.withUTF8 { append(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Starts a string value whose bytes arrive in pieces through ``appendStringPiece(_:)``;
    /// finish it with ``closeString()``.
    @inline(__always)
    public func appendStringPiece(_ piece: UnsafeRawBufferPointer) {
        bytes.append(piece)
    }

    @inline(__always)
    public func appendStringByte(_ byte: UInt8) {
        bytes.append(byte)
    }

    @inline(__always)
    public func closeString() {
        offsets.append(Int32(truncatingIfNeeded: bytes.count))
        markValid()
    }

    /// Closes a present struct value after each child received its value.
    public func appendStructSlot() {
        assert(kind == .structure, "appendStructSlot() on a \(type) builder")
        markValid()
    }

    /// Closes a present list (or map) whose elements were appended to ``listValues``.
    public func closeList() {
        assert(kind == .list, "closeList() on a \(type) builder")
        offsets.append(Int32(truncatingIfNeeded: listValues!.count))
        markValid()
    }

    /// Drops values so that `newCount` remain (children and string bytes included): readers
    /// use it to take back a half-read record that turned out to be bad.
    public func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "truncate(to: \(newCount)) on a builder of \(count) values")
        guard newCount < count else { return }
        switch kind {
        case .boolean: booleans.truncate(to: newCount)
        case .int8: int8s.removeLast(count - newCount)
        case .int16: int16s.removeLast(count - newCount)
        case .int32: int32s.removeLast(count - newCount)
        case .int64: int64s.removeLast(count - newCount)
        case .float32: float32s.removeLast(count - newCount)
        case .float64: float64s.removeLast(count - newCount)
        case .decimal: decimals.removeLast(count - newCount)
        case .bytes:
            bytes.truncate(to: Int(offsets[newCount]))
            offsets.removeLast(count - newCount)
        case .structure: for child in children { child.truncate(to: newCount) }
        case .list:
            listValues!.truncate(to: Int(offsets[newCount]))
            offsets.removeLast(count - newCount)
        }
        if hasNulls { validity.truncate(to: newCount) }
        count = newCount
    }

    /// Returns the column built so far and starts over, keeping the type.
    public func finish() -> Column {
        let validityBitmap: Bitmap? = hasNulls ? validity.finish() : nil
        let storage: ColumnStorage
        switch kind {
        case .boolean: storage = .boolean(booleans.finish())
        case .int8: storage = .int8(int8s.takeArray())
        case .int16: storage = .int16(int16s.takeArray())
        case .int32: storage = .int32(int32s.takeArray())
        case .int64: storage = .int64(int64s.takeArray())
        case .float32: storage = .float32(float32s.takeArray())
        case .float64: storage = .float64(float64s.takeArray())
        case .decimal: storage = .decimal(decimals.takeArray())
        case .bytes:
            storage = .bytes(offsets: offsets.takeArray(), data: bytes.takeArray())
            offsets.append(0)
        case .structure: storage = .structure(children.map { $0.finish() })
        case .list:
            storage = .list(offsets: offsets.takeArray(), values: listValues!.finish())
            offsets.append(0)
        }
        let column = Column(type: type, count: count, validity: validityBitmap, storage: storage)
        count = 0
        hasNulls = false
        validity = BitmapBuilder()
        return column
    }

    /// Bytes held by the builder so far (approximate), for flushing batches by size.
    public var byteCount: Int {
        var total = int8s.count + int16s.count * 2 + int32s.count * 4 + int64s.count * 8
        total += float32s.count * 4 + float64s.count * 8 + decimals.count * 16
        total += bytes.count + offsets.count * 4 + booleans.count / 8 + validity.count / 8
        for child in children { total += child.byteCount }
        if let listValues { total += listValues.byteCount }
        return total
    }
}
