import Foundation

/// A fresh, uniquely named folder under the system's temporary directory for one test.
/// It is deleted with everything in it by ``remove()`` or, at the latest, when the last
/// reference goes away.
///
///     let folder = try TemporaryFolder()
///     let path = try folder.write("a,b\n1,2\n", to: "input.csv")
public final class TemporaryFolder: Sendable {
    /// Absolute path of the folder, without a trailing `/`.
    public let path: String

    /// Creates the folder; `prefix` starts its name so leftovers are easy to recognize.
    public init(prefix: String = "sluice-test") throws {
        let base = FileManager.default.temporaryDirectory.path
        let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
        let path = "\(trimmedBase)/\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        self.path = path
    }

    deinit {
        remove()
    }

    /// The absolute path of `name` inside the folder (which may contain `/` for subfolders).
    /// Does not create anything.
    public func file(_ name: String) -> String {
        "\(path)/\(name)"
    }

    /// Writes `text` as UTF-8 to `name` (creating subfolders) and returns its absolute path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        try write(bytes: Array(text.utf8), to: name)
    }

    /// Writes raw bytes to `name` (creating subfolders) and returns its absolute path.
    @discardableResult
    public func write(bytes: [UInt8], to name: String) throws -> String {
        let target = file(name)
        let parent = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// The bytes of `name` inside the folder.
    public func readBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: file(name))))
    }

    /// The text of `name` inside the folder, decoded as UTF-8 (invalid bytes become U+FFFD).
    public func read(_ name: String) throws -> String {
        String(decoding: try readBytes(name), as: UTF8.self)
    }

    /// Deletes the folder and its contents; calling it again does nothing.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
