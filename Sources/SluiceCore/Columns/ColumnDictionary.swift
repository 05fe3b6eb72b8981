import Synchronization

/// A column's values as codes into a small set of distinct values, kept beside the values
/// themselves when a reader has it for free (a Parquet dictionary page, a partition value), so
/// that operators such as grouping work once per distinct value instead of once per row.
/// Row `i` holds `values[indices[i]]` (any index on a null row); nil `indices`: every row holds
/// `values[0]`. A hint only: the column's own storage always holds every value too.
public final class ColumnDictionary: Sendable {
    public let values: Column
    public let indices: [UInt32]?

    public init(values: Column, indices: [UInt32]?) {
        self.values = values
        self.indices = indices
    }
}

extension ColumnDictionary {
    /// True for strings and binaries, where copying codes instead of values pays.
    public var holdsBytes: Bool {
        if case .bytes = values.storage { return true }
        return false
    }

    /// The dictionary of the rows at `rows` (codes gathered, values shared).
    public func taking(_ rows: [Int32]) -> ColumnDictionary {
        guard let indices else { return self }
        let taken = [UInt32](unsafeUninitializedCapacity: rows.count) { buffer, initialized in
            indices.withUnsafeBufferPointer { indices in
                rows.withUnsafeBufferPointer { rows in
                    for position in 0..<rows.count { buffer[position] = indices[Int(rows[position])] }
                }
            }
            initialized = rows.count
        }
        return ColumnDictionary(values: values, indices: taken)
    }

    /// The buffers of `count` rows holding these values (null rows per `validity` get a
    /// zero/empty value).
    func expanded(type: DataType, count: Int, validity: Bitmap?) -> ColumnStorage {
        guard values.count > 0 else { return Column.nulls(type, count: count).storage }
        guard let indices else {
            if case .bytes(let offsets, let data) = values.storage { return Self.repeated(Array(data[Int(offsets[0])..<Int(offsets[1])]), count: count) }
            return values.take([Int32](repeating: 0, count: count)).storage
        }
        if case .bytes(let offsets, let data) = values.storage {
            return indices.withUnsafeBufferPointer { Column.gatherBytes(offsets: offsets, data: data, $0, nullsAt: validity) }
        }
        return values.take(indices.map { Int32(bitPattern: $0) }).storage
    }

    /// `count` copies of the first value's bytes: offsets step by its length; the bytes are
    /// copied once, then the filled prefix doubles until the buffer is full.
    private static func repeated(_ data: [UInt8], count: Int) -> ColumnStorage {
        let length = data.count
        let offsets = [Int32](unsafeUninitializedCapacity: count + 1) { buffer, initialized in
            for index in 0...count { buffer[index] = Int32(truncatingIfNeeded: index * length) }
            initialized = count + 1
        }
        let bytes = [UInt8](unsafeUninitializedCapacity: length * count) { buffer, initialized in
            data.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = buffer.baseAddress, length > 0 else { return }
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
        return .bytes(offsets: offsets, data: bytes)
    }
}

/// The buffers of a column made from a dictionary, built once by whichever thread reads them first.
final class DeferredStorage: Sendable {
    private let type: DataType
    private let dictionary: ColumnDictionary
    private let count: Int
    private let validity: Bitmap?
    private let built = Mutex<ColumnStorage?>(nil)

    init(type: DataType, dictionary: ColumnDictionary, count: Int, validity: Bitmap?) {
        self.type = type
        self.dictionary = dictionary
        self.count = count
        self.validity = validity
    }

    var storage: ColumnStorage {
        built.withLock { cached in
            if let cached { return cached }
            let storage = dictionary.expanded(type: type, count: count, validity: validity)
            cached = storage
            return storage
        }
    }

    var isBuilt: Bool { built.withLock { $0 != nil } }
}
