import SluiceCore

/// One function name (with its aliases) and its overloads: the signatures it shows in errors
/// and how it resolves argument types to a ``ScalarFunction``.
struct FunctionDefinition: Sendable {
    let names: [String]
    let signatures: [String]
    /// The function for these argument types (after implicit coercion), or nil when none fits.
    let resolve: @Sendable (_ name: String, _ arguments: [DataType]) -> ScalarFunction?

    init(_ names: [String], signatures: [String],
         resolve: @escaping @Sendable (_ name: String, _ arguments: [DataType]) -> ScalarFunction?) {
        self.names = names
        self.signatures = signatures
        self.resolve = resolve
    }

    /// A function with fixed overloads; arguments match a parameter when equal or implicitly
    /// coercible, and the overload needing the fewest coercions wins (the first on a tie).
    init(_ names: [String], overloads: [Overload]) {
        self.names = names
        self.signatures = overloads.map { $0.signature(names[0]) }
        self.resolve = { name, arguments in
            var best: (overload: Overload, cost: Int)?
            for overload in overloads {
                guard let cost = overload.coercionCost(arguments) else { continue }
                if best.map({ cost < $0.cost }) ?? true { best = (overload, cost) }
            }
            return best.map { $0.overload.function(name, arguments.count) }
        }
    }
}

/// The arguments a kernel receives: the columns, the row count, and (for functions that
/// return null on any null argument) the rows where every argument is present.
struct KernelInput {
    let arguments: [Column]
    let count: Int
    let validity: Bitmap?
    let returnType: DataType

    @inline(__always)
    func isValid(_ row: Int) -> Bool { validity.map { $0[row] } ?? true }

    subscript(index: Int) -> Column { arguments[index] }
}

/// The body of a kernel.
typealias KernelBody = @Sendable (KernelInput) throws(SluiceError) -> Column

/// One fixed signature of a function.
struct Overload: Sendable {
    var parameters: [DataType]
    /// The last parameter repeats (zero or more times past the fixed ones).
    var isVariadic = false
    var returnType: DataType
    var isDeterministic = true
    /// Null when any argument is null (most functions); false for functions that handle nulls.
    var propagatesNulls = true
    var body: KernelBody

    init(_ parameters: [DataType], _ returnType: DataType, isVariadic: Bool = false, isDeterministic: Bool = true,
         propagatesNulls: Bool = true, _ body: @escaping KernelBody) {
        self.parameters = parameters
        self.isVariadic = isVariadic
        self.returnType = returnType
        self.isDeterministic = isDeterministic
        self.propagatesNulls = propagatesNulls
        self.body = body
    }

    func signature(_ name: String) -> String {
        var parts = parameters.map(\.description)
        if isVariadic, let last = parts.last { parts[parts.count - 1] = last + "..." }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    /// Parameter types for `count` arguments.
    func parameterTypes(_ count: Int) -> [DataType] {
        guard isVariadic, let last = parameters.last else { return parameters }
        return Array(parameters.dropLast()) + Array(repeating: last, count: max(0, count - parameters.count + 1))
    }

    /// Number of arguments that need an implicit cast, or nil when the arguments do not fit.
    func coercionCost(_ arguments: [DataType]) -> Int? {
        if isVariadic {
            guard arguments.count >= parameters.count - 1 else { return nil }
        } else {
            guard arguments.count == parameters.count else { return nil }
        }
        var cost = 0
        for (argument, parameter) in zip(arguments, parameterTypes(arguments.count)) where argument != parameter {
            guard FunctionRegistry.canCoerceImplicitly(from: argument, to: parameter) else { return nil }
            cost += 1
        }
        return cost
    }

    func function(_ name: String, _ argumentCount: Int) -> ScalarFunction {
        makeFunction(name, parameterTypes(argumentCount), returnType, isDeterministic: isDeterministic,
                     propagatesNulls: propagatesNulls, body)
    }
}

/// A ``ScalarFunction`` whose kernel runs `body`; with `propagatesNulls` the result is null
/// wherever an argument is, and `body` is not called at all when every row has a null.
func makeFunction(
    _ name: String, _ argumentTypes: [DataType], _ returnType: DataType, isDeterministic: Bool = true,
    propagatesNulls: Bool = true, _ body: @escaping KernelBody
) -> ScalarFunction {
    ScalarFunction(name: name, argumentTypes: argumentTypes, returnType: returnType, isDeterministic: isDeterministic) {
        (arguments, count) throws(SluiceError) -> Column in
        guard propagatesNulls else {
            return try body(KernelInput(arguments: arguments, count: count, validity: nil, returnType: returnType))
        }
        let validity = Validity.of(arguments)
        if Validity.isAllNull(validity, count: count) { return Column.nulls(returnType, count: count) }
        let result = try body(KernelInput(arguments: arguments, count: count, validity: validity, returnType: returnType))
        return result.addingNulls(validity)
    }
}
