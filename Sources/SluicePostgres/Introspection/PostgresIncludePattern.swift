public import SluiceCore

/// Which tables a crawl or a listing covers, in Glue's include-path form for PostgreSQL:
/// `database/schema/table`, where `%` matches any run of characters (and only `%`: `_` is
/// an ordinary character, as names like `order_items` need).
///
/// - `appdb/public/%` — every table and view in schema `public` of database `appdb`
/// - `appdb/public/order%` — those whose names start with `order`
/// - `appdb/sales` — every table in schema `sales`
/// - `appdb/%` or `appdb` — every table in every schema (system schemas excluded)
///
/// A literal database part names the database to connect to; `%` means the connection's own.
public struct PostgresIncludePattern: Sendable, Equatable, CustomStringConvertible {
    public var database: String
    public var schema: String
    public var table: String

    public init(database: String, schema: String = "%", table: String = "%") {
        self.database = database
        self.schema = schema
        self.table = table
    }

    public init(parsing text: String) throws(SluiceError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), !parts.contains(where: \.isEmpty) else {
            throw SluiceError(
                domain: .usage, code: "postgres.invalidIncludePath",
                message: "Include path '\(text)' is not of the form database/schema/table.",
                hint: "Write e.g. appdb/public/% (every table in schema public) or appdb/% (every schema); % is the wildcard.")
        }
        database = parts[0]
        schema = parts.count > 1 ? parts[1] : "%"
        table = parts.count > 2 ? parts[2] : "%"
        if parts.count == 2 && schema == "%" { table = "%" }
    }

    public var description: String { "\(database)/\(schema)/\(table)" }

    /// True when the database part is a wildcard pattern rather than one name.
    public var hasWildcardDatabase: Bool { database.contains("%") }

    public func matches(database name: String) -> Bool { Self.matches(name, pattern: database) }
    public func matches(schema name: String) -> Bool { Self.matches(name, pattern: schema) }
    public func matches(table name: String) -> Bool { Self.matches(name, pattern: table) }

    /// The pattern as SQL `LIKE` text with `\` as escape: `_` and `\` made literal, `%` kept.
    static func likePattern(_ pattern: String) -> String {
        var result = ""
        for character in pattern {
            if character == "_" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// `%`-wildcard matching (every other character literal, case-sensitive as PostgreSQL names are).
    static func matches(_ name: String, pattern: String) -> Bool {
        let pieces = pattern.split(separator: "%", omittingEmptySubsequences: false).map(Array.init)
        let characters = Array(name)
        guard pieces.count > 1 else { return characters == pieces[0] }
        guard characters.starts(with: pieces[0]) else { return false }
        var position = pieces[0].count
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = firstIndex(of: piece, in: characters, from: position) else { return false }
            position = found + piece.count
        }
        let last = pieces[pieces.count - 1]
        return characters.count - position >= last.count && characters.suffix(last.count).elementsEqual(last)
    }

    private static func firstIndex(of piece: [Character], in characters: [Character], from start: Int) -> Int? {
        guard characters.count - start >= piece.count else { return nil }
        for index in start...(characters.count - piece.count) where characters[index..<(index + piece.count)].elementsEqual(piece) {
            return index
        }
        return nil
    }
}
