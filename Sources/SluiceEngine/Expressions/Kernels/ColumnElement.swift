import SluiceCore

/// A fixed-width value type that a ``ColumnStorage`` case holds in a contiguous array, so kernels
/// can be written once, generically, and specialized per type by the compiler.
protocol ColumnElement: BitwiseCopyable {
    /// The buffer of `storage` when it holds this element type.
    static func values(in storage: ColumnStorage) -> [Self]?
    /// Storage wrapping `values`.
    static func storage(_ values: [Self]) -> ColumnStorage
}

extension Int8: ColumnElement {
    static func values(in storage: ColumnStorage) -> [Int8]? { if case .int8(let v) = storage { v } else { nil } }
    static func storage(_ values: [Int8]) -> ColumnStorage { .int8(values) }
}

extension Int16: ColumnElement {
    static func values(in storage: ColumnStorage) -> [Int16]? { if case .int16(let v) = storage { v } else { nil } }
    static func storage(_ values: [Int16]) -> ColumnStorage { .int16(values) }
}

extension Int32: ColumnElement {
    static func values(in storage: ColumnStorage) -> [Int32]? { if case .int32(let v) = storage { v } else { nil } }
    static func storage(_ values: [Int32]) -> ColumnStorage { .int32(values) }
}

extension Int64: ColumnElement {
    static func values(in storage: ColumnStorage) -> [Int64]? { if case .int64(let v) = storage { v } else { nil } }
    static func storage(_ values: [Int64]) -> ColumnStorage { .int64(values) }
}

extension Float: ColumnElement {
    static func values(in storage: ColumnStorage) -> [Float]? { if case .float32(let v) = storage { v } else { nil } }
    static func storage(_ values: [Float]) -> ColumnStorage { .float32(values) }
}

extension Double: ColumnElement {
    static func values(in storage: ColumnStorage) -> [Double]? { if case .float64(let v) = storage { v } else { nil } }
    static func storage(_ values: [Double]) -> ColumnStorage { .float64(values) }
}

extension Int128: ColumnElement {
    static func values(in storage: ColumnStorage) -> [Int128]? { if case .decimal(let v) = storage { v } else { nil } }
    static func storage(_ values: [Int128]) -> ColumnStorage { .decimal(values) }
}

extension Column {
    /// The typed buffer of this column; a mismatch is a bug in the caller (the binder and the
    /// registry agree on types before kernels run).
    func elements<T: ColumnElement>(_: T.Type = T.self) throws(SluiceError) -> [T] {
        guard let values = T.values(in: storage) else {
            throw SluiceError.internal("A kernel expected \(T.self) values but got a \(type) column.", domain: .query)
        }
        return values
    }

    /// The bits of a boolean column.
    func booleanBits() throws(SluiceError) -> Bitmap {
        guard case .boolean(let bits) = storage else {
            throw SluiceError.internal("A kernel expected a boolean column but got \(type).", domain: .query)
        }
        return bits
    }

    /// Offsets and bytes of a string or binary column.
    func byteBuffers() throws(SluiceError) -> (offsets: [Int32], data: [UInt8]) {
        guard case .bytes(let offsets, let data) = storage else {
            throw SluiceError.internal("A kernel expected a string column but got \(type).", domain: .query)
        }
        return (offsets, data)
    }

    /// Offsets and element column of a list or map column.
    func listBuffers() throws(SluiceError) -> (offsets: [Int32], values: Column) {
        guard case .list(let offsets, let values) = storage else {
            throw SluiceError.internal("A kernel expected an array or map column but got \(type).", domain: .query)
        }
        return (offsets, values)
    }

    /// Child columns of a struct column.
    func structChildren() throws(SluiceError) -> [Column] {
        guard case .structure(let children) = storage else {
            throw SluiceError.internal("A kernel expected a struct column but got \(type).", domain: .query)
        }
        return children
    }

    /// A column of `type` over `values`, with `validity` (nil when no value is null).
    static func make<T: ColumnElement>(_ type: DataType, _ values: [T], validity: Bitmap?) -> Column {
        Column(type: type, count: values.count, validity: validity, storage: T.storage(values))
    }
}

/// Builds an array of `count` elements by writing each slot (no per-element append checks).
@inline(__always)
func makeArray<T>(count: Int, _ body: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        body(buffer)
        initialized = count
    }
}
