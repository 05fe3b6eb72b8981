public import SluiceCore

/// How much of an input schema inference reads, shared by JSON and CSV.
///
/// By default inference reads the first ``defaultSampleRecords`` records of each file
/// (20,000: enough to see optional fields in typical event data, cheap enough that
/// `sluice schema` over thousands of files takes seconds); `sampleRecords` may be set from 1 up
/// to ``maximumSampleRecords`` (100 million), or `nil` to read every record. Values beyond
/// the sample that do not fit the inferred type are bad records for the reader's policy.
public struct InferenceOptions: Sendable, Equatable {
    public static let defaultSampleRecords = 20_000
    public static let maximumSampleRecords = 100_000_000

    /// Records to read per file; nil reads them all.
    public var sampleRecords: Int?
    /// Whether strings in ISO form (`2026-11-01`, `2026-11-01T10:00:00Z`) become `date` and
    /// `timestamp` columns (as DuckDB and Spark with `inferTimestamp` do). On by default.
    public var detectTemporalStrings: Bool

    public init(sampleRecords: Int? = InferenceOptions.defaultSampleRecords, detectTemporalStrings: Bool = true) {
        self.sampleRecords = sampleRecords.map { min(max($0, 1), InferenceOptions.maximumSampleRecords) }
        self.detectTemporalStrings = detectTemporalStrings
    }
}

/// The schema inferred from one input, with what merging needs to know about it.
public struct InferredSchema: Sendable, Equatable {
    /// Inferred fields, all nullable.
    public var schema: Schema
    /// Top-level fields that appeared only with null values (typed `string` here; a merge
    /// with other files gives them the type found there).
    public var nullOnlyFields: Set<String>
    /// Records actually read.
    public var recordsSampled: Int
    /// True when the sample covered the whole input.
    public var isComplete: Bool

    public init(schema: Schema, nullOnlyFields: Set<String>, recordsSampled: Int, isComplete: Bool) {
        self.schema = schema
        self.nullOnlyFields = nullOnlyFields
        self.recordsSampled = recordsSampled
        self.isComplete = isComplete
    }
}
