import SluiceCore

/// Stub.
enum MathFunctions {
    static var definitions: [FunctionDefinition] { [] }
}
