public import SluiceCore

/// How much of an input schema inference reads, shared by JSON and CSV.
///
/// By default inference reads the first ``defaultSampleRecords`` records of each file
/// (20,000: enough to see optional fields in typical event data, cheap enough that
/// `sluice schema` over thousands of files takes seconds); `sampleRecords` may be set from 1 up
/// to ``maximumSampleRecords`` (100 million), or `nil` to read every record. Values beyond
/// the sample that do not fit the inferred type are bad records for the reader's policy.
///
/// A sample may also be bounded by bytes (``sampleBytes``), as Glue crawlers sample: JSON
/// inference then stops at the first line boundary past that many (decompressed) bytes, and
/// when no valid record was found by then it reads on up to ``sampleBytesWithoutRecord``;
/// CSV inference stops at the first record that ends past ``sampleBytes``. Whichever of the
/// record and byte limits comes first ends the sample.
public struct InferenceOptions: Sendable, Equatable {
    public static let defaultSampleRecords = 20_000
    public static let maximumSampleRecords = 100_000_000

    /// Records to read per file; nil reads them all.
    public var sampleRecords: Int?
    /// Whether strings in ISO form (`2026-11-01`, `2026-11-01T10:00:00Z`) become `date` and
    /// `timestamp` columns (as DuckDB and Spark with `inferTimestamp` do). On by default.
    public var detectTemporalStrings: Bool
    /// Decompressed bytes to read per file; nil: no byte limit.
    public var sampleBytes: Int?
    /// For JSON: how far to read on past ``sampleBytes`` while no valid record has been found
    /// (nil: stop at ``sampleBytes`` regardless).
    public var sampleBytesWithoutRecord: Int?

    public init(
        sampleRecords: Int? = InferenceOptions.defaultSampleRecords, detectTemporalStrings: Bool = true,
        sampleBytes: Int? = nil, sampleBytesWithoutRecord: Int? = nil
    ) {
        self.sampleRecords = sampleRecords.map { min(max($0, 1), InferenceOptions.maximumSampleRecords) }
        self.detectTemporalStrings = detectTemporalStrings
        self.sampleBytes = sampleBytes.map { max($0, 1) }
        self.sampleBytesWithoutRecord = sampleBytesWithoutRecord
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
    /// Decompressed bytes the sample covered (0 when the format does not say, e.g. Parquet).
    public var bytesSampled: Int
    /// Malformed records passed over in the sample (with a skipping bad-record policy).
    public var recordsSkipped: Int

    public init(
        schema: Schema, nullOnlyFields: Set<String>, recordsSampled: Int, isComplete: Bool,
        bytesSampled: Int = 0, recordsSkipped: Int = 0
    ) {
        self.schema = schema
        self.nullOnlyFields = nullOnlyFields
        self.recordsSampled = recordsSampled
        self.isComplete = isComplete
        self.bytesSampled = bytesSampled
        self.recordsSkipped = recordsSkipped
    }
}
