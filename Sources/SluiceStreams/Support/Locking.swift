import Foundation

extension NSLocking {
    /// Runs `body` holding the lock, keeping `body`'s typed error (Foundation's `withLock`
    /// rethrows and so widens it to `any Error`).
    func locked<Value, Failure: Error>(_ body: () throws(Failure) -> Value) throws(Failure) -> Value {
        lock()
        defer { unlock() }
        return try body()
    }
}
