public import SluiceCore

/// The scalar functions and operators the engine knows, with Trino's names and semantics, and
/// the type rules the binder follows (common super types, implicit coercions, allowed casts).
public enum FunctionRegistry {
    /// Every definition by lower-case name (aliases included).
    static let definitions: [String: FunctionDefinition] = {
        var result: [String: FunctionDefinition] = [:]
        let all = OperatorFunctions.definitions + StringFunctions.definitions + MathFunctions.definitions
            + DateTimeFunctions.definitions + ConditionalFunctions.definitions + CollectionFunctions.definitions
            + RegexFunctions.definitions + MiscellaneousFunctions.definitions
        for definition in all {
            for name in definition.names { result[name] = definition }
        }
        return result
    }()

    /// Operators: resolved by symbol, reported as operators in errors.
    static let operatorNames: Set<String> = ["+", "-", "*", "/", "%", "||", "=", "<>", "<", "<=", ">", ">=", "negate", "is_distinct_from", "[]"]

    /// Resolves a function or operator by name (case-insensitive) for the argument types: picks the overload, decides the
    /// parameter types (the binder casts arguments to `function.argumentTypes` where they differ) and the return type.
    /// Operators use names "+", "-", "*", "/", "%", "||", "=", "<>", "<", "<=", ">", ">=", "negate", "is_distinct_from".
    /// Errors: unknown function ("Function 'lenght' does not exist. Did you mean 'length'?"), wrong arguments
    /// ("Function 'substr' cannot take (bigint). Signatures: substr(string, bigint), substr(string, bigint, bigint).").
    public static func resolve(_ name: String, argumentTypes: [DataType]) throws(SluiceError) -> ScalarFunction {
        let key = name.lowercased()
        guard let definition = definitions[key] else {
            var message = "Function '\(name)' does not exist."
            if let suggestion = closestName(to: key) { message += " Did you mean '\(suggestion)'?" }
            throw SluiceError(
                domain: .query, code: "function.unknown", message: message,
                hint: "Check the spelling; Sluice follows Trino's function names.")
        }
        if let function = definition.resolve(key, argumentTypes) { return function }
        let kind = operatorNames.contains(key) ? "Operator" : "Function"
        let types = argumentTypes.map(\.description).joined(separator: ", ")
        let mixesNumbersAndText = argumentTypes.contains(where: \.isNumeric) && argumentTypes.contains(.string)
        throw SluiceError(
            domain: .query, code: "function.arguments",
            message: "\(kind) '\(key)' cannot take (\(types)). Signatures: \(definition.signatures.joined(separator: ", ")).",
            hint: mixesNumbersAndText
                ? "Numbers and strings do not mix implicitly; CAST one side to the other's type."
                : "CAST the arguments to the types of one of the signatures.")
    }

    public static func isScalarFunction(_ name: String) -> Bool {
        let key = name.lowercased()
        return definitions[key] != nil && !operatorNames.contains(key)
    }

    /// The known name nearest `name` by edit distance (at most 2, or 1 for short names).
    static func closestName(to name: String) -> String? {
        let limit = name.count <= 3 ? 1 : 2
        var best: (name: String, distance: Int)?
        for candidate in definitions.keys where !operatorNames.contains(candidate) {
            let distance = NameSuggestion.editDistance(Array(name.utf8), Array(candidate.utf8))
            guard distance <= limit else { continue }
            if best.map({ distance < $0.distance || (distance == $0.distance && candidate < $0.name) }) ?? true {
                best = (candidate, distance)
            }
        }
        return best?.name
    }
}
