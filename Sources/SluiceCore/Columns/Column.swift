import Synchronization

/// One column of a record batch: `count` values of `type` in contiguous typed buffers, with a
/// validity bitmap when some values are null (Arrow's layout). Immutable once built; build it
/// with ``ColumnBuilder``. A column read as dictionary codes may defer its buffers: they are
/// copied out of the dictionary the first time ``storage`` is read, so operators that work on
/// codes (grouping) never pay for the copy.
public struct Column: Sendable {
    public let type: DataType
    public let count: Int
    /// Bit `i` set when value `i` is present; `nil` when no value is null.
    public let validity: Bitmap?
    public let nullCount: Int
    /// The column's values as codes into a small set, when the reader had them for free
    /// (see ``ColumnDictionary``); nil for every column an operation builds.
    public let dictionary: ColumnDictionary?
    private let backing: Backing

    private enum Backing: Sendable {
        case built(ColumnStorage)
        case deferred(DeferredStorage)
    }

    /// The column's buffers (built from the dictionary on first use when deferred).
    public var storage: ColumnStorage {
        switch backing {
        case .built(let storage): storage
        case .deferred(let deferred): deferred.storage
        }
    }

    /// True while the buffers of a dictionary-coded column have not been built yet.
    public var isDeferred: Bool {
        if case .deferred(let deferred) = backing { return !deferred.isBuilt }
        return false
    }

    public init(type: DataType, count: Int, validity: Bitmap?, storage: ColumnStorage, dictionary: ColumnDictionary? = nil) {
        self.type = type
        self.count = count
        self.validity = validity
        self.backing = .built(storage)
        self.nullCount = validity.map { count - $0.setCount } ?? 0
        self.dictionary = dictionary
    }

    /// A column whose values are `dictionary`'s values at its indices (every row `values[0]`
    /// without indices); null rows per `validity`. The buffers are built only when read.
    public init(type: DataType, count: Int, validity: Bitmap?, dictionary: ColumnDictionary) {
        self.type = type
        self.count = count
        self.validity = validity
        self.backing = .deferred(DeferredStorage(type: type, dictionary: dictionary, count: count, validity: validity))
        self.nullCount = validity.map { count - $0.setCount } ?? 0
        self.dictionary = dictionary
    }

    @inlinable
    public func isNull(_ index: Int) -> Bool {
        guard let validity else { return false }
        return !validity[index]
    }

    /// A column of `count` nulls of `type`.
    public static func nulls(_ type: DataType, count: Int) -> Column {
        let builder = ColumnBuilder(type: type, capacity: count)
        for _ in 0..<count { builder.appendNull() }
        return builder.finish()
    }
}

/// The physical buffers behind a ``Column``. Dates are stored as `int32` days, timestamps as
/// `int64` microseconds, decimals as unscaled `Int128`, strings and binaries as offsets into one
/// byte buffer, maps as a list of `struct<key, value>`.
public enum ColumnStorage: Sendable {
    case boolean(Bitmap)
    case int8([Int8])
    case int16([Int16])
    case int32([Int32])
    case int64([Int64])
    case float32([Float])
    case float64([Double])
    case decimal([Int128])
    /// `count + 1` offsets; value `i` is `data[offsets[i]..<offsets[i + 1]]`.
    case bytes(offsets: [Int32], data: [UInt8])
    /// One child column per struct field, each `count` long.
    indirect case structure([Column])
    /// `count + 1` offsets into `values`; list `i` is `values[offsets[i]..<offsets[i + 1]]`.
    indirect case list(offsets: [Int32], values: Column)
}
