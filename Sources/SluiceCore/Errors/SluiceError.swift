/// The one error shape for all of Sluice: a stable code, a message that names the object,
/// where it happened, and how to fix it. Rendered to text (or AWS JSON) only at the edges.
public struct SluiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which part of Sluice raised the error.
    public var domain: ErrorDomain
    /// A stable, machine-readable code such as `json.syntax` or `file.notFound`.
    public var code: String
    /// What went wrong, naming the object (file, column, table…). One sentence, no location.
    public var message: String
    /// Where it went wrong: file, line, column, record, field.
    public var location: ErrorLocation?
    /// How to fix it, addressed to the user. `nil` when there is nothing useful to say.
    public var hint: String?

    public init(
        domain: ErrorDomain,
        code: String,
        message: String,
        location: ErrorLocation? = nil,
        hint: String? = nil
    ) {
        self.domain = domain
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// An error that can only come from a bug in Sluice, never from user input.
    public static func `internal`(_ message: String, domain: ErrorDomain = .core) -> SluiceError {
        SluiceError(
            domain: domain, code: "internal", message: message,
            hint: "This is a bug in Sluice; please report it with the command that triggered it.")
    }

    /// True when this error is a bug rather than a problem with the user's input.
    public var isInternal: Bool { code == "internal" }

    /// `location: message` on one line, as shown to people.
    public var summary: String {
        guard let location, !location.isEmpty else { return message }
        return "\(location): \(message)"
    }

    /// The full text: summary, then the hint on its own line.
    public var description: String {
        guard let hint else { return summary }
        return "\(summary)\nHint: \(hint)"
    }

    /// The same error with location details filled in where they are still missing.
    public func locatedIn(
        file: String? = nil, line: Int? = nil, column: Int? = nil, record: Int? = nil, field: String? = nil,
        rowGroup: Int? = nil
    ) -> SluiceError {
        var copy = self
        var location = self.location ?? ErrorLocation()
        if location.file == nil { location.file = file }
        if location.line == nil { location.line = line }
        if location.column == nil { location.column = column }
        if location.record == nil { location.record = record }
        if location.field == nil { location.field = field }
        if location.rowGroup == nil { location.rowGroup = rowGroup }
        // Nothing to add keeps `nil` as `nil`, so the error still equals the original.
        copy.location = location.isEmpty ? self.location : location
        return copy
    }
}

/// The part of Sluice an error comes from; it decides the exit code and the AWS error type.
public enum ErrorDomain: String, Sendable, Equatable, CaseIterable {
    case core, io, format, query, catalog, stream, job, connector, usage
}
