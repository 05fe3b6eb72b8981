import SluiceCore

/// Array, map and row functions. Array positions are 1-based; `element_at` gives null out of
/// range (a negative index counts from the end) while the subscript operator `[]` is an error.
enum CollectionFunctions {
    /// The most elements `sequence` builds, so a typo cannot allocate gigabytes (Trino's limit).
    static let maximumSequenceLength: Int64 = 10_000

    static var definitions: [FunctionDefinition] {
        [
            FunctionDefinition(["cardinality"], signatures: ["cardinality(array<T>)", "cardinality(map<K,V>)"]) { name, arguments in
                guard arguments.count == 1, isCollection(arguments[0]) else { return nil }
                return makeFunction(name, arguments, .int64) { (input) throws(SluiceError) -> Column in
                    let (offsets, _) = try input[0].listBuffers()
                    return Column.make(.int64, (0..<input.count).map { Int64(offsets[$0 + 1] - offsets[$0]) }, validity: nil)
                }
            },
            FunctionDefinition(["element_at"], signatures: ["element_at(array<T>, bigint)", "element_at(map<K,V>, K)"]) { name, arguments in
                elementAccess(name, arguments, strict: false)
            },
            FunctionDefinition(["[]"], signatures: ["[](array<T>, bigint)", "[](map<K,V>, K)"]) { name, arguments in
                elementAccess(name, arguments, strict: true)
            },
            FunctionDefinition(["contains"], signatures: ["contains(array<T>, T)"]) { name, arguments in
                guard arguments.count == 2, case .list(let element) = arguments[0],
                    let common = FunctionRegistry.commonSuperType(element, arguments[1]), !common.isNested || common == element
                else { return nil }
                return makeFunction(name, [.list(common), common], .boolean) { (input) throws(SluiceError) -> Column in
                    try search(input, returnsPosition: false)
                }
            },
            FunctionDefinition(["array_position"], signatures: ["array_position(array<T>, T)"]) { name, arguments in
                guard arguments.count == 2, case .list(let element) = arguments[0],
                    let common = FunctionRegistry.commonSuperType(element, arguments[1])
                else { return nil }
                return makeFunction(name, [.list(common), common], .int64) { (input) throws(SluiceError) -> Column in
                    try search(input, returnsPosition: true)
                }
            },
            FunctionDefinition(["array_join"], signatures: ["array_join(array<T>, string)", "array_join(array<T>, string, string)"]) { name, arguments in
                guard arguments.count == 2 || arguments.count == 3, case .list(let element) = arguments[0], !element.isNested,
                    arguments.dropFirst().allSatisfy({ FunctionRegistry.canCoerceImplicitly(from: $0, to: .string) })
                else { return nil }
                return makeFunction(name, [arguments[0]] + Array(repeating: .string, count: arguments.count - 1), .string) {
                    (input) throws(SluiceError) -> Column in try join(input)
                }
            },
            FunctionDefinition(["array_min"], signatures: ["array_min(array<T>)"]) { name, arguments in
                extremum(name, arguments, wantsMaximum: false)
            },
            FunctionDefinition(["array_max"], signatures: ["array_max(array<T>)"]) { name, arguments in
                extremum(name, arguments, wantsMaximum: true)
            },
            FunctionDefinition(["array_distinct"], signatures: ["array_distinct(array<T>)"]) { name, arguments in
                guard arguments.count == 1, case .list = arguments[0] else { return nil }
                return makeFunction(name, arguments, arguments[0]) { (input) throws(SluiceError) -> Column in
                    try distinct(input)
                }
            },
            FunctionDefinition(["sequence"], overloads: [
                Overload([.int64, .int64], .list(.int64)) { (input) throws(SluiceError) -> Column in try sequence(input) },
                Overload([.int64, .int64, .int64], .list(.int64)) { (input) throws(SluiceError) -> Column in try sequence(input) },
            ]),
            FunctionDefinition(["array_constructor"], signatures: ["array_constructor(T...)"]) { name, arguments in
                guard var common = arguments.first else { return nil }
                for argument in arguments.dropFirst() {
                    guard let next = FunctionRegistry.commonSuperType(common, argument) else { return nil }
                    common = next
                }
                let elementType = common
                return makeFunction(name, Array(repeating: common, count: arguments.count), .list(common), propagatesNulls: false) {
                    (input) throws(SluiceError) -> Column in
                    let common = elementType
                    let width = input.arguments.count
                    let values = try ColumnConcatenation.concatenate(input.arguments, type: common)
                    let order: [Int32] = (0..<(input.count * width)).map { Int32(($0 % width) * input.count + $0 / width) }
                    let offsets = (0...input.count).map { Int32($0 * width) }
                    return Column(type: .list(common), count: input.count, validity: nil,
                                  storage: .list(offsets: offsets, values: values.take(order)))
                }
            },
            FunctionDefinition(["row_constructor"], signatures: ["row_constructor(T...)"]) { name, arguments in
                guard !arguments.isEmpty else { return nil }
                let type = DataType.struct(arguments.enumerated().map { Field("field\($0.offset)", $0.element) })
                return makeFunction(name, arguments, type, propagatesNulls: false) { (input) throws(SluiceError) -> Column in
                    Column(type: type, count: input.count, validity: nil, storage: .structure(input.arguments))
                }
            },
            FunctionDefinition(["map_keys"], signatures: ["map_keys(map<K,V>)"]) { name, arguments in
                mapPart(name, arguments, child: 0)
            },
            FunctionDefinition(["map_values"], signatures: ["map_values(map<K,V>)"]) { name, arguments in
                mapPart(name, arguments, child: 1)
            },
        ]
    }

    static func isCollection(_ type: DataType) -> Bool {
        switch type {
        case .list, .map: true
        default: false
        }
    }

    /// `a || b` on arrays: the elements of both.
    static func concatenateArrays(_ input: KernelInput) throws(SluiceError) -> Column {
        guard case .list(let element) = input.returnType else { return input[0] }
        let (leftOffsets, leftValues) = try input[0].listBuffers()
        let (rightOffsets, rightValues) = try input[1].listBuffers()
        let values = try ColumnConcatenation.concatenate([leftValues, rightValues], type: element)
        var order: [Int32] = []
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(input.count + 1)
        for row in 0..<input.count {
            if input.isValid(row) {
                for index in leftOffsets[row]..<leftOffsets[row + 1] { order.append(index) }
                let shift = Int32(leftValues.count)
                for index in rightOffsets[row]..<rightOffsets[row + 1] { order.append(index + shift) }
            }
            offsets.append(Int32(order.count))
        }
        return Column(type: input.returnType, count: input.count, validity: nil,
                      storage: .list(offsets: offsets, values: values.take(order)))
    }

    /// `element_at` / `[]` on an array (by 1-based index) or a map (by key).
    static func elementAccess(_ name: String, _ arguments: [DataType], strict: Bool) -> ScalarFunction? {
        guard arguments.count == 2 else { return nil }
        switch arguments[0] {
        case .list(let element):
            guard FunctionRegistry.canCoerceImplicitly(from: arguments[1], to: .int64) else { return nil }
            return makeFunction(name, [arguments[0], .int64], element) { (input) throws(SluiceError) -> Column in
                let (offsets, values) = try input[0].listBuffers()
                let positions = try input[1].elements(Int64.self)
                var indices = [Int32](repeating: -1, count: input.count)
                for row in 0..<input.count where input.isValid(row) {
                    let length = Int64(offsets[row + 1] - offsets[row])
                    let position = positions[row]
                    if strict, position < 1 || position > length {
                        throw SluiceError(
                            domain: .query, code: "expression.subscript",
                            message: position == 0
                                ? "Array subscripts start at 1, not 0."
                                : "Array subscript \(position) out of bounds for array of cardinality \(length).",
                            hint: "Use element_at(array, index) to get NULL instead of an error.")
                    }
                    if position == 0 {
                        throw RowKernels.invalidArgument("element_at", "SQL array indices start at 1, not 0.")
                    }
                    let index = position > 0 ? position - 1 : length + position
                    if index >= 0 && index < length { indices[row] = offsets[row] + Int32(index) }
                }
                return values.takeOrNull(indices)
            }
        case .map(let key, let value):
            guard FunctionRegistry.canCoerceImplicitly(from: arguments[1], to: key) else { return nil }
            return makeFunction(name, [arguments[0], key], value) { (input) throws(SluiceError) -> Column in
                let (offsets, entries) = try input[0].listBuffers()
                let children = try entries.structChildren()
                let comparer = try RowComparer(children[0], input[1])
                var indices = [Int32](repeating: -1, count: input.count)
                for row in 0..<input.count where input.isValid(row) {
                    for entry in offsets[row]..<offsets[row + 1] where comparer.equal(Int(entry), row) {
                        indices[row] = entry
                        break
                    }
                    if strict, indices[row] < 0 {
                        throw SluiceError(
                            domain: .query, code: "expression.subscript",
                            message: "Key not present in map: \(input[1].value(at: row).displayText).",
                            hint: "Use element_at(map, key) to get NULL for a missing key.")
                    }
                }
                return children[1].takeOrNull(indices)
            }
        default:
            return nil
        }
    }

    /// `contains` (true, false, or null when absent but the array holds a null) and
    /// `array_position` (1-based, 0 when absent).
    static func search(_ input: KernelInput, returnsPosition: Bool) throws(SluiceError) -> Column {
        let (offsets, values) = try input[0].listBuffers()
        let comparer = try RowComparer(values, input[1])
        var positions = [Int64](repeating: 0, count: input.count)
        var unknown = [UInt64](repeating: 0, count: (input.count + 63) >> 6)
        for row in 0..<input.count where input.isValid(row) {
            var sawNull = false
            for element in offsets[row]..<offsets[row + 1] {
                if values.isNull(Int(element)) {
                    sawNull = true
                } else if comparer.equal(Int(element), row) {
                    positions[row] = Int64(element - offsets[row]) + 1
                    break
                }
            }
            if positions[row] == 0, sawNull { unknown[row >> 6] |= 1 << UInt64(row & 63) }
        }
        if returnsPosition { return Column.make(.int64, positions, validity: nil) }
        let bits = Bitmap.fromPredicate(count: input.count) { positions[$0] > 0 }
        let known = Bitmap.build(count: input.count) { ~unknown[$0] }
        return Column(type: .boolean, count: input.count, validity: nil, storage: .boolean(bits)).addingNulls(known)
    }

    static func join(_ input: KernelInput) throws(SluiceError) -> Column {
        let (offsets, values) = try input[0].listBuffers()
        let texts = try CastKernels.cast(values, to: .string, isTry: false)
        let replacements = input.arguments.count > 2 ? input[2] : nil
        return try withBytesView(texts) { (elements) throws(SluiceError) -> Column in
            try withBytesView(input[1]) { (delimiters) throws(SluiceError) -> Column in
                var output: [UInt8] = []
                return try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                    output.removeAll(keepingCapacity: true)
                    var first = true
                    for element in offsets[row]..<offsets[row + 1] {
                        let index = Int(element)
                        var piece: [UInt8]?
                        if texts.isNull(index) {
                            guard let replacements else { continue }
                            piece = try withBytesView(replacements) { (view) throws(SluiceError) -> [UInt8] in Array(view[row]) }
                        } else {
                            piece = Array(elements[index])
                        }
                        if !first { output.append(contentsOf: delimiters[row]) }
                        first = false
                        output.append(contentsOf: piece ?? [])
                    }
                    builder.append(byteArray: output)
                }
            }
        }
    }

    static func extremum(_ name: String, _ arguments: [DataType], wantsMaximum: Bool) -> ScalarFunction? {
        guard arguments.count == 1, case .list(let element) = arguments[0], !element.isNested else { return nil }
        return makeFunction(name, arguments, element) { (input) throws(SluiceError) -> Column in
            let (offsets, values) = try input[0].listBuffers()
            let comparer = try RowComparer(values, values)
            var indices = [Int32](repeating: -1, count: input.count)
            for row in 0..<input.count where input.isValid(row) {
                var best: Int32 = -1
                for element in offsets[row]..<offsets[row + 1] {
                    // A null element makes the result null, as in Trino.
                    if values.isNull(Int(element)) {
                        best = -1
                        break
                    }
                    if best < 0 { best = element; continue }
                    let order = comparer.compare(Int(element), Int(best)) ?? 0
                    if wantsMaximum ? order > 0 : order < 0 { best = element }
                }
                indices[row] = best
            }
            return values.takeOrNull(indices)
        }
    }

    static func distinct(_ input: KernelInput) throws(SluiceError) -> Column {
        let (offsets, values) = try input[0].listBuffers()
        var order: [Int32] = []
        var newOffsets: [Int32] = [0]
        for row in 0..<input.count {
            if input.isValid(row) {
                let start = order.count
                for element in offsets[row]..<offsets[row + 1] {
                    let isDuplicate = order[start...].contains { values.sameValue(at: Int($0), as: Int(element)) || (
                        values.type.isNested && values.value(at: Int($0)) == values.value(at: Int(element))) }
                    if !isDuplicate { order.append(element) }
                }
            }
            newOffsets.append(Int32(order.count))
        }
        return Column(type: input.returnType, count: input.count, validity: nil,
                      storage: .list(offsets: newOffsets, values: values.take(order)))
    }

    static func sequence(_ input: KernelInput) throws(SluiceError) -> Column {
        let starts = try input[0].elements(Int64.self)
        let stops = try input[1].elements(Int64.self)
        let steps = input.arguments.count > 2 ? try input[2].elements(Int64.self) : nil
        return try RowKernels.build(input) { (row, builder) throws(SluiceError) in
            let start = starts[row]
            let stop = stops[row]
            let step = steps?[row] ?? (stop >= start ? 1 : -1)
            guard step != 0, (step > 0) == (stop >= start) || start == stop else {
                throw RowKernels.invalidArgument("sequence", "step \(step) does not lead from \(start) to \(stop).")
            }
            let (span, overflow) = stop.subtractingReportingOverflow(start)
            guard !overflow, span / step < maximumSequenceLength else {
                throw RowKernels.invalidArgument("sequence", "the result would have more than \(maximumSequenceLength) elements.")
            }
            guard let elements = builder.listValues else { return }
            var value = start
            for _ in 0...(span / step) {
                elements.append(int: value)
                value &+= step
            }
            builder.closeList()
        }
    }

    static func mapPart(_ name: String, _ arguments: [DataType], child: Int) -> ScalarFunction? {
        guard arguments.count == 1, case .map(let key, let value) = arguments[0] else { return nil }
        let element = child == 0 ? key : value
        return makeFunction(name, arguments, .list(element)) { (input) throws(SluiceError) -> Column in
            let (offsets, entries) = try input[0].listBuffers()
            let children = try entries.structChildren()
            return Column(type: .list(element), count: input.count, validity: nil,
                          storage: .list(offsets: offsets, values: children[child]))
        }
    }
}
