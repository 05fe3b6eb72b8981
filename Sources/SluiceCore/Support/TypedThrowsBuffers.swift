extension Array where Element == UInt8 {
    /// `withUnsafeBytes` that keeps the ``SluiceError`` type (the standard one rethrows `any Error`).
    @inlinable
    public func withBytes<Result>(
        _ body: (UnsafeRawBufferPointer) throws(SluiceError) -> Result
    ) throws(SluiceError) -> Result {
        let outcome: Swift.Result<Result, SluiceError> = withUnsafeBytes { raw in
            do throws(SluiceError) { return .success(try body(raw)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }
}
