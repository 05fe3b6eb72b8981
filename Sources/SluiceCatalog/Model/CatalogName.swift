public import SluiceCore

/// Names of databases, tables, connections and crawlers: case-insensitive and stored
/// lower-case, as the Glue Data Catalog does, so `Sales.Orders` and `sales.orders` are one table.
///
/// A name is 1 to ``maximumLength`` ASCII letters, digits and `_` (what Athena and Hive accept
/// without quoting). Connection and crawler names may also hold `-` and `.`.
public enum CatalogName {
    /// Glue's limit on name length.
    public static let maximumLength = 255

    /// What the name names, for error messages.
    public enum Kind: String, Sendable {
        case database, table, connection, crawler

        var allowsPunctuation: Bool { self == .connection || self == .crawler }
    }

    /// The stored (lower-case) form of `name`, or an error saying what is wrong with it.
    public static func normalized(_ name: String, kind: Kind) throws(SluiceError) -> String {
        let lowered = name.lowercased()
        guard !lowered.isEmpty else {
            throw CatalogError.badName(name, kind: kind, reason: "it is empty")
        }
        guard lowered.count <= maximumLength else {
            throw CatalogError.badName(name, kind: kind, reason: "it is longer than \(maximumLength) characters")
        }
        for character in lowered where !isAllowed(character, kind: kind) {
            throw CatalogError.badName(name, kind: kind, reason: "'\(character)' is not allowed")
        }
        return lowered
    }

    /// `name` turned into a valid table name the way Glue names tables after folders and
    /// files: lower-case, every other character `_` (`year=2017` → `year_2017`).
    public static func sanitized(_ name: String) -> String {
        let mapped = String(name.lowercased().map { isAllowed($0, kind: .table) ? $0 : "_" })
        let trimmed = String(mapped.prefix(maximumLength))
        return trimmed.isEmpty ? "_" : trimmed
    }

    private static func isAllowed(_ character: Character, kind: Kind) -> Bool {
        guard character.isASCII else { return false }
        if character.isLetter || character.isNumber || character == "_" { return true }
        return kind.allowsPunctuation && (character == "-" || character == ".")
    }
}
