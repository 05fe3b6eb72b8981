import SluiceCore

/// String functions (Trino semantics; positions and lengths count characters, not bytes).
enum StringFunctions {
    static var definitions: [FunctionDefinition] {
        [
            FunctionDefinition(["length"], overloads: [Overload([.string], .int64) { (input) throws(SluiceError) -> Column in
                try withBytesView(input[0]) { (view) throws(SluiceError) -> Column in
                    try RowKernels.int64s(input) { row in Int64(UTF8Bytes.characterCount(view[row])) }
                }
            }]),
            FunctionDefinition(["lower"], overloads: [Overload([.string], .string) { (input) throws(SluiceError) -> Column in
                try mapCase(input, upper: false)
            }]),
            FunctionDefinition(["upper"], overloads: [Overload([.string], .string) { (input) throws(SluiceError) -> Column in
                try mapCase(input, upper: true)
            }]),
            FunctionDefinition(["trim"], overloads: [Overload([.string], .string) { (input) throws(SluiceError) -> Column in
                try trim(input, leading: true, trailing: true)
            }]),
            FunctionDefinition(["ltrim"], overloads: [Overload([.string], .string) { (input) throws(SluiceError) -> Column in
                try trim(input, leading: true, trailing: false)
            }]),
            FunctionDefinition(["rtrim"], overloads: [Overload([.string], .string) { (input) throws(SluiceError) -> Column in
                try trim(input, leading: false, trailing: true)
            }]),
            FunctionDefinition(["substr", "substring"], overloads: [
                Overload([.string, .int64], .string) { (input) throws(SluiceError) -> Column in try substring(input) },
                Overload([.string, .int64, .int64], .string) { (input) throws(SluiceError) -> Column in try substring(input) },
            ]),
            FunctionDefinition(["strpos"], overloads: [
                Overload([.string, .string], .int64) { (input) throws(SluiceError) -> Column in
                    try position(input, text: 0, search: 1)
                },
                Overload([.string, .string, .int64], .int64) { (input) throws(SluiceError) -> Column in
                    try nthPosition(input)
                },
            ]),
            FunctionDefinition(["position"], overloads: [Overload([.string, .string], .int64) { (input) throws(SluiceError) -> Column in
                try position(input, text: 1, search: 0)
            }]),
            FunctionDefinition(["replace"], overloads: [
                Overload([.string, .string], .string) { (input) throws(SluiceError) -> Column in try replace(input) },
                Overload([.string, .string, .string], .string) { (input) throws(SluiceError) -> Column in try replace(input) },
            ]),
            FunctionDefinition(["reverse"], overloads: [Overload([.string], .string) { (input) throws(SluiceError) -> Column in
                try reverse(input)
            }]),
            FunctionDefinition(["concat"], overloads: [
                Overload([.string], .string, isVariadic: true) { (input) throws(SluiceError) -> Column in try concatenate(input) },
            ]),
            FunctionDefinition(["concat_ws"], overloads: [
                Overload([.string, .string], .string, isVariadic: true, propagatesNulls: false) { (input) throws(SluiceError) -> Column in
                    try concatenateWithSeparator(input)
                },
            ]),
            FunctionDefinition(["lpad"], overloads: [Overload([.string, .int64, .string], .string) { (input) throws(SluiceError) -> Column in
                try pad(input, left: true)
            }]),
            FunctionDefinition(["rpad"], overloads: [Overload([.string, .int64, .string], .string) { (input) throws(SluiceError) -> Column in
                try pad(input, left: false)
            }]),
            FunctionDefinition(["split"], overloads: [Overload([.string, .string], .list(.string)) { (input) throws(SluiceError) -> Column in
                try split(input)
            }]),
            FunctionDefinition(["split_part"], overloads: [Overload([.string, .string, .int64], .string) { (input) throws(SluiceError) -> Column in
                try splitPart(input)
            }]),
            FunctionDefinition(["starts_with"], overloads: [Overload([.string, .string], .boolean) { (input) throws(SluiceError) -> Column in
                try withBytesView(input[0]) { (text) throws(SluiceError) -> Column in
                    try withBytesView(input[1]) { (prefix) throws(SluiceError) -> Column in
                        try RowKernels.booleans(input) { row in
                            let t = text[row]
                            let p = prefix[row]
                            return t.count >= p.count && UTF8Bytes.equal(UnsafeBufferPointer(rebasing: t[0..<p.count]), p)
                        }
                    }
                }
            }]),
            FunctionDefinition(["chr"], overloads: [Overload([.int64], .string) { (input) throws(SluiceError) -> Column in
                let codes = try RowKernels.integers(input[0])
                return try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                    guard let scalar = UInt32(exactly: codes[row]).flatMap(Unicode.Scalar.init) else {
                        throw RowKernels.invalidArgument("chr", "\(codes[row]) is not a Unicode code point.")
                    }
                    builder.append(string: String(Character(scalar)))
                }
            }]),
            FunctionDefinition(["codepoint"], overloads: [Overload([.string], .int32) { (input) throws(SluiceError) -> Column in
                try withBytesView(input[0]) { (view) throws(SluiceError) -> Column in
                    var values = [Int32](repeating: 0, count: input.count)
                    for row in 0..<input.count where input.isValid(row) {
                        let text = view.string(row)
                        guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first else {
                            throw RowKernels.invalidArgument(
                                "codepoint", "the argument must be a single character, not '\(text)'.")
                        }
                        values[row] = Int32(scalar.value)
                    }
                    return Column.make(.int32, values, validity: input.validity)
                }
            }]),
        ]
    }

    /// `lower`/`upper`: ASCII rows byte by byte, others through Unicode case mapping.
    static func mapCase(_ input: KernelInput, upper: Bool) throws(SluiceError) -> Column {
        try withBytesView(input[0]) { (view) throws(SluiceError) -> Column in
            var scratch: [UInt8] = []
            return try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                let bytes = view[row]
                if bytes.allSatisfy({ $0 < 0x80 }) {
                    scratch.removeAll(keepingCapacity: true)
                    for byte in bytes {
                        let isLower = byte >= 0x61 && byte <= 0x7A
                        let isUpper = byte >= 0x41 && byte <= 0x5A
                        scratch.append(upper ? (isLower ? byte - 32 : byte) : (isUpper ? byte + 32 : byte))
                    }
                    builder.append(byteArray: scratch)
                } else {
                    let text = view.string(row)
                    builder.append(string: upper ? text.uppercased() : text.lowercased())
                }
            }
        }
    }

    static func trim(_ input: KernelInput, leading: Bool, trailing: Bool) throws(SluiceError) -> Column {
        try withBytesView(input[0]) { (view) throws(SluiceError) -> Column in
            try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                let bytes = view[row]
                var start = 0
                var end = bytes.count
                if leading { while start < end, TextParsing.isSpace(bytes[start]) { start += 1 } }
                if trailing { while end > start, TextParsing.isSpace(bytes[end - 1]) { end -= 1 } }
                builder.append(byteBuffer: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            }
        }
    }

    /// `substr(s, start[, length])`: 1-based; a negative start counts from the end; start 0 or
    /// past the end gives ''.
    static func substring(_ input: KernelInput) throws(SluiceError) -> Column {
        let starts = try RowKernels.integers(input[1])
        let lengths = input.arguments.count > 2 ? try RowKernels.integers(input[2]) : nil
        return try withBytesView(input[0]) { (view) throws(SluiceError) -> Column in
            try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                let bytes = view[row]
                let characters = Int64(UTF8Bytes.characterCount(bytes))
                var start = starts[row]
                let length = lengths?[row] ?? Int64.max
                if start < 0 { start = characters + start + 1 }
                guard start >= 1, start <= characters, length > 0 else {
                    builder.append(string: "")
                    return
                }
                let from = UTF8Bytes.byteOffset(ofCharacter: Int(start - 1), in: bytes)
                let rest = UnsafeBufferPointer(rebasing: bytes[from...])
                let take = min(length, characters - start + 1)
                let to = UTF8Bytes.byteOffset(ofCharacter: Int(take), in: rest)
                builder.append(byteBuffer: UnsafeBufferPointer(rebasing: rest[0..<to]))
            }
        }
    }

    /// 1-based character position of the first occurrence, 0 when absent (1 for '').
    static func position(_ input: KernelInput, text: Int, search: Int) throws(SluiceError) -> Column {
        try withBytesView(input[text]) { (texts) throws(SluiceError) -> Column in
            try withBytesView(input[search]) { (searches) throws(SluiceError) -> Column in
                try RowKernels.int64s(input) { row in
                    let haystack = texts[row]
                    guard let offset = UTF8Bytes.find(searches[row], in: haystack) else { return 0 }
                    return Int64(UTF8Bytes.characterCount(UnsafeBufferPointer(rebasing: haystack[0..<offset]))) + 1
                }
            }
        }
    }

    static func replace(_ input: KernelInput) throws(SluiceError) -> Column {
        let replacements = input.arguments.count > 2 ? input[2] : try Column.constant(.string(""), .string, count: input.count)
        return try withBytesView(input[0]) { (texts) throws(SluiceError) -> Column in
            try withBytesView(input[1]) { (searches) throws(SluiceError) -> Column in
                try withBytesView(replacements) { (replacementView) throws(SluiceError) -> Column in
                    try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                        let text = texts[row]
                        let search = searches[row]
                        let replacement = replacementView[row]
                        var output: [UInt8] = []
                        output.reserveCapacity(text.count)
                        if search.isEmpty {
                            // Trino inserts the replacement before every character and at the end.
                            var index = 0
                            while index < text.count {
                                output.append(contentsOf: replacement)
                                let length = UTF8Bytes.sequenceLength(text[index])
                                output.append(contentsOf: text[index..<min(index + length, text.count)])
                                index += length
                            }
                            output.append(contentsOf: replacement)
                        } else {
                            var index = 0
                            while let found = UTF8Bytes.find(search, in: text, from: index) {
                                output.append(contentsOf: text[index..<found])
                                output.append(contentsOf: replacement)
                                index = found + search.count
                            }
                            output.append(contentsOf: text[index...])
                        }
                        builder.append(byteArray: output)
                    }
                }
            }
        }
    }

    static func reverse(_ input: KernelInput) throws(SluiceError) -> Column {
        try withBytesView(input[0]) { (view) throws(SluiceError) -> Column in
            var output: [UInt8] = []
            return try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                let bytes = view[row]
                output.removeAll(keepingCapacity: true)
                var end = bytes.count
                while end > 0 {
                    var start = end - 1
                    while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
                    output.append(contentsOf: bytes[start..<end])
                    end = start
                }
                builder.append(byteArray: output)
            }
        }
    }

    /// `concat(a, b, …)` and `a || b`: null when any argument is null.
    static func concatenate(_ input: KernelInput) throws(SluiceError) -> Column {
        var buffers: [(offsets: [Int32], data: [UInt8])] = []
        for argument in input.arguments { buffers.append(try argument.byteBuffers()) }
        let builder = ColumnBuilder(type: .string, capacity: input.count)
        for row in 0..<input.count {
            guard input.isValid(row) else {
                builder.appendNull()
                continue
            }
            for buffer in buffers {
                buffer.data.withUnsafeBytes { data in
                    builder.appendStringPiece(UnsafeRawBufferPointer(rebasing: data[Int(buffer.offsets[row])..<Int(buffer.offsets[row + 1])]))
                }
            }
            builder.closeString()
        }
        return builder.finish()
    }

    /// `concat_ws(separator, s…)`: the non-null strings joined by the separator; null when the
    /// separator is null (Trino).
    static func concatenateWithSeparator(_ input: KernelInput) throws(SluiceError) -> Column {
        let separator = input[0]
        let (separatorOffsets, separatorData) = try separator.byteBuffers()
        var parts: [(column: Column, offsets: [Int32], data: [UInt8])] = []
        for argument in input.arguments.dropFirst() {
            let (offsets, data) = try argument.byteBuffers()
            parts.append((argument, offsets, data))
        }
        let builder = ColumnBuilder(type: .string, capacity: input.count)
        for row in 0..<input.count {
            guard !separator.isNull(row) else {
                builder.appendNull()
                continue
            }
            var first = true
            for part in parts where !part.column.isNull(row) {
                if !first {
                    separatorData.withUnsafeBytes { data in
                        builder.appendStringPiece(UnsafeRawBufferPointer(rebasing: data[Int(separatorOffsets[row])..<Int(separatorOffsets[row + 1])]))
                    }
                }
                first = false
                part.data.withUnsafeBytes { data in
                    builder.appendStringPiece(UnsafeRawBufferPointer(rebasing: data[Int(part.offsets[row])..<Int(part.offsets[row + 1])]))
                }
            }
            builder.closeString()
        }
        return builder.finish()
    }

    /// `strpos(string, substring, instance)`: the 1-based character position of the
    /// `instance`-th occurrence (0 when there are fewer); instance must be positive.
    static func nthPosition(_ input: KernelInput) throws(SluiceError) -> Column {
        let instances = try RowKernels.integers(input[2])
        return try withBytesView(input[0]) { (texts) throws(SluiceError) -> Column in
            try withBytesView(input[1]) { (searches) throws(SluiceError) -> Column in
                try RowKernels.int64s(input) { (row) throws(SluiceError) -> Int64 in
                    let instance = instances[row]
                    guard instance > 0 else {
                        throw RowKernels.invalidArgument("strpos", "the instance must be a positive number, not \(instance).")
                    }
                    let haystack = texts[row]
                    let needle = searches[row]
                    // An empty substring is found once, at the start (as strpos(s, '') = 1).
                    if needle.isEmpty { return instance == 1 ? 1 : 0 }
                    var start = 0
                    var found = 0
                    while start <= haystack.count {
                        guard let offset = UTF8Bytes.find(needle, in: UnsafeBufferPointer(rebasing: haystack[start...])) else { return 0 }
                        found += 1
                        if found == instance {
                            return Int64(UTF8Bytes.characterCount(UnsafeBufferPointer(rebasing: haystack[0..<start + offset]))) + 1
                        }
                        start += offset + max(1, UTF8Bytes.sequenceLength(haystack[start + offset]))
                        if start >= haystack.count { break }
                    }
                    return 0
                }
            }
        }
    }

    /// The most characters `lpad`/`rpad` make, so a typo cannot allocate gigabytes.
    static let maximumPaddedLength: Int64 = 1_000_000

    static func pad(_ input: KernelInput, left: Bool) throws(SluiceError) -> Column {
        let sizes = try RowKernels.integers(input[1])
        let name = left ? "lpad" : "rpad"
        return try withBytesView(input[0]) { (texts) throws(SluiceError) -> Column in
            try withBytesView(input[2]) { (pads) throws(SluiceError) -> Column in
                try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                    let size = sizes[row]
                    guard size >= 0, size <= maximumPaddedLength else {
                        throw RowKernels.invalidArgument(name, "target length \(size) must be between 0 and \(maximumPaddedLength).")
                    }
                    let text = texts[row]
                    let padding = pads[row]
                    let length = UTF8Bytes.characterCount(text)
                    if length >= size {
                        builder.append(byteBuffer: UnsafeBufferPointer(rebasing: text[0..<UTF8Bytes.byteOffset(ofCharacter: Int(size), in: text)]))
                        return
                    }
                    guard !padding.isEmpty else {
                        throw RowKernels.invalidArgument(name, "the padding string must not be empty.")
                    }
                    var fill: [UInt8] = []
                    var needed = Int(size) - length
                    var index = 0
                    while needed > 0 {
                        let characterLength = UTF8Bytes.sequenceLength(padding[index])
                        fill.append(contentsOf: padding[index..<min(index + characterLength, padding.count)])
                        index += characterLength
                        if index >= padding.count { index = 0 }
                        needed -= 1
                    }
                    var output: [UInt8] = left ? fill : Array(text)
                    output.append(contentsOf: left ? Array(text) : fill)
                    builder.append(byteArray: output)
                }
            }
        }
    }

    static func split(_ input: KernelInput) throws(SluiceError) -> Column {
        try withBytesView(input[0]) { (texts) throws(SluiceError) -> Column in
            try withBytesView(input[1]) { (delimiters) throws(SluiceError) -> Column in
                try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                    let text = texts[row]
                    let delimiter = delimiters[row]
                    guard !delimiter.isEmpty else {
                        throw RowKernels.invalidArgument("split", "the delimiter must not be empty.")
                    }
                    guard let elements = builder.listValues else { return }
                    var index = 0
                    while let found = UTF8Bytes.find(delimiter, in: text, from: index) {
                        elements.append(byteBuffer: UnsafeBufferPointer(rebasing: text[index..<found]))
                        index = found + delimiter.count
                    }
                    elements.append(byteBuffer: UnsafeBufferPointer(rebasing: text[index...]))
                    builder.closeList()
                }
            }
        }
    }

    /// `split_part(s, delimiter, n)`: the n-th field (1-based), null past the last.
    static func splitPart(_ input: KernelInput) throws(SluiceError) -> Column {
        let indexes = try RowKernels.integers(input[2])
        return try withBytesView(input[0]) { (texts) throws(SluiceError) -> Column in
            try withBytesView(input[1]) { (delimiters) throws(SluiceError) -> Column in
                try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                    let wanted = indexes[row]
                    guard wanted > 0 else {
                        throw RowKernels.invalidArgument("split_part", "the field index must be greater than zero, not \(wanted).")
                    }
                    let text = texts[row]
                    let delimiter = delimiters[row]
                    if delimiter.isEmpty {
                        if wanted == 1 { builder.append(byteBuffer: text) } else { builder.appendNull() }
                        return
                    }
                    var field: Int64 = 1
                    var index = 0
                    while true {
                        let found = UTF8Bytes.find(delimiter, in: text, from: index)
                        if field == wanted {
                            builder.append(byteBuffer: UnsafeBufferPointer(rebasing: text[index..<(found ?? text.count)]))
                            return
                        }
                        guard let found else {
                            builder.appendNull()
                            return
                        }
                        index = found + delimiter.count
                        field += 1
                    }
                }
            }
        }
    }
}
