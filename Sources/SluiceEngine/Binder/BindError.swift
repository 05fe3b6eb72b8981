import SluiceCore
import SluiceSQL

/// Builds the binder's errors: each names the object, points at where it is in the SQL
/// text (line and column) and says how to fix it.
struct BindError {
    let sql: String

    func location(_ span: SourceSpan) -> ErrorLocation? {
        guard span != .none else { return nil }
        let position = SourcePosition(offset: span.start, in: sql)
        return ErrorLocation(line: position.line, column: position.column)
    }

    func make(_ code: String, _ message: String, at span: SourceSpan, hint: String? = nil) -> SluiceError {
        SluiceError(domain: .query, code: code, message: message, location: location(span), hint: hint)
    }

    /// An error from elsewhere (function resolution, casts) placed at `span`, when it has no place yet.
    func placed(_ error: SluiceError, at span: SourceSpan) -> SluiceError {
        guard error.location == nil, !error.isInternal else { return error }
        var copy = error
        copy.location = location(span)
        return copy
    }

    func unknownColumn(_ name: String, qualifier: String?, scope: Scope, at span: SourceSpan) -> SluiceError {
        let shown = qualifier.map { "\($0).\(name)" } ?? name
        let names = scope.displayNames
        var message = "Column '\(shown)' not found."
        if let suggestion = NameSuggestion.closest(to: name, among: scope.columns.map(\.name)) {
            message += " Did you mean '\(suggestion)'?"
        }
        if names.isEmpty {
            message += " The query has no FROM clause, so there are no columns."
        } else {
            message += " Columns: \(names.prefix(60).joined(separator: ", "))\(names.count > 60 ? ", …" : "")."
        }
        return make("query.unknownColumn", message, at: span,
                    hint: "Check the spelling, or quote names with spaces or capitals in double quotes.")
    }

    func ambiguousColumn(_ name: String, candidates: [Scope.Column], at span: SourceSpan) -> SluiceError {
        let options = candidates.compactMap { $0.qualifiers.first.map { "\($0).\(name)" } }
        return make("query.ambiguousColumn", "Column '\(name)' is ambiguous: more than one relation has it.", at: span,
                    hint: options.isEmpty ? "Give the relations aliases and qualify the column."
                        : "Qualify it: \(options.joined(separator: " or ")).")
    }

    func unsupported(_ feature: String, at span: SourceSpan, hint: String? = nil) -> SluiceError {
        make("query.unsupported", "\(feature) is not supported yet.", at: span, hint: hint)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmedSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
