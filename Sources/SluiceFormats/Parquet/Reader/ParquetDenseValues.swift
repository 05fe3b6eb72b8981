import SluiceCore

/// The present (non-null) values of one leaf column, in Sluice's storage for the leaf's type,
/// accumulated page by page. ``column(validity:count:)`` spreads them over the slots that
/// hold nulls; without nulls the buffers become the column as they are. Strings and binaries
/// of dictionary-encoded pages stay codes until a plain page comes (or the column is read):
/// the column's bytes are gathered from the dictionary only if something reads them.
struct ParquetDenseValues {
    enum Kind { case boolean, int8, int16, int32, int64, float32, float64, decimal, bytes }

    let kind: Kind
    let type: DataType
    var booleans: [Bool] = []
    var int8s: [Int8] = []
    var int16s: [Int16] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    var float32s: [Float] = []
    var float64s: [Double] = []
    var decimals: [Int128] = []
    /// For strings and binaries: `count + 1` offsets into `bytes`.
    var offsets: [Int32] = [0]
    var bytes: [UInt8] = []
    /// While every page so far was dictionary-encoded: each value's index into
    /// ``dictionaryValues`` (kept as the column's ``ColumnDictionary``); nil otherwise.
    var dictionaryIndices: [UInt32]?
    var dictionaryValues: Column?
    /// Strings and binaries: true while ``bytes`` and ``offsets`` have not been gathered from
    /// the dictionary (the values are ``dictionaryIndices``).
    private var bytesDeferred: Bool
    /// At least the bytes the deferred values add up to (for the 2 GiB limit).
    private var deferredByteCount = 0
    /// The longest dictionary value's length (strings and binaries).
    private var dictionaryMaximumLength = 0

    init(type: DataType) {
        self.type = type
        kind = switch type {
        case .boolean: .boolean
        case .int8: .int8
        case .int16: .int16
        case .int32, .date: .int32
        case .int64, .timestamp: .int64
        case .float32: .float32
        case .float64: .float64
        case .decimal: .decimal
        default: .bytes
        }
        dictionaryIndices = []
        bytesDeferred = false
    }

    /// A page that is not dictionary-encoded comes: gathers the deferred bytes, and the values
    /// are no longer all codes.
    mutating func stopDictionaryCoding() {
        gatherDeferredBytes()
        dictionaryIndices = nil
    }

    /// Gathers the deferred values' bytes from the dictionary into ``bytes`` and ``offsets``
    /// (within the 2 GiB limit: ``deferredByteCount`` bounded them when they came).
    private mutating func gatherDeferredBytes() {
        guard bytesDeferred else { return }
        bytesDeferred = false
        deferredByteCount = 0
        guard let dictionaryIndices, let dictionaryValues, !dictionaryIndices.isEmpty else { return }
        let gathered = Column(
            type: type, count: dictionaryIndices.count, validity: nil,
            dictionary: ColumnDictionary(values: dictionaryValues, indices: dictionaryIndices))
        if case .bytes(let gatheredOffsets, let gatheredBytes) = gathered.storage {
            offsets = gatheredOffsets
            bytes = gatheredBytes
        }
    }

    /// The length of the longest value (strings and binaries).
    private var maximumByteLength: Int {
        offsets.withUnsafeBufferPointer { offsets in
            var longest = 0
            for index in 1..<max(1, offsets.count) { longest = max(longest, Int(offsets[index] - offsets[index - 1])) }
            return longest
        }
    }

    var count: Int {
        switch kind {
        case .boolean: booleans.count
        case .int8: int8s.count
        case .int16: int16s.count
        case .int32: int32s.count
        case .int64: int64s.count
        case .float32: float32s.count
        case .float64: float64s.count
        case .decimal: decimals.count
        case .bytes: bytesDeferred ? dictionaryIndices?.count ?? 0 : offsets.count - 1
        }
    }

    /// Room for `capacity` values in all, growing geometrically (a page at a time stays linear).
    mutating func reserveCapacity(_ capacity: Int) {
        let additional = capacity - count
        switch kind {
        case .boolean: booleans.reserveForAppending(additional)
        case .int8: int8s.reserveForAppending(additional)
        case .int16: int16s.reserveForAppending(additional)
        case .int32: int32s.reserveForAppending(additional)
        case .int64: int64s.reserveForAppending(additional)
        case .float32: float32s.reserveForAppending(additional)
        case .float64: float64s.reserveForAppending(additional)
        case .decimal: decimals.reserveForAppending(additional)
        case .bytes: if !bytesDeferred { offsets.reserveForAppending(additional) }
        }
        dictionaryIndices?.reserveForAppending(additional)
    }

    /// Appends one byte string (strings, binaries).
    @inline(__always)
    mutating func appendBytes(_ value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value)
        offsets.append(Int32(truncatingIfNeeded: bytes.count))
    }

    /// Appends the values of `dictionary` at `indices` (dictionary-encoded pages); an index
    /// past the dictionary's end is an error in the file.
    mutating func appendGathered(
        from dictionary: ParquetDenseValues, indices: UnsafeBufferPointer<UInt32>
    ) throws(SluiceError) {
        let size = dictionary.count
        for index in indices where Int(index) >= size {
            throw SluiceError(
                domain: .format, code: "parquet.dictionaryIndex",
                message: "a dictionary index (\(index)) points past the dictionary's \(size) values.",
                hint: "The file is damaged; rewrite it from its source.")
        }
        if dictionaryIndices != nil, dictionaryValues == nil {
            dictionaryValues = dictionary.column(validity: nil, count: size)
            if kind == .bytes, offsets.count == 1 {
                bytesDeferred = true
                dictionaryMaximumLength = dictionary.maximumByteLength
            }
        }
        if bytesDeferred {
            // Codes only: bound the bytes they stand for by the longest dictionary value, and
            // gather what came so far once the bound nears the 2 GiB a column holds.
            let bound = indices.count * dictionaryMaximumLength
            if bytes.count + deferredByteCount + bound <= Int(Int32.max) {
                deferredByteCount += bound
            } else {
                gatherDeferredBytes()
            }
        }
        dictionaryIndices?.append(contentsOf: indices)
        switch kind {
        case .boolean: Self.gather(dictionary.booleans, indices, into: &booleans)
        case .int8: Self.gather(dictionary.int8s, indices, into: &int8s)
        case .int16: Self.gather(dictionary.int16s, indices, into: &int16s)
        case .int32: Self.gather(dictionary.int32s, indices, into: &int32s)
        case .int64: Self.gather(dictionary.int64s, indices, into: &int64s)
        case .float32: Self.gather(dictionary.float32s, indices, into: &float32s)
        case .float64: Self.gather(dictionary.float64s, indices, into: &float64s)
        case .decimal: Self.gather(dictionary.decimals, indices, into: &decimals)
        case .bytes:
            if bytesDeferred { return }
            // A few bytes of indices can repeat a long dictionary value: check the total first.
            let total = dictionary.offsets.withUnsafeBufferPointer { dictionaryOffsets in
                var total = 0
                for index in indices { total += Int(dictionaryOffsets[Int(index) + 1] - dictionaryOffsets[Int(index)]) }
                return total
            }
            try checkByteSize(adding: total)
            dictionary.offsets.withUnsafeBufferPointer { dictionaryOffsets in
                dictionary.bytes.withUnsafeBufferPointer { dictionaryBytes in
                    let oldBytes = bytes.count
                    let oldOffsets = offsets.count
                    var end = Int(offsets[oldOffsets - 1])
                    bytes.append(contentsOf: repeatElement(0, count: total))
                    offsets.append(contentsOf: repeatElement(0, count: indices.count))
                    bytes.withUnsafeMutableBufferPointer { target in
                        offsets.withUnsafeMutableBufferPointer { targetOffsets in
                            var position = oldBytes
                            // Nil only when every value is empty (then nothing is copied).
                            let targetBase = target.baseAddress.map(UnsafeMutableRawPointer.init)
                            let sourceBase = dictionaryBytes.baseAddress.map(UnsafeRawPointer.init)
                            let targetEnd = target.count
                            let sourceEnd = dictionaryBytes.count
                            for (slot, index) in indices.enumerated() {
                                let start = Int(dictionaryOffsets[Int(index)])
                                let length = Int(dictionaryOffsets[Int(index) + 1]) - start
                                if let targetBase, let sourceBase {
                                    ShortByteCopy.copy(length, from: sourceBase, at: start, sourceEnd: sourceEnd,
                                                       to: targetBase, at: position, targetEnd: targetEnd)
                                }
                                position += length
                                end += length
                                targetOffsets[oldOffsets + slot] = Int32(truncatingIfNeeded: end)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Strings and binaries of one column chunk are limited by the column's 32-bit offsets:
    /// more than 2 GiB (`additional` bytes more than now) is an error, not wrapped offsets.
    func checkByteSize(adding additional: Int = 0) throws(SluiceError) {
        guard bytes.count + deferredByteCount + additional <= Int(Int32.max) else {
            throw SluiceError(
                domain: .format, code: "parquet.columnTooLarge",
                message: "the column's values in this row group add up to more than 2 GiB, more than a Sluice column holds.",
                hint: "Rewrite the file with smaller row groups (for example pyarrow's row_group_size), then read it again.")
        }
    }

    private static func gather<T>(_ source: [T], _ indices: UnsafeBufferPointer<UInt32>, into target: inout [T]) {
        guard !source.isEmpty, !indices.isEmpty else { return }
        let gathered = [T](unsafeUninitializedCapacity: indices.count) { output, initialized in
            source.withUnsafeBufferPointer { source in
                for (slot, index) in indices.enumerated() { output.initializeElement(at: slot, to: source[Int(index)]) }
            }
            initialized = indices.count
        }
        target.append(contentsOf: gathered)
    }

    /// The column of `count` slots: slot `i` holds the next present value when `validity`
    /// has bit `i` set (or always, when `validity` is nil), and null otherwise.
    func column(validity: Bitmap?, count: Int) -> Column {
        let validity = validity.flatMap { $0.setCount == count ? nil : $0 }
        if bytesDeferred, let dictionaryValues, let dictionaryIndices {
            let spread = ColumnDictionary(values: dictionaryValues, indices: Self.spread(dictionaryIndices, validity, zero: 0))
            let deferred = Column(type: type, count: count, validity: validity, dictionary: spread)
            return keepsDictionary ? deferred : Column(type: type, count: count, validity: validity, storage: deferred.storage)
        }
        guard let validity, validity.setCount != count else {
            return Column(type: type, count: count, validity: nil, storage: storage(spreadOver: nil),
                          dictionary: columnDictionary(spreadOver: nil))
        }
        return Column(type: type, count: count, validity: validity, storage: storage(spreadOver: validity),
                      dictionary: columnDictionary(spreadOver: validity))
    }

    /// Distinct values at most this fraction of the rows make a dictionary worth keeping.
    private static let dictionaryRowsPerValue = 4

    /// True when every value came from the dictionary and it is small enough to be worth keeping.
    private var keepsDictionary: Bool {
        guard let dictionaryIndices, let dictionaryValues else { return false }
        return dictionaryIndices.count == count && dictionaryValues.count * Self.dictionaryRowsPerValue <= count
    }

    private func columnDictionary(spreadOver validity: Bitmap?) -> ColumnDictionary? {
        guard keepsDictionary, let dictionaryIndices, let dictionaryValues else { return nil }
        return ColumnDictionary(values: dictionaryValues, indices: Self.spread(dictionaryIndices, validity, zero: 0))
    }

    private func storage(spreadOver validity: Bitmap?) -> ColumnStorage {
        switch kind {
        case .boolean:
            let values = Self.spread(booleans, validity, zero: false)
            var builder = BitmapBuilder(capacity: values.count)
            for value in values { builder.append(value) }
            return .boolean(builder.finish())
        case .int8: return .int8(Self.spread(int8s, validity, zero: 0))
        case .int16: return .int16(Self.spread(int16s, validity, zero: 0))
        case .int32: return .int32(Self.spread(int32s, validity, zero: 0))
        case .int64: return .int64(Self.spread(int64s, validity, zero: 0))
        case .float32: return .float32(Self.spread(float32s, validity, zero: 0))
        case .float64: return .float64(Self.spread(float64s, validity, zero: 0))
        case .decimal: return .decimal(Self.spread(decimals, validity, zero: 0))
        case .bytes:
            guard let validity else { return .bytes(offsets: offsets, data: bytes) }
            var spreadOffsets = [Int32](repeating: 0, count: validity.count + 1)
            var next = 0
            for slot in 0..<validity.count {
                if validity[slot] { next += 1 }
                spreadOffsets[slot + 1] = offsets[next]
            }
            return .bytes(offsets: spreadOffsets, data: bytes)
        }
    }

    /// `values` placed at the set bits of `validity`, `zero` elsewhere.
    private static func spread<T>(_ values: [T], _ validity: Bitmap?, zero: T) -> [T] {
        guard let validity else { return values }
        return [T](unsafeUninitializedCapacity: validity.count) { buffer, initialized in
            values.withUnsafeBufferPointer { values in
                var next = 0
                for slot in 0..<validity.count {
                    if validity[slot] {
                        buffer.initializeElement(at: slot, to: values[next])
                        next += 1
                    } else {
                        buffer.initializeElement(at: slot, to: zero)
                    }
                }
            }
            initialized = validity.count
        }
    }
}

extension Array {
    /// Makes room for `additional` more elements, growing at least geometrically, so calls once
    /// per page or batch stay linear (`reserveCapacity` allocates exactly what it is asked).
    @inline(__always)
    mutating func reserveForAppending(_ additional: Int) {
        let needed = count + additional
        if needed > capacity { reserveCapacity(Swift.max(needed, capacity * 2)) }
    }
}
