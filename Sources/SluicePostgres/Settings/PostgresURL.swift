public import SluiceCore

/// The parts of a PostgreSQL connection URL: `jdbc:postgresql://host:port/database?ssl=true`
/// (Glue's and pgjdbc's form), or libpq's `postgresql://user:password@host:port/database`.
///
/// Hosts may be names, IPv4 addresses or IPv6 addresses in brackets (`[::1]`); the port
/// defaults to 5432; the database and parameter values are percent-decoded
/// (`app%20db` → `app db`). `jdbc:postgresql:appdb` means `appdb` on localhost, as in pgjdbc.
/// Errors quote the offending part only, never the whole URL (it may hold a password).
public struct PostgresURL: Sendable, Equatable {
    public static let defaultPort = 5432

    public var host: String
    public var port: Int
    /// nil when the URL names none (PostgreSQL then uses the user name).
    public var database: String?
    /// From libpq-style `user:password@` (JDBC URLs take `user`/`password` parameters).
    public var user: String?
    public var password: String?
    /// Query parameters in order, names as written, values decoded.
    public var parameters: [(name: String, value: String)]

    public static func == (left: PostgresURL, right: PostgresURL) -> Bool {
        left.host == right.host && left.port == right.port && left.database == right.database && left.user == right.user
            && left.password == right.password && left.parameters.map(\.name) == right.parameters.map(\.name)
            && left.parameters.map(\.value) == right.parameters.map(\.value)
    }

    /// Parses `text`; `property` names where it came from, for error messages.
    public init(parsing text: String, property: String = ConnectionProperty.jdbcConnectionURL) throws(SluiceError) {
        var trimmed = text.trimmingWhitespace
        if trimmed.lowercased().hasPrefix("jdbc:postgresql:") && !trimmed.lowercased().hasPrefix("jdbc:postgresql://") {
            // pgjdbc's short form: jdbc:postgresql:database (localhost, default port).
            trimmed = "jdbc:postgresql://localhost/" + trimmed.dropFirst("jdbc:postgresql:".count)
        }
        let lowered = trimmed.lowercased()
        let schemes = ["jdbc:postgresql://", "postgresql://", "postgres://"]
        guard let scheme = schemes.first(where: { lowered.hasPrefix($0) }) else {
            // Only the scheme: the rest may hold a password.
            let shown = lowered.hasPrefix("jdbc:")
                ? "jdbc:" + trimmed.dropFirst(5).prefix { $0 != ":" && $0 != "/" } : String(trimmed.prefix { $0 != ":" && $0 != "/" })
            throw PostgresURL.invalid(
                property, "does not start with jdbc:postgresql:// (it starts with '\(shown)')",
                hint: "Write it as jdbc:postgresql://HOST:PORT/DATABASE, e.g. jdbc:postgresql://db.internal:5432/appdb.")
        }
        var rest = Substring(trimmed.dropFirst(scheme.count))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var authority = rest
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        }
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try PostgresURL.decode(userInfo[..<colon], what: "user name", property: property)
                password = try PostgresURL.decode(userInfo[userInfo.index(after: colon)...], what: "password", property: property)
            } else {
                user = try PostgresURL.decode(userInfo, what: "user name", property: property)
            }
        }
        guard !authority.contains(",") else {
            throw PostgresURL.invalid(
                property, "names several hosts ('\(authority)'); Sluice connects to one server",
                hint: "Give the primary server's host only.")
        }
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw PostgresURL.invalid(property, "has an IPv6 host without its closing ']'", hint: "Write IPv6 hosts in brackets: jdbc:postgresql://[2001:db8::5]:5432/appdb.")
            }
            host = try PostgresURL.decode(authority[authority.index(after: authority.startIndex)..<close], what: "host", property: property)
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw PostgresURL.invalid(property, "has '\(after)' after the IPv6 host; expected ':PORT'", hint: "Write jdbc:postgresql://[2001:db8::5]:5432/appdb.")
            }
        } else if let colon = authority.firstIndex(of: ":") {
            guard !authority[authority.index(after: colon)...].contains(":") else {
                throw PostgresURL.invalid(
                    property, "has an IPv6 host without brackets ('\(authority)')",
                    hint: "Write IPv6 hosts in brackets: jdbc:postgresql://[\(authority)]:5432/appdb.")
            }
            host = String(authority[..<colon])
            portText = authority[authority.index(after: colon)...]
        } else {
            host = String(authority)
        }
        guard !host.isEmpty else {
            throw PostgresURL.invalid(property, "has no host", hint: "Write it as jdbc:postgresql://HOST:PORT/DATABASE.")
        }
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw PostgresURL.invalid(
                    property, "has port '\(portText)', which is not a number from 1 to 65535",
                    hint: "PostgreSQL listens on 5432 unless configured otherwise.")
            }
            port = number
        } else {
            port = PostgresURL.defaultPort
        }
        let databaseText = path.hasSuffix("/") ? path.dropLast() : path
        database = databaseText.isEmpty ? nil : try PostgresURL.decode(databaseText, what: "database name", property: property)
        parameters = []
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try PostgresURL.decode(parts[0], what: "parameter name", property: property)
            let value = parts.count > 1 ? try PostgresURL.decode(parts[1], what: "value of parameter '\(name)'", property: property) : ""
            parameters.append((name, value))
        }
    }

    /// The value of the last parameter with this name (case-insensitive, as pgjdbc reads them).
    public func parameter(_ name: String) -> String? {
        parameters.last { $0.name.lowercased() == name.lowercased() }?.value
    }

    static func invalid(_ property: String, _ problem: String, hint: String) -> SluiceError {
        SluiceError(
            domain: .connector, code: "connection.invalidProperty",
            message: "\(property) \(problem).", hint: hint)
    }

    /// Percent-decodes `%XX` escapes into UTF-8 text.
    private static func decode(_ text: Substring, what: String, property: String) throws(SluiceError) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                // Never echo a password, even a malformed one.
                let shown = what == "password" ? "" : " ('\(text)')"
                throw invalid(property, "has a bad %-escape in its \(what)\(shown)", hint: "Escape special characters as %XX with two hex digits, e.g. %40 for '@'.")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw invalid(property, "has a \(what) that is not valid UTF-8 after %-decoding", hint: "Escape characters as their UTF-8 bytes, e.g. %C3%A9 for 'é'.")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
