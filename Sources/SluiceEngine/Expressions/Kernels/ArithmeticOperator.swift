import SluiceCore

/// The binary arithmetic operators, with the words their overflow errors use.
enum ArithmeticOperator: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"

    var noun: String {
        switch self {
        case .add: "addition"
        case .subtract: "subtraction"
        case .multiply: "multiplication"
        case .divide: "division"
        case .modulo: "modulus"
        }
    }

    static func overflow(_ type: DataType, _ operation: String, _ operands: String) -> SluiceError {
        SluiceError(
            domain: .query, code: "expression.overflow",
            message: "\(type) \(operation) overflow: \(operands)",
            hint: "Cast the operands to a wider type (bigint, decimal(38,s) or double) first.")
    }

    static var divisionByZero: SluiceError {
        SluiceError(
            domain: .query, code: "expression.divisionByZero", message: "Division by zero.",
            hint: "Guard the divisor, e.g. CASE WHEN d <> 0 THEN n / d END, or use NULLIF(d, 0).")
    }
}
