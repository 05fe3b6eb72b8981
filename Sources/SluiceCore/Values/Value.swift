/// One boxed value, for the edges only: literals, API responses, tests and printing.
/// Inner loops work on ``Column`` buffers instead.
public indirect enum Value: Hashable, Sendable {
    case null
    case boolean(Bool)
    /// Any integer type.
    case int(Int64)
    /// `float` or `double`.
    case double(Double)
    /// An unscaled decimal and its scale: `.decimal(12345, scale: 2)` is 123.45.
    case decimal(Int128, scale: Int)
    case string(String)
    case binary([UInt8])
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since the epoch, UTC.
    case timestamp(Int64)
    case list([Value])
    case structure([NamedValue])
    case map([MapEntry])

    public var isNull: Bool { self == .null }
}

/// A struct field's name and value.
public struct NamedValue: Hashable, Sendable {
    public var name: String
    public var value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}

/// One key/value pair of a map value.
public struct MapEntry: Hashable, Sendable {
    public var key: Value
    public var value: Value

    public init(_ key: Value, _ value: Value) {
        self.key = key
        self.value = value
    }
}
