import SluiceCore

/// Picks rows out of one or several columns of one type into a new column: the merge of sorted
/// runs (rows from several runs) and window results (`lag` with its default, `min` as a row).
///
/// Row `i` of the result is row `rows[i]` of `sources[sourceOf[i]]` (source 0 when `sourceOf` is
/// nil); a negative row gives a null. With several sources, each source costs one pass over the
/// indices, so callers keep the number of sources small (runs of one sort).
enum ColumnGather {
    static func gather(
        _ sources: [Column], type: DataType, sourceOf: [UInt32]? = nil, rows: [Int32]
    ) throws(SluiceError) -> Column {
        let count = rows.count
        let validity = gatheredValidity(sources, sourceOf: sourceOf, rows: rows)
        let storage: ColumnStorage
        switch type {
        case .boolean:
            storage = .boolean(gatheredBits(sources, sourceOf: sourceOf, rows: rows))
        case .int8: storage = .int8(fixed(sources, sourceOf, rows, 0) { if case .int8(let v) = $0 { v } else { nil } })
        case .int16: storage = .int16(fixed(sources, sourceOf, rows, 0) { if case .int16(let v) = $0 { v } else { nil } })
        case .int32, .date: storage = .int32(fixed(sources, sourceOf, rows, 0) { if case .int32(let v) = $0 { v } else { nil } })
        case .int64, .timestamp: storage = .int64(fixed(sources, sourceOf, rows, 0) { if case .int64(let v) = $0 { v } else { nil } })
        case .float32: storage = .float32(fixed(sources, sourceOf, rows, 0) { if case .float32(let v) = $0 { v } else { nil } })
        case .float64: storage = .float64(fixed(sources, sourceOf, rows, 0) { if case .float64(let v) = $0 { v } else { nil } })
        case .decimal: storage = .decimal(fixed(sources, sourceOf, rows, 0) { if case .decimal(let v) = $0 { v } else { nil } })
        case .string, .binary: storage = try gatheredBytes(sources, sourceOf: sourceOf, rows: rows, type: type)
        case .struct(let fields):
            var children: [Column] = []
            for (fieldIndex, field) in fields.enumerated() {
                let parts = sources.map { source -> Column in
                    if case .structure(let fieldColumns) = source.storage { return fieldColumns[fieldIndex] }
                    return Column.nulls(field.type, count: source.count)
                }
                children.append(try gather(parts, type: field.type, sourceOf: sourceOf, rows: rows))
            }
            storage = .structure(children)
        case .list, .map:
            storage = try gatheredLists(sources, sourceOf: sourceOf, rows: rows, type: type)
        }
        return Column(type: type, count: count, validity: validity, storage: storage)
    }

    /// The rows of `batch` at `rows` (all non-negative), in that order.
    static func gather(_ batch: RecordBatch, rows: [Int32]) throws(SluiceError) -> RecordBatch {
        var columns: [Column] = []
        for column in batch.columns { columns.append(try gather([column], type: column.type, rows: rows)) }
        return try RecordBatch(schema: batch.schema, columns: columns)
    }

    // MARK: Fixed-width values

    private static func fixed<T: BitwiseCopyable>(
        _ sources: [Column], _ sourceOf: [UInt32]?, _ rows: [Int32], _ zero: T, _ values: (ColumnStorage) -> [T]?
    ) -> [T] {
        let arrays = sources.map { values($0.storage) ?? [] }
        var result = [T](repeating: zero, count: rows.count)
        result.withUnsafeMutableBufferPointer { output in
            rows.withUnsafeBufferPointer { rows in
                guard let sourceOf else {
                    arrays[0].withUnsafeBufferPointer { input in
                        for index in 0..<rows.count where rows[index] >= 0 { output[index] = input[Int(rows[index])] }
                    }
                    return
                }
                sourceOf.withUnsafeBufferPointer { sourceOf in
                    for (sourceIndex, array) in arrays.enumerated() {
                        let wanted = UInt32(sourceIndex)
                        array.withUnsafeBufferPointer { input in
                            for index in 0..<rows.count where sourceOf[index] == wanted && rows[index] >= 0 {
                                output[index] = input[Int(rows[index])]
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    // MARK: Bits

    /// Visits every result row with its source's bitmap word array and row (skipping negative rows).
    private static func forEachRow(
        _ bitmaps: [Bitmap?], sourceOf: [UInt32]?, rows: [Int32],
        _ body: (_ index: Int, _ bit: Bool) -> Void
    ) {
        rows.withUnsafeBufferPointer { rows in
            for (sourceIndex, bitmap) in bitmaps.enumerated() {
                let wanted = UInt32(sourceIndex)
                let words = bitmap?.words ?? []
                words.withUnsafeBufferPointer { words in
                    for index in 0..<rows.count where rows[index] >= 0 && (sourceOf?[index] ?? 0) == wanted {
                        let row = Int(rows[index])
                        let bit = words.isEmpty ? true : (words[row >> 6] >> UInt64(row & 63)) & 1 == 1
                        body(index, bit)
                    }
                }
            }
        }
    }

    private static func gatheredValidity(_ sources: [Column], sourceOf: [UInt32]?, rows: [Int32]) -> Bitmap? {
        let anyNegative = rows.contains { $0 < 0 }
        guard anyNegative || sources.contains(where: { $0.validity != nil }) else { return nil }
        var words = [UInt64](repeating: 0, count: (rows.count + 63) / 64)
        var present = 0
        words.withUnsafeMutableBufferPointer { words in
            forEachRow(sources.map(\.validity), sourceOf: sourceOf, rows: rows) { index, bit in
                if bit {
                    words[index >> 6] |= 1 << UInt64(index & 63)
                    present += 1
                }
            }
        }
        return present == rows.count ? nil : Bitmap(words: words, count: rows.count)
    }

    private static func gatheredBits(_ sources: [Column], sourceOf: [UInt32]?, rows: [Int32]) -> Bitmap {
        var words = [UInt64](repeating: 0, count: (rows.count + 63) / 64)
        let bitmaps: [Bitmap?] = sources.map { source in
            if case .boolean(let bits) = source.storage { return bits }
            return Bitmap(repeating: false, count: source.count)
        }
        words.withUnsafeMutableBufferPointer { words in
            forEachRow(bitmaps, sourceOf: sourceOf, rows: rows) { index, bit in
                if bit { words[index >> 6] |= 1 << UInt64(index & 63) }
            }
        }
        return Bitmap(words: words, count: rows.count)
    }

    // MARK: Bytes and lists

    private static func gatheredBytes(
        _ sources: [Column], sourceOf: [UInt32]?, rows: [Int32], type: DataType
    ) throws(SluiceError) -> ColumnStorage {
        let parts: [(offsets: [Int32], data: [UInt8])] = sources.map { source in
            if case .bytes(let offsets, let data) = source.storage { return (offsets, data) }
            return ([Int32](repeating: 0, count: source.count + 1), [])
        }
        // Pass 1: lengths, then offsets.
        var lengths = [Int32](repeating: 0, count: rows.count)
        lengths.withUnsafeMutableBufferPointer { lengths in
            rows.withUnsafeBufferPointer { rows in
                for (sourceIndex, part) in parts.enumerated() {
                    let wanted = UInt32(sourceIndex)
                    part.offsets.withUnsafeBufferPointer { offsets in
                        for index in 0..<rows.count where rows[index] >= 0 && (sourceOf?[index] ?? 0) == wanted {
                            let row = Int(rows[index])
                            lengths[index] = offsets[row + 1] - offsets[row]
                        }
                    }
                }
            }
        }
        var offsets = [Int32](repeating: 0, count: rows.count + 1)
        var total = 0
        for index in 0..<rows.count {
            total += Int(lengths[index])
            guard total <= Int(Int32.max) else {
                throw SluiceError(
                    domain: .query, code: "execution.columnTooLarge",
                    message: "A \(type) column of \(rows.count) rows would hold more than 2 GiB of values.",
                    hint: "Select shorter values, or fewer rows at a time.")
            }
            offsets[index + 1] = Int32(total)
        }
        // Pass 2: copy the bytes, one source at a time.
        var data = [UInt8](repeating: 0, count: total)
        data.withUnsafeMutableBufferPointer { output in
            offsets.withUnsafeBufferPointer { outputOffsets in
                rows.withUnsafeBufferPointer { rows in
                    for (sourceIndex, part) in parts.enumerated() {
                        let wanted = UInt32(sourceIndex)
                        part.offsets.withUnsafeBufferPointer { inputOffsets in
                            part.data.withUnsafeBufferPointer { input in
                                guard let inputBase = input.baseAddress, let outputBase = output.baseAddress else { return }
                                for index in 0..<rows.count where rows[index] >= 0 && (sourceOf?[index] ?? 0) == wanted {
                                    let row = Int(rows[index])
                                    let start = Int(inputOffsets[row])
                                    let length = Int(inputOffsets[row + 1]) - start
                                    if length > 0 {
                                        (outputBase + Int(outputOffsets[index])).update(from: inputBase + start, count: length)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return .bytes(offsets: offsets, data: data)
    }

    private static func gatheredLists(
        _ sources: [Column], sourceOf: [UInt32]?, rows: [Int32], type: DataType
    ) throws(SluiceError) -> ColumnStorage {
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(rows.count + 1)
        var elementRows: [Int32] = []
        var elementSources: [UInt32] = []
        var valueColumns: [Column] = []
        var sourceOffsets: [[Int32]] = []
        for source in sources {
            if case .list(let listOffsets, let values) = source.storage {
                sourceOffsets.append(listOffsets)
                valueColumns.append(values)
            } else {
                sourceOffsets.append([Int32](repeating: 0, count: source.count + 1))
                valueColumns.append(Column.nulls(listValueType(type), count: 0))
            }
        }
        for index in 0..<rows.count {
            let row = Int(rows[index])
            if row >= 0 {
                let source = Int(sourceOf?[index] ?? 0)
                let listOffsets = sourceOffsets[source]
                for element in listOffsets[row]..<listOffsets[row + 1] {
                    elementRows.append(element)
                    elementSources.append(UInt32(source))
                }
            }
            guard elementRows.count <= Int(Int32.max) else {
                throw SluiceError(
                    domain: .query, code: "execution.columnTooLarge",
                    message: "A \(type) column of \(rows.count) rows would hold more than 2 GiB of elements.",
                    hint: "Select fewer rows at a time.")
            }
            offsets.append(Int32(elementRows.count))
        }
        let values = try gather(
            valueColumns, type: valueColumns.first?.type ?? listValueType(type),
            sourceOf: sources.count == 1 ? nil : elementSources, rows: elementRows)
        return .list(offsets: offsets, values: values)
    }

    private static func listValueType(_ type: DataType) -> DataType {
        switch type {
        case .list(let element): element
        case .map(let key, let value): ColumnBuilder.mapEntryType(key: key, value: value)
        default: type
        }
    }
}
