import SluiceCore

/// Helpers for kernels that work row by row into a ``ColumnBuilder`` (string, date and
/// collection functions): rows with a null argument get a null without calling the body.
enum RowKernels {
    /// Calls `body(row)` for each present row; it appends exactly one value (or null) to `builder`.
    @inline(__always)
    static func build(
        _ input: KernelInput, _ body: (_ row: Int, _ builder: ColumnBuilder) throws(SluiceError) -> Void
    ) throws(SluiceError) -> Column {
        let builder = ColumnBuilder(type: input.returnType, capacity: input.count)
        for row in 0..<input.count {
            if input.isValid(row) { try body(row, builder) } else { builder.appendNull() }
        }
        return builder.finish()
    }

    /// An Int64 column from `body(row)` on present rows.
    @inline(__always)
    static func int64s(_ input: KernelInput, _ body: (_ row: Int) throws(SluiceError) -> Int64) throws(SluiceError) -> Column {
        var values = [Int64](repeating: 0, count: input.count)
        for row in 0..<input.count where input.isValid(row) { values[row] = try body(row) }
        return Column.make(input.returnType, values, validity: input.validity)
    }

    /// A Double column from `body(row)` on present rows.
    @inline(__always)
    static func doubles(_ input: KernelInput, _ body: (_ row: Int) throws(SluiceError) -> Double) throws(SluiceError) -> Column {
        var values = [Double](repeating: 0, count: input.count)
        for row in 0..<input.count where input.isValid(row) { values[row] = try body(row) }
        return Column.make(input.returnType, values, validity: input.validity)
    }

    /// A boolean column from `body(row)` on present rows.
    @inline(__always)
    static func booleans(_ input: KernelInput, _ body: (_ row: Int) throws(SluiceError) -> Bool) throws(SluiceError) -> Column {
        var builder = BitmapBuilder(capacity: input.count)
        for row in 0..<input.count { builder.append(input.isValid(row) ? try body(row) : false) }
        return Column(type: .boolean, count: input.count, validity: input.validity, storage: .boolean(builder.finish()))
    }

    /// An error about an argument value, naming the function.
    static func invalidArgument(_ function: String, _ message: String, hint: String? = nil) -> SluiceError {
        SluiceError(domain: .query, code: "function.invalidArgument", message: "\(function): \(message)", hint: hint)
    }

    /// The bigint argument values (binder casts integer arguments to bigint).
    static func integers(_ column: Column) throws(SluiceError) -> [Int64] { try column.elements(Int64.self) }
}
