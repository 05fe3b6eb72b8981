import SluiceCore

/// Stub.
enum DateTimeFunctions {
    static var definitions: [FunctionDefinition] { [] }
}
