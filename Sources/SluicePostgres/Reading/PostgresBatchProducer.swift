import NIOCore
import PostgresNIO
import SluiceCore

/// Runs one partition of a ``PostgresReadPlan`` and turns its row stream into record
/// batches. Rows arrive with back-pressure (postgres-nio asks the server for more only as
/// rows are consumed), each cell is decoded in place into the column builders, and a batch
/// is handed to `emit` when it has the plan's row count or ``PostgresReadPlan/maximumBatchBytes``
/// — so memory stays bounded by a batch or two whatever the table's size.
enum PostgresBatchProducer {
    static func run(
        _ plan: PostgresReadPlan, partition: Int, session: PostgresSession,
        emit: (RecordBatch) async throws(SluiceError) -> Void
    ) async throws(SluiceError) {
        let purpose = plan.partitionCount > 1 ? "reading \(plan.sourceName) (partition \(partition + 1) of \(plan.partitionCount))" : "reading \(plan.sourceName)"
        let rows = try await session.rows(plan.sql(partition: partition), purpose: purpose)
        let builder = RecordBatchBuilder(schema: plan.schema, capacity: min(plan.batchRowCount, 1024))
        let decoders = plan.mappings.map(PostgresValueDecoder.init)
        let columnCount = decoders.count
        var rowNumber = 0
        var batchRows = 0
        do {
            for try await row in rows {
                rowNumber += 1
                var index = 0
                for cell in row where index < columnCount {
                    do {
                        try decoders[index].append(cell.bytes, to: builder.columns[index])
                    } catch {
                        throw SluiceError(
                            domain: .connector, code: "postgres.value",
                            message: "Reading \(plan.sourceName), row \(rowNumber), column '\(plan.schema.fields[index].name)': \(error.message).",
                            hint: error.hint)
                    }
                    index += 1
                }
                batchRows += 1
                if batchRows >= plan.batchRowCount || (batchRows % 256 == 0 && byteCount(builder) >= PostgresReadPlan.maximumBatchBytes) {
                    try await emit(builder.finish())
                    batchRows = 0
                }
            }
        } catch let error as SluiceError {
            throw error
        } catch {
            throw session.queryError(error, purpose: purpose)
        }
        if batchRows > 0 { try await emit(builder.finish()) }
    }

    private static func byteCount(_ builder: RecordBatchBuilder) -> Int {
        builder.columns.reduce(0) { $0 + $1.byteCount }
    }
}
