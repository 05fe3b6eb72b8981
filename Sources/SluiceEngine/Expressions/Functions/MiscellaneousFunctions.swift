import SluiceCore

/// Stub.
enum MiscellaneousFunctions {
    static var definitions: [FunctionDefinition] { [] }
}
