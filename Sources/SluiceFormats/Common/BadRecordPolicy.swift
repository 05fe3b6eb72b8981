/// What a reader does with a record it cannot read (malformed syntax, a value of the wrong type).
public enum BadRecordPolicy: String, Sendable, CaseIterable {
    /// Stop with an error naming the file, line and column. The default: nothing is dropped silently.
    case fail
    /// Leave the record out of the batches and hand it to the caller as a ``RejectedRecord``
    /// (the CLI writes them to an error file) with the reason.
    case skip
    /// Keep the record; fields that cannot be read become null (a record whose syntax is
    /// broken beyond the first bad field becomes a row of nulls).
    case setNull = "null"
}

/// A record left out under ``BadRecordPolicy/skip``: where it was, why, and its raw text.
public struct RejectedRecord: Sendable, Equatable {
    public var file: String?
    /// 1-based line where the record starts.
    public var line: Int
    public var reason: String
    /// The record's raw text, cut to ``maximumTextBytes`` bytes.
    public var text: String

    /// Longest raw text kept per rejected record: enough to recognise it, bounded so a
    /// huge bad record cannot blow up the error output.
    public static let maximumTextBytes = 64 * 1024

    public init(file: String?, line: Int, reason: String, text: String) {
        self.file = file
        self.line = line
        self.reason = reason
        self.text = text
    }
}
