import SluiceCore

/// A fixed-width value type a ``ColumnStorage`` case holds, so that typed aggregate loops can
/// read a column's buffer and build a result column generically.
protocol ColumnElement: BitwiseCopyable, Comparable, AdditiveArithmetic {
    /// The column's values when its storage holds this type.
    static func values(of storage: ColumnStorage) -> [Self]?
    static func storage(_ values: [Self]) -> ColumnStorage
}

extension Int8: ColumnElement {
    static func values(of storage: ColumnStorage) -> [Int8]? { if case .int8(let values) = storage { values } else { nil } }
    static func storage(_ values: [Int8]) -> ColumnStorage { .int8(values) }
}

extension Int16: ColumnElement {
    static func values(of storage: ColumnStorage) -> [Int16]? { if case .int16(let values) = storage { values } else { nil } }
    static func storage(_ values: [Int16]) -> ColumnStorage { .int16(values) }
}

extension Int32: ColumnElement {
    static func values(of storage: ColumnStorage) -> [Int32]? { if case .int32(let values) = storage { values } else { nil } }
    static func storage(_ values: [Int32]) -> ColumnStorage { .int32(values) }
}

extension Int64: ColumnElement {
    static func values(of storage: ColumnStorage) -> [Int64]? { if case .int64(let values) = storage { values } else { nil } }
    static func storage(_ values: [Int64]) -> ColumnStorage { .int64(values) }
}

extension Float: ColumnElement {
    static func values(of storage: ColumnStorage) -> [Float]? { if case .float32(let values) = storage { values } else { nil } }
    static func storage(_ values: [Float]) -> ColumnStorage { .float32(values) }
}

extension Double: ColumnElement {
    static func values(of storage: ColumnStorage) -> [Double]? { if case .float64(let values) = storage { values } else { nil } }
    static func storage(_ values: [Double]) -> ColumnStorage { .float64(values) }
}

extension Int128: ColumnElement {
    static func values(of storage: ColumnStorage) -> [Int128]? { if case .decimal(let values) = storage { values } else { nil } }
    static func storage(_ values: [Int128]) -> ColumnStorage { .decimal(values) }
}

extension Column {
    /// The values as `T`, or an internal error naming the mismatch (the planner checked the types).
    func elements<T: ColumnElement>(_: T.Type) throws(SluiceError) -> [T] {
        guard let values = T.values(of: storage) else {
            throw SluiceError.internal("An aggregate expected a column of \(T.self) but got \(type).")
        }
        return values
    }
}
