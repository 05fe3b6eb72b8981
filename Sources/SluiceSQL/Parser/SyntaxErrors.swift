import SluiceCore

/// Builds the parser's errors: domain `.query`, the line and column of the offending text.
enum SyntaxErrors {
    /// Codes: `sql.syntax` for text that is not SQL, `sql.unsupported` for SQL that Sluice does
    /// not run, `sql.type` for type names and parameters, `sql.tooDeep` for the nesting limit.
    static func make(_ message: String, at offset: Int, in source: String, hint: String? = nil,
                     code: String = "sql.syntax") -> SluiceError {
        let position = SourcePosition(offset: offset, in: source)
        return SluiceError(domain: .query, code: code, message: message,
                           location: ErrorLocation(line: position.line, column: position.column), hint: hint)
    }

    /// True when `a` is further into the text than `b` (for choosing between two failed readings).
    static func isFurther(_ a: SluiceError, than b: SluiceError) -> Bool {
        let lineA = a.location?.line ?? 0, lineB = b.location?.line ?? 0
        if lineA != lineB { return lineA > lineB }
        return (a.location?.column ?? 0) > (b.location?.column ?? 0)
    }

    /// The clause keyword `word` most likely misspells, if any (`FORM` → FROM, `SELEC` → SELECT).
    static func suggestedKeyword(for word: String) -> Keyword? {
        let upper = Array(word.uppercased().utf8)
        guard upper.count >= 3, Keyword.byUpperCaseText[String(decoding: upper, as: UTF8.self)] == nil else { return nil }
        let allowed = upper.count <= 5 ? 1 : 2
        var best: (keyword: Keyword, distance: Int)?
        for keyword in Keyword.suggestible {
            let distance = NameSuggestion.editDistance(upper, Array(keyword.rawValue.utf8))
            if distance <= allowed, distance < (best?.distance ?? Int.max) { best = (keyword, distance) }
        }
        return best?.keyword
    }
}
