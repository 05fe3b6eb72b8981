import SluiceCore
import Testing
@testable import SluiceSQL

@Suite struct LexerTests {
    @Test func keywordsAreCaseInsensitiveAndNamesKeepTheirCase() throws {
        let tokens = try Lexer.tokenize("sElEcT MyCol")
        #expect(tokens.count == 3)
        #expect(tokens[0].keyword == .select)
        #expect(tokens[1].keyword == nil)
        #expect(tokens[1].text == "MyCol")
        #expect(tokens[2].kind == .end)
    }

    @Test func quotedIdentifiersUnescapeDoubledQuotes() throws {
        let tokens = try Lexer.tokenize(#""a ""b"" c" `x``y`"#)
        #expect(tokens[0].kind == .quotedIdentifier)
        #expect(tokens[0].text == #"a "b" c"#)
        #expect(tokens[1].kind == .quotedIdentifier)
        #expect(tokens[1].text == "x`y")
    }

    @Test func quotedKeywordIsNotAKeyword() throws {
        let tokens = try Lexer.tokenize(#""select""#)
        #expect(tokens[0].keyword == nil)
        #expect(tokens[0].isName)
    }

    @Test func stringsUnescapeDoubledQuotes() throws {
        let tokens = try Lexer.tokenize("'it''s' ''")
        #expect(tokens[0].kind == .string)
        #expect(tokens[0].text == "it's")
        #expect(tokens[1].text == "")
    }

    @Test func numbers() throws {
        let tokens = try Lexer.tokenize("42 1.5 .5 1. 1e3 2.5E-2 7e+1")
        #expect(tokens.map(\.kind) == [.integer, .decimal, .decimal, .decimal, .double, .double, .double, .end])
        #expect(tokens.map(\.text).dropLast() == ["42", "1.5", ".5", "1.", "1e3", "2.5E-2", "7e+1"])
    }

    @Test func operators() throws {
        let tokens = try Lexer.tokenize("+ - * / % || = <> != < <= > >= :: : ( ) [ ] , . ; -> ?")
        let symbols: [Symbol] = [.plus, .minus, .star, .slash, .percent, .concatenate, .equal, .notEqual, .bangEqual,
                                 .less, .lessOrEqual, .greater, .greaterOrEqual, .doubleColon, .colon, .leftParenthesis,
                                 .rightParenthesis, .leftBracket, .rightBracket, .comma, .dot, .semicolon, .arrow, .questionMark]
        #expect(tokens.dropLast().map(\.kind) == symbols.map { .symbol($0) })
    }

    @Test func commentsAreSkipped() throws {
        let tokens = try Lexer.tokenize("a -- line comment\n/* block\n comment */ b--end")
        #expect(tokens.map(\.text) == ["a", "b", ""])
    }

    @Test func spansAreUTF8ByteOffsets() throws {
        let tokens = try Lexer.tokenize("'é' 매출")
        #expect(tokens[0].span == SourceSpan(start: 0, end: 4))
        #expect(tokens[1].span == SourceSpan(start: 5, end: 11))
        #expect(tokens[1].text == "매출")
        #expect(tokens[2].span == SourceSpan(start: 11, end: 11))
    }

    @Test func binaryLiteral() throws {
        let tokens = try Lexer.tokenize("X'0aFF' x''")
        #expect(tokens[0].kind == .binaryString)
        #expect(tokens[0].text == "0aFF")
        #expect(tokens[1].kind == .binaryString)
    }

    @Test func noBreakSpaceIsWhitespace() throws {
        let tokens = try Lexer.tokenize("a\u{00A0}b")
        #expect(tokens.map(\.text) == ["a", "b", ""])
    }

    @Test func unterminatedString() {
        let error = parseError("SELECT 'abc")
        #expect(error?.message == "Unterminated string literal starting here.")
        #expect(error?.location == ErrorLocation(line: 1, column: 8))
        #expect(error?.code == "sql.syntax")
        #expect(error?.domain == .query)
    }

    @Test func unterminatedQuotedName() {
        let error = parseError("SELECT\n  \"abc")
        #expect(error?.message == "Unterminated quoted name starting here.")
        #expect(error?.location == ErrorLocation(line: 2, column: 3))
    }

    @Test func unterminatedComment() {
        let error = parseError("SELECT 1 /* note")
        #expect(error?.message == "Unterminated comment starting here.")
        #expect(error?.location == ErrorLocation(line: 1, column: 10))
        #expect(error?.hint == "End the comment with '*/'.")
    }

    @Test func emptyQuotedName() {
        #expect(parseError(#"SELECT """#)?.message == "A quoted name cannot be empty.")
    }

    @Test func unexpectedCharacter() {
        let error = parseError("SELECT a # b")
        #expect(error?.message == "Unexpected character '#'.")
        #expect(error?.location == ErrorLocation(line: 1, column: 10))
    }

    @Test func singleBarSuggestsConcatenation() {
        let error = parseError("SELECT a | b")
        #expect(error?.message == "Unexpected character '|'.")
        #expect(error?.hint == "Concatenate strings with '||'.")
    }

    @Test func exponentWithoutDigits() {
        #expect(parseError("SELECT 1e+ FROM t")?.message == "The number '1e+' has no digits after its exponent.")
    }

    @Test func columnsCountCharactersNotBytes() {
        let error = parseError("SELECT '매출', #")
        #expect(error?.location == ErrorLocation(line: 1, column: 14))
    }
}
