import SluiceCore
@testable import SluiceEngine

/// Small builders for expression tests: batches from boxed values, bound expressions from names.
enum ExpressionTesting {
    /// A batch with one column per entry, built through ColumnBuilder.
    static func batch(_ columns: [(name: String, type: DataType, values: [Value])]) throws -> RecordBatch {
        let schema = Schema(columns.map { Field($0.name, $0.type) })
        let built = try columns.map { column -> Column in
            let builder = ColumnBuilder(type: column.type)
            for value in column.values { try builder.append(value: value) }
            return builder.finish()
        }
        return try RecordBatch(schema: schema, columns: built)
    }

    static func column(_ batch: RecordBatch, _ name: String) -> BoundExpression {
        let index = batch.schema.index(of: name) ?? -1
        return .column(index: index, type: batch.schema.fields[index].type, name: name)
    }

    static func literal(_ value: Value, _ type: DataType) -> BoundExpression { .literal(value, type) }

    /// A call resolved through the registry, with the binder's implicit casts inserted.
    static func call(_ name: String, _ arguments: BoundExpression...) throws -> BoundExpression {
        try call(name, arguments)
    }

    static func call(_ name: String, _ arguments: [BoundExpression]) throws -> BoundExpression {
        let function = try FunctionRegistry.resolve(name, argumentTypes: arguments.map(\.type))
        let cast = zip(arguments, function.argumentTypes).map { argument, type in
            argument.type == type ? argument : BoundExpression.cast(argument, to: type, isTry: false)
        }
        return .call(function, cast)
    }

    static func evaluate(_ expression: BoundExpression, _ batch: RecordBatch) throws -> [Value] {
        try ExpressionEvaluator.evaluate(expression, on: batch).values
    }

    /// Evaluates a constant expression on a one-row batch.
    static func constant(_ expression: BoundExpression) throws -> Value {
        try ExpressionEvaluator.evaluateConstant(expression)
    }

    /// The message of the SluiceError `body` throws, or nil when it does not throw.
    static func errorMessage(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as SluiceError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    static let empty: RecordBatch = try! RecordBatch(schema: Schema([]), columns: [])
}
