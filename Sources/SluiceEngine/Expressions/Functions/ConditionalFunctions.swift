import SluiceCore

/// Stub.
enum ConditionalFunctions {
    static var definitions: [FunctionDefinition] { [] }
}
