import NIOCore
import SluiceCore

/// Decodes PostgreSQL's binary values of one column straight into a ``ColumnBuilder``,
/// following the column's ``PostgresTypeMapping``. No boxed values: each cell's bytes are
/// read in place.
struct PostgresValueDecoder {
    let mapping: PostgresTypeMapping

    /// Why a value could not be stored, described for a person (the reader adds the table,
    /// column and row).
    struct Problem: Error {
        let message: String
        let hint: String
    }

    /// Days from 1970-01-01 to 2000-01-01, PostgreSQL's epoch.
    static let epochOffsetDays: Int64 = 10_957
    static let epochOffsetMicroseconds: Int64 = 946_684_800_000_000
    /// Where ±infinity dates and timestamps land: the range Sluice prints (years 1…9999).
    static let latestDays: Int64 = 2_932_896
    static let earliestDays: Int64 = -719_162
    static let latestMicroseconds: Int64 = 253_402_300_799_999_999
    static let earliestMicroseconds: Int64 = -62_135_596_800_000_000

    func append(_ bytes: ByteBuffer?, to builder: ColumnBuilder) throws(Problem) {
        guard let bytes else {
            builder.appendNull()
            return
        }
        try bytes.withUnsafeReadableBytes { raw throws(Problem) in
            if mapping.isArray {
                try appendArray(raw, to: builder)
            } else {
                try appendScalar(raw, to: builder)
            }
        }
    }

    /// Arrays: dimensions, a null flag, the element type, per dimension its length and lower
    /// bound, then each element as a length (-1 for null) and its bytes. Elements of all
    /// dimensions are appended in order, so `{{1,2},{3,4}}` becomes `[1, 2, 3, 4]`.
    private func appendArray(_ raw: UnsafeRawBufferPointer, to builder: ColumnBuilder) throws(Problem) {
        guard raw.count >= 12, let elements = builder.listValues else { throw malformed("array") }
        let dimensions = Int(raw.bigEndianInt32(at: 0))
        guard dimensions >= 0, raw.count >= 12 + dimensions * 8 else { throw malformed("array") }
        var count = dimensions == 0 ? 0 : 1
        for dimension in 0..<dimensions { count *= Int(raw.bigEndianInt32(at: 12 + dimension * 8)) }
        var offset = 12 + dimensions * 8
        for _ in 0..<count {
            guard offset + 4 <= raw.count else { throw malformed("array") }
            let length = Int(raw.bigEndianInt32(at: offset))
            offset += 4
            if length < 0 {
                elements.appendNull()
                continue
            }
            guard offset + length <= raw.count else { throw malformed("array") }
            try appendScalar(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)]), to: elements)
            offset += length
        }
        builder.closeList()
    }

    private func appendScalar(_ raw: UnsafeRawBufferPointer, to builder: ColumnBuilder) throws(Problem) {
        switch mapping.decoding {
        case .boolean:
            guard raw.count == 1 else { throw malformed("boolean") }
            builder.append(bool: raw[0] != 0)
        case .int16:
            guard raw.count == 2 else { throw malformed("smallint") }
            builder.append(int: Int64(raw.bigEndianInt16(at: 0)))
        case .int32:
            guard raw.count == 4 else { throw malformed("integer") }
            builder.append(int: Int64(raw.bigEndianInt32(at: 0)))
        case .int64:
            guard raw.count == 8 else { throw malformed("bigint") }
            builder.append(int: raw.bigEndianInt64(at: 0))
        case .float32:
            guard raw.count == 4 else { throw malformed("real") }
            builder.append(double: Double(Float(bitPattern: UInt32(bitPattern: raw.bigEndianInt32(at: 0)))))
        case .float64:
            guard raw.count == 8 else { throw malformed("double precision") }
            builder.append(double: Double(bitPattern: UInt64(bitPattern: raw.bigEndianInt64(at: 0))))
        case .decimal(let precision, let scale):
            do {
                builder.append(decimal: try PostgresNumeric.unscaled(raw, scale: scale, precision: precision))
            } catch {
                throw numericProblem(error, precision: precision, scale: scale)
            }
        case .text:
            builder.append(bytes: raw)
        case .jsonb:
            guard raw.count >= 1, raw[0] == 1 else { throw malformed("jsonb") }
            builder.append(bytes: UnsafeRawBufferPointer(rebasing: raw[1...]))
        case .uuid:
            guard raw.count == 16 else { throw malformed("uuid") }
            appendUUID(raw, to: builder)
        case .binary:
            builder.append(bytes: raw)
        case .date:
            guard raw.count == 4 else { throw malformed("date") }
            let days = raw.bigEndianInt32(at: 0)
            switch days {
            case Int32.max: builder.append(int: Self.latestDays)
            case Int32.min: builder.append(int: Self.earliestDays)
            default: builder.append(int: Int64(days) + Self.epochOffsetDays)
            }
        case .timestamp:
            guard raw.count == 8 else { throw malformed("timestamp") }
            let microseconds = raw.bigEndianInt64(at: 0)
            switch microseconds {
            case Int64.max: builder.append(int: Self.latestMicroseconds)
            case Int64.min: builder.append(int: Self.earliestMicroseconds)
            default: builder.append(int: microseconds &+ Self.epochOffsetMicroseconds)
            }
        }
    }

    /// `8-4-4-4-12` lower-case hex, as PostgreSQL prints UUIDs.
    private func appendUUID(_ raw: UnsafeRawBufferPointer, to builder: ColumnBuilder) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        for index in 0..<16 {
            if index == 4 || index == 6 || index == 8 || index == 10 { builder.appendStringByte(UInt8(ascii: "-")) }
            builder.appendStringByte(digits[Int(raw[index] >> 4)])
            builder.appendStringByte(digits[Int(raw[index] & 0x0F)])
        }
        builder.closeString()
    }

    private func numericProblem(_ problem: PostgresNumeric.Problem, precision: Int, scale: Int) -> Problem {
        let fix = "Read the column through a query that casts it, e.g. SELECT amount::text or amount::float8, or declare it numeric(p,s) with p ≤ 38."
        switch problem {
        case .notANumber:
            return Problem(message: "the value NaN does not fit decimal(\(precision),\(scale))", hint: fix)
        case .infinite(let negative):
            return Problem(message: "the value \(negative ? "-" : "")Infinity does not fit decimal(\(precision),\(scale))", hint: fix)
        case .overflow(let text):
            return Problem(message: "the value \(text) does not fit decimal(\(precision),\(scale))", hint: fix)
        case .malformed:
            return malformed("numeric")
        }
    }

    private func malformed(_ type: String) -> Problem {
        Problem(
            message: "the server sent a \(type) value in a form Sluice does not understand",
            hint: "This is a bug in Sluice or a server extension changed the type; please report it with the column's type.")
    }
}
