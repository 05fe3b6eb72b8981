import SluiceCore

/// `typeof`, hashing and hex helpers.
enum MiscellaneousFunctions {
    static var definitions: [FunctionDefinition] {
        [
            FunctionDefinition(["typeof"], signatures: ["typeof(T)"]) { name, arguments in
                guard arguments.count == 1 else { return nil }
                let text = arguments[0].description
                return makeFunction(name, arguments, .string, propagatesNulls: false) { (input) throws(SluiceError) -> Column in
                    try Column.constant(.string(text), .string, count: input.count)
                }
            },
            FunctionDefinition(["to_hex"], overloads: [Overload([.binary], .string) { (input) throws(SluiceError) -> Column in
                let digits = Array("0123456789ABCDEF".utf8)
                return try withBytesView(input[0]) { (view) throws(SluiceError) -> Column in
                    var output: [UInt8] = []
                    return try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                        output.removeAll(keepingCapacity: true)
                        for byte in view[row] {
                            output.append(digits[Int(byte >> 4)])
                            output.append(digits[Int(byte & 15)])
                        }
                        builder.append(byteArray: output)
                    }
                }
            }]),
            FunctionDefinition(["to_utf8"], overloads: [Overload([.string], .binary) { (input) throws(SluiceError) -> Column in
                try CastKernels.cast(input[0], to: .binary, isTry: false)
            }]),
            FunctionDefinition(["from_utf8"], overloads: [Overload([.binary], .string) { (input) throws(SluiceError) -> Column in
                try withBytesView(input[0]) { (view) throws(SluiceError) -> Column in
                    // Invalid sequences become U+FFFD, as Trino does.
                    try RowKernels.build(input) { (row, builder) throws(SluiceError) in builder.append(string: view.string(row)) }
                }
            }]),
        ]
    }
}
