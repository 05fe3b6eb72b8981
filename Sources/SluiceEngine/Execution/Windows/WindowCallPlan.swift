import SluiceCore

/// A ``WindowCall`` checked against the input schema and turned into what the evaluation
/// needs: the function, its input column, its frame and how its result is stored.
struct WindowCallPlan: Sendable {
    enum Function: Sendable {
        case rowNumber, rank, denseRank
        /// `lag` (negative offset) or `lead` (positive): the row `offset` positions away.
        case shift(offset: Int)
        case firstValue, lastValue
        case aggregate(AggregateKind)
    }

    /// How results are stored before they become a column.
    enum Storage: Sendable {
        case integer, double, decimal(scale: Int), boolean
        /// Positions of the sorted input column (-1: null, -2: the default value).
        case rows
    }

    let function: Function
    let input: Int?
    let inputType: DataType?
    let frame: ResolvedFrame
    let resultType: DataType
    let storage: Storage
    let name: String
    /// `lag`/`lead`'s default as a one-row column of the input type (nil: null).
    let defaultValue: Column?

    init(_ call: WindowCall, schema: Schema) throws(SluiceError) {
        name = call.name
        resultType = call.resultType
        input = call.input
        let callName = call.name
        func wrongType(_ message: String) -> SluiceError {
            SluiceError(domain: .query, code: "window.argumentType", message: "Window function \(callName): \(message)")
        }
        if let input = call.input {
            guard input >= 0, input < schema.count else {
                throw SluiceError.internal("Window function \(callName) reads column #\(input), outside the input's \(schema.count) columns.", domain: .query)
            }
            inputType = schema.fields[input].type
        } else {
            inputType = nil
        }
        frame = try ResolvedFrame(call.frame, callName: callName)
        var defaultValue: Column?
        switch call.function {
        case .rowNumber: function = .rowNumber
        case .rank: function = .rank
        case .denseRank: function = .denseRank
        case .lag(let offset, let value), .lead(let offset, let value):
            guard offset >= 0 else {
                throw SluiceError(
                    domain: .query, code: "window.invalidOffset",
                    message: "Window function \(callName): the offset must be zero or more, not \(offset).")
            }
            if case .lag = call.function { function = .shift(offset: -offset) } else { function = .shift(offset: offset) }
            if !value.isNull, let inputType {
                let builder = ColumnBuilder(type: inputType, capacity: 1)
                do {
                    try builder.append(value: value)
                } catch {
                    throw wrongType("the default value \(value.displayText) does not fit the argument's type \(inputType).")
                }
                defaultValue = builder.finish()
            }
        case .firstValue: function = .firstValue
        case .lastValue: function = .lastValue
        case .aggregate(let kind): function = .aggregate(kind)
        }
        self.defaultValue = defaultValue
        storage = try Self.storage(function: function, inputType: inputType, resultType: call.resultType, wrongType: wrongType)
    }

    /// Checks the argument and result types; returns how results are stored.
    private static func storage(
        function: Function, inputType: DataType?, resultType: DataType, wrongType: (String) -> SluiceError
    ) throws(SluiceError) -> Storage {
        func expectResult(_ expected: DataType) throws(SluiceError) {
            guard resultType == expected else { throw wrongType("the result type is \(resultType) but the function gives \(expected).") }
        }
        func needInput() throws(SluiceError) -> DataType {
            guard let inputType else { throw wrongType("the function needs an argument.") }
            return inputType
        }
        switch function {
        case .rowNumber, .rank, .denseRank:
            try expectResult(.int64)
            return .integer
        case .shift, .firstValue, .lastValue:
            try expectResult(try needInput())
            return .rows
        case .aggregate(let kind):
            switch kind {
            case .countStar:
                try expectResult(.int64)
                return .integer
            case .count:
                _ = try needInput()
                try expectResult(.int64)
                return .integer
            case .sum, .avg:
                let input = try needInput()
                switch (input, kind) {
                case (let type, .sum) where type.isInteger:
                    try expectResult(.int64)
                    return .integer
                case (let type, _) where type.isInteger || type.isFloatingPoint:
                    guard resultType == .float64 || resultType == .float32 else { throw wrongType("the result type is \(resultType) but the function gives double.") }
                    return .double
                case (.decimal(_, let scale), _):
                    guard case .decimal(_, let resultScale) = resultType, resultScale >= scale else {
                        throw wrongType("the result type is \(resultType) but \(kind.rawValue) over \(input) gives a decimal of scale \(scale).")
                    }
                    return .decimal(scale: scale)
                default:
                    throw wrongType("\(kind.rawValue) cannot take \(input). It takes numbers.")
                }
            case .min, .max:
                let input = try needInput()
                guard !input.isNested else { throw wrongType("\(kind.rawValue) cannot take \(input). It takes orderable values.") }
                try expectResult(input)
                return .rows
            case .arbitrary:
                try expectResult(try needInput())
                return .rows
            case .boolAnd, .boolOr:
                let input = try needInput()
                guard input == .boolean else { throw wrongType("\(kind.rawValue) cannot take \(input). It takes boolean values.") }
                try expectResult(.boolean)
                return .boolean
            case .approxDistinct:
                throw SluiceError(
                    domain: .query, code: "window.unsupportedFunction",
                    message: "approx_distinct is not supported as a window function.",
                    hint: "Compute it with GROUP BY and join the result back.")
            }
        }
    }

    /// True when evaluating needs peer groups.
    var usesPeers: Bool {
        switch function {
        case .rank, .denseRank: return true
        case .rowNumber, .shift: return false
        case .firstValue, .lastValue, .aggregate: return frame.usesPeers
        }
    }
}
