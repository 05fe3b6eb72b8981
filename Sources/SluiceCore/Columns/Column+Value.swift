extension Column {
    /// Value `index` boxed as a ``Value`` (edges and tests only: allocates).
    public func value(at index: Int) -> Value {
        precondition(index >= 0 && index < count, "Row \(index) is outside a column of \(count) values")
        if isNull(index) { return .null }
        switch storage {
        case .boolean(let bits): return .boolean(bits[index])
        case .int8(let values): return .int(Int64(values[index]))
        case .int16(let values): return .int(Int64(values[index]))
        case .int32(let values):
            return type == .date ? .date(values[index]) : .int(Int64(values[index]))
        case .int64(let values):
            return type == .timestamp ? .timestamp(values[index]) : .int(values[index])
        case .float32(let values): return .double(Double(values[index]))
        case .float64(let values): return .double(values[index])
        case .decimal(let values):
            guard case .decimal(_, let scale) = type else { return .decimal(values[index], scale: 0) }
            return .decimal(values[index], scale: scale)
        case .bytes(let offsets, let data):
            let slice = data[Int(offsets[index])..<Int(offsets[index + 1])]
            return type == .binary ? .binary(Array(slice)) : .string(String(decoding: slice, as: UTF8.self))
        case .structure(let children):
            guard case .struct(let fields) = type else { return .null }
            return .structure(zip(fields, children).map { NamedValue($0.name, $1.value(at: index)) })
        case .list(let offsets, let values):
            let elements = (Int(offsets[index])..<Int(offsets[index + 1])).map { values.value(at: $0) }
            if case .map = type {
                return .map(elements.map { element in
                    guard case .structure(let pair) = element, pair.count == 2 else { return MapEntry(.null, .null) }
                    return MapEntry(pair[0].value, pair[1].value)
                })
            }
            return .list(elements)
        }
    }

    /// All values boxed (tests and edges).
    public var values: [Value] { (0..<count).map { value(at: $0) } }
}

extension ColumnBuilder {
    /// Appends a boxed value, converting between compatible kinds (edges and tests only).
    /// A value that does not fit the builder's type is a usage error naming both.
    public func append(value: Value) throws(SluiceError) {
        switch (value, type) {
        case (.null, _): appendNull()
        case (.boolean(let flag), .boolean): append(bool: flag)
        case (.int(let number), .int8), (.int(let number), .int16), (.int(let number), .int32),
            (.int(let number), .int64), (.int(let number), .float32), (.int(let number), .float64):
            append(int: number)
        case (.int(let number), .decimal(_, let scale)):
            append(decimal: Int128(number) * Value.powerOfTen(scale))
        case (.double(let number), .float32), (.double(let number), .float64): append(double: number)
        case (.decimal(let unscaled, let fromScale), .decimal(_, let toScale)):
            append(decimal: Value.rescale(unscaled, from: fromScale, to: toScale))
        case (.string(let text), .string): append(string: text)
        case (.binary(let bytes), .binary), (.binary(let bytes), .string):
            bytes.withUnsafeBytes { append(bytes: $0) }
        case (.string(let text), .binary): append(string: text)
        case (.date(let days), .date): append(int: Int64(days))
        case (.timestamp(let micros), .timestamp): append(int: micros)
        case (.list(let elements), .list):
            for element in elements { try listValues!.append(value: element) }
            closeList()
        case (.map(let entries), .map):
            let entryBuilder = listValues!
            for entry in entries {
                try entryBuilder.children[0].append(value: entry.key)
                try entryBuilder.children[1].append(value: entry.value)
                entryBuilder.appendStructSlot()
            }
            closeList()
        case (.structure(let fieldValues), .struct(let fields)):
            for (index, field) in fields.enumerated() {
                let fieldValue = fieldValues.first { $0.name == field.name }?.value ?? .null
                try children[index].append(value: fieldValue)
            }
            appendStructSlot()
        default:
            throw SluiceError(
                domain: .core, code: "value.typeMismatch",
                message: "Cannot store the value \(value.nestedText) in a column of type \(type).",
                hint: "Convert the value to \(type) first.")
        }
    }
}

extension Value {
    /// 10^exponent as Int128 (exponent 0...38).
    public static func powerOfTen(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }

    /// Changes the scale of an unscaled decimal, truncating digits when the scale shrinks.
    public static func rescale(_ unscaled: Int128, from: Int, to: Int) -> Int128 {
        if to >= from { return unscaled * powerOfTen(to - from) }
        return unscaled / powerOfTen(from - to)
    }
}
