/// A password or other credential, held so that it cannot leak by accident: printing it,
/// interpolating it into a string or dumping it in a log shows `<redacted>`. Read the text
/// only where it is handed to a driver, through ``revealed``.
public struct SecretValue: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret text. Use it only to authenticate; never log or display it.
    public let revealed: String

    public init(_ text: String) {
        revealed = text
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
