import SluiceCore

/// One batch's key columns made ready for a ``KeyTable``: a hash per row, which rows hold a
/// null in some key column, and the keys in the table's layout (integers, or bytes with offsets).
/// Made once per batch by ``KeyTable/prepare(_:rowCount:)``; reading it never allocates.
struct PreparedKeys {
    let count: Int
    let hashes: [UInt64]
    /// `true` for rows with a null in any key column; nil when no key column has nulls.
    let nullRows: [Bool]?
    /// Keys of the ``KeyLayout/integer`` layout, widened to `Int64` (booleans as 0 and 1).
    let integers: [Int64]
    /// Keys of the ``KeyLayout/bytes`` and ``KeyLayout/encoded`` layouts: row `i` is
    /// `bytes[offsets[i]..<offsets[i + 1]]`.
    let offsets: [Int32]
    let bytes: [UInt8]
    /// Keys of the ``KeyLayout/coded`` layout: each key column's codes (see ``CodedKeyTable``).
    let codes: [[Int32]]

    /// Coded keys, with each row's hash (null keys have codes, so no row is marked null).
    init(codes: [[Int32]], hashes: [UInt64], rowCount: Int) {
        count = rowCount
        self.hashes = hashes
        self.codes = codes
        nullRows = nil
        integers = []
        offsets = []
        bytes = []
    }

    /// Prepares `columns` (each `rowCount` long) for a table of `layout`.
    init(_ columns: [Column], rowCount: Int, layout: KeyLayout) {
        count = rowCount
        hashes = KeyHashing.hash(columns: columns, rowCount: rowCount)
        nullRows = Self.nullRows(columns, rowCount: rowCount)
        codes = []
        switch layout {
        case .none, .coded:
            integers = []
            offsets = []
            bytes = []
        case .integer:
            integers = Self.widened(columns[0])
            offsets = []
            bytes = []
        case .bytes:
            integers = []
            if case .bytes(let columnOffsets, let data) = columns[0].storage {
                offsets = columnOffsets
                bytes = data
            } else {
                offsets = [Int32](repeating: 0, count: rowCount + 1)
                bytes = []
            }
        case .encoded:
            integers = []
            (offsets, bytes) = RowEncoding.encode(columns, rowCount: rowCount)
        }
    }

    private static func nullRows(_ columns: [Column], rowCount: Int) -> [Bool]? {
        var rows: [Bool]?
        for column in columns {
            guard let validity = column.validity, column.nullCount > 0 else { continue }
            var flags = rows ?? [Bool](repeating: false, count: rowCount)
            for row in 0..<rowCount where !validity[row] { flags[row] = true }
            rows = flags
        }
        return rows
    }

    /// An integer-like column's values as `Int64`.
    static func widened(_ column: Column) -> [Int64] {
        switch column.storage {
        case .boolean(let bits): return (0..<column.count).map { bits[$0] ? 1 : 0 }
        case .int8(let values): return values.map(Int64.init)
        case .int16(let values): return values.map(Int64.init)
        case .int32(let values): return values.map(Int64.init)
        case .int64(let values): return values
        default: return [Int64](repeating: 0, count: column.count)
        }
    }
}
