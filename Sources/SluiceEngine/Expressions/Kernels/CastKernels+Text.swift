import SluiceCore

extension CastKernels {
    /// Any column as text, as ``Value/displayText`` writes each value.
    static func toText(_ column: Column) throws(SluiceError) -> Column {
        let count = column.count
        let builder = ColumnBuilder(type: .string, capacity: count)
        var scratch: [UInt8] = []
        scratch.reserveCapacity(48)
        func emit() {
            builder.append(byteArray: scratch)
            scratch.removeAll(keepingCapacity: true)
        }
        switch column.storage {
        case .boolean(let bits):
            for row in 0..<count { builder.append(string: bits[row] ? "true" : "false") }
        case .int8, .int16, .int32, .int64:
            if column.type == .date {
                let days = try column.elements(Int32.self)
                for row in 0..<count {
                    CivilTime.appendDate(days: Int(days[row]), into: &scratch)
                    emit()
                }
            } else if column.type == .timestamp {
                let micros = try column.elements(Int64.self)
                for row in 0..<count { builder.append(string: CivilTime.formatTimestamp(microseconds: micros[row])) }
            } else {
                var failures = CastFailures(source: column, target: .int64, isTry: false)
                guard let numbers = try NumericSource(column) else { break }
                let values = try numbers.integers(failures: &failures)
                for value in values {
                    Value.appendInteger(value, into: &scratch)
                    emit()
                }
            }
        case .float32(let values):
            for value in values { builder.append(string: value.isFinite ? value.description : Value.format(double: Double(value))) }
        case .float64(let values):
            for value in values { builder.append(string: Value.format(double: value)) }
        case .decimal(let values):
            guard case .decimal(_, let scale) = column.type else { break }
            for value in values {
                Value.appendDecimal(value, scale: scale, into: &scratch)
                emit()
            }
        case .bytes(let offsets, let data):
            // Binary to string keeps the bytes (read as UTF-8).
            return Column(type: .string, count: count, validity: column.validity, storage: .bytes(offsets: offsets, data: data))
        case .structure, .list:
            // Nested values print boxed: rare, and never on a hot path.
            for row in 0..<count {
                if column.isNull(row) { builder.appendNull() } else { builder.append(string: column.value(at: row).displayText) }
            }
        }
        return builder.finish().replacingValidity(column.validity)
    }

    /// Text (or binary) to `target`.
    static func fromText(_ column: Column, to target: DataType, failures: inout CastFailures) throws(SluiceError) -> Column {
        let count = column.count
        let validity = column.validity
        if target == .binary || target == .string {
            let (offsets, data) = try column.byteBuffers()
            return Column(type: target, count: count, validity: validity, storage: .bytes(offsets: offsets, data: data))
        }
        return try withBytesView(column) { (view) throws(SluiceError) -> Column in
            switch target {
            case .int8, .int16, .int32, .int64:
                var values = [Int64](repeating: 0, count: count)
                for row in 0..<count {
                    if let value = TextParsing.parseInteger(view[row]) { values[row] = value } else { try failures.fail(row) }
                }
                var rangeFailures = CastFailures(source: column, target: target, isTry: failures.isTry)
                let column: Column
                switch target {
                case .int8: column = Column.make(target, try values.narrowed(Int8.self, &rangeFailures), validity: validity)
                case .int16: column = Column.make(target, try values.narrowed(Int16.self, &rangeFailures), validity: validity)
                case .int32: column = Column.make(target, try values.narrowed(Int32.self, &rangeFailures), validity: validity)
                default: column = Column.make(target, values, validity: validity)
                }
                return rangeFailures.apply(to: column)
            case .float32, .float64:
                var values = [Double](repeating: 0, count: count)
                for row in 0..<count {
                    if let value = TextParsing.parseDouble(view[row]) { values[row] = value } else { try failures.fail(row) }
                }
                return target == .float64
                    ? Column.make(target, values, validity: validity) : Column.make(target, values.map { Float($0) }, validity: validity)
            case .decimal(let precision, let scale):
                var values = [Int128](repeating: 0, count: count)
                for row in 0..<count {
                    if let value = TextParsing.parseDecimal(view[row], scale: scale), DecimalMath.fits(value, precision: precision) {
                        values[row] = value
                    } else {
                        try failures.fail(row)
                    }
                }
                return Column.make(target, values, validity: validity)
            case .boolean:
                var builder = BitmapBuilder(capacity: count)
                for row in 0..<count {
                    if let value = TextParsing.parseBoolean(view[row]) {
                        builder.append(value)
                    } else {
                        builder.append(false)
                        try failures.fail(row)
                    }
                }
                return Column(type: .boolean, count: count, validity: validity, storage: .boolean(builder.finish()))
            case .date:
                var values = [Int32](repeating: 0, count: count)
                for row in 0..<count {
                    if let value = TextParsing.parseDate(view[row]) { values[row] = value } else { try failures.fail(row) }
                }
                return Column.make(.date, values, validity: validity)
            case .timestamp:
                var values = [Int64](repeating: 0, count: count)
                for row in 0..<count {
                    if let value = TextParsing.parseTimestamp(view[row]) { values[row] = value } else { try failures.fail(row) }
                }
                return Column.make(.timestamp, values, validity: validity)
            default:
                throw SluiceError(
                    domain: .query, code: "cast.unsupported",
                    message: "Cannot cast \(column.type) to \(target).",
                    hint: "Text casts to numbers, booleans, dates, timestamps and binary only.")
            }
        }
    }
}
