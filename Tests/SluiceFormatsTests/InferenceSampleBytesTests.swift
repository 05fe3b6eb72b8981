import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

/// Samples bounded by bytes (as Glue crawlers sample): where they stop, what they report.
@Suite("Inference samples bounded by bytes")
struct InferenceSampleBytesTests {
    @Test func jsonStopsAtTheLineBoundaryBeforeTheLimit() throws {
        let folder = try TemporaryFolder()
        let line = #"{"id":1,"pad":"\#(String(repeating: "p", count: 40))"}"#
        let lineBytes = line.utf8.count + 1
        let path = try folder.write(String(repeating: line + "\n", count: 100) + #"{"id":2,"late":1}"# + "\n", to: "a.json")
        let options = InferenceOptions(sampleRecords: nil, sampleBytes: 1_000)
        let inferred = try JSONSchemaInference.infer(path: path, options: options)
        #expect(inferred.schema.names == ["id", "pad"])
        #expect(inferred.recordsSampled == 1_000 / lineBytes)
        #expect(inferred.bytesSampled == (1_000 / lineBytes) * lineBytes)
        #expect(!inferred.isComplete)
        let whole = try JSONSchemaInference.infer(path: path, options: InferenceOptions(sampleRecords: nil))
        #expect(whole.schema.names == ["id", "pad", "late"])
        #expect(whole.isComplete)
        #expect(whole.bytesSampled == 100 * lineBytes + 18)
    }

    @Test func jsonReadsOnUntilAValidRecordWhenAllowed() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(String(repeating: "{ broken\n", count: 300) + #"{"id":1}"# + "\n", to: "b.json")
        let strict = try JSONSchemaInference.infer(
            path: path, options: InferenceOptions(sampleRecords: nil, sampleBytes: 900), badRecords: .skip)
        #expect(strict.recordsSampled == 0)
        #expect(strict.recordsSkipped == 100)
        let patient = try JSONSchemaInference.infer(
            path: path, options: InferenceOptions(sampleRecords: nil, sampleBytes: 900, sampleBytesWithoutRecord: 9_000), badRecords: .skip)
        #expect(patient.recordsSampled == 1)
        #expect(patient.recordsSkipped == 300)
        #expect(patient.schema.names == ["id"])
    }

    @Test func csvStopsAtTheFirstRecordPastTheLimit() throws {
        let folder = try TemporaryFolder()
        var text = "n,label\n"
        for row in 0..<200 { text += "\(row),x\(row % 10)\n" }
        text += "oops,late\n"
        let path = try folder.write(text, to: "c.csv")
        let inferred = try CSVSchemaInference.infer(
            path: path, options: CSVReadOptions(inference: InferenceOptions(sampleRecords: nil, sampleBytes: 200)))
        #expect(inferred.schema.fields.map(\.type) == [.int64, .string])
        #expect(!inferred.inferred.isComplete)
        #expect(inferred.inferred.bytesSampled >= 200)
        #expect(inferred.inferred.bytesSampled < 220)
        let whole = try CSVSchemaInference.infer(path: path, options: CSVReadOptions(inference: InferenceOptions(sampleRecords: nil)))
        #expect(whole.schema.fields.map(\.type) == [.string, .string])
        #expect(whole.inferred.bytesSampled == text.utf8.count)
    }
}
