import SluiceCore

/// Stub.
enum RegexFunctions {
    static var definitions: [FunctionDefinition] { [] }
}
