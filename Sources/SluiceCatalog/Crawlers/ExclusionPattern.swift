public import SluiceCore

/// A crawler's exclusion glob, matched against paths relative to the crawl target, with
/// Glue's syntax:
///
/// - `*` matches any characters within one path part (`*.log` leaves out `x.log` at the top);
/// - `**` matches across parts (`**.log` and `**/*.log` leave out every `.log` file,
///   `archive/**` the `archive` folder and everything in it);
/// - `?` one character, `[abc]`/`[a-z]`/`[!a]` one character of a set,
///   `{json,csv}` any of the alternatives.
///
/// Matching is exact in letter case, as S3 keys are.
public struct ExclusionPattern: Sendable, Equatable {
    public let text: String
    /// The pattern with `{…}` alternatives expanded.
    private let alternatives: [[Token]]

    /// Most alternatives `{…}` may expand to: keeps a pattern like `{a,b}{c,d}{e,f}…` cheap.
    static let maximumAlternatives = 256

    enum Token: Equatable, Sendable {
        case literal(Character)
        case anyCharacter
        case anyInPart
        case anyAcrossParts
        /// `**/`: no folder, or any run of whole folders.
        case anyFolders
        case set([ClosedRange<Character>], negated: Bool)
    }

    public init(_ text: String) throws(SluiceError) {
        self.text = text
        var expanded: [[Token]] = []
        for alternative in try ExclusionPattern.expandBraces(Array(text), pattern: text) {
            expanded.append(try ExclusionPattern.tokens(alternative, pattern: text))
        }
        alternatives = expanded
    }

    /// True when the relative path (no leading `/`; folders with a trailing `/`) is excluded.
    public func matches(_ relativePath: String) -> Bool {
        let characters = Array(relativePath)
        return alternatives.contains { ExclusionPattern.match($0[...], characters[...]) }
    }

    /// True when a folder (relative path without trailing `/`) and everything in it is excluded.
    public func excludesFolder(_ relativePath: String) -> Bool {
        matches(relativePath + "/")
    }

    private static func match(_ tokens: ArraySlice<Token>, _ text: ArraySlice<Character>) -> Bool {
        guard let token = tokens.first else { return text.isEmpty }
        let rest = tokens.dropFirst()
        switch token {
        case .literal(let character):
            guard text.first == character else { return false }
            return match(rest, text.dropFirst())
        case .anyCharacter:
            guard let first = text.first, first != "/" else { return false }
            return match(rest, text.dropFirst())
        case .set(let ranges, let negated):
            guard let first = text.first, first != "/" else { return false }
            guard ranges.contains(where: { $0.contains(first) }) != negated else { return false }
            return match(rest, text.dropFirst())
        case .anyFolders:
            if match(rest, text) { return true }
            var remaining = text
            while let slash = remaining.firstIndex(of: "/") {
                remaining = remaining[(slash + 1)...]
                if match(rest, remaining) { return true }
            }
            return false
        case .anyInPart, .anyAcrossParts:
            var remaining = text
            while true {
                if match(rest, remaining) { return true }
                guard let first = remaining.first else { return false }
                if first == "/" && token == .anyInPart { return false }
                remaining = remaining.dropFirst()
            }
        }
    }

    private static func tokens(_ characters: [Character], pattern: String) throws(SluiceError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    // `**/` also matches no folder at all: `**/*.log` covers `x.log` at the top.
                    if index + 2 < characters.count, characters[index + 2] == "/" {
                        tokens.append(.anyFolders)
                        index += 3
                    } else {
                        tokens.append(.anyAcrossParts)
                        index += 2
                    }
                } else {
                    tokens.append(.anyInPart)
                    index += 1
                }
            case "?":
                tokens.append(.anyCharacter)
                index += 1
            case "[":
                guard let close = characters[(index + 1)...].firstIndex(of: "]"), close > index + 1 else {
                    throw badPattern(pattern, "'[' has no closing ']'")
                }
                var body = Array(characters[(index + 1)..<close])
                let negated = body.first == "!" || body.first == "^"
                if negated { body.removeFirst() }
                var ranges: [ClosedRange<Character>] = []
                var position = 0
                while position < body.count {
                    if position + 2 < body.count, body[position + 1] == "-" {
                        guard body[position] <= body[position + 2] else { throw badPattern(pattern, "the range '\(body[position])-\(body[position + 2])' is backwards") }
                        ranges.append(body[position]...body[position + 2])
                        position += 3
                    } else {
                        ranges.append(body[position]...body[position])
                        position += 1
                    }
                }
                tokens.append(.set(ranges, negated: negated))
                index = close + 1
            case "\\":
                guard index + 1 < characters.count else { throw badPattern(pattern, "it ends with '\\'") }
                tokens.append(.literal(characters[index + 1]))
                index += 2
            default:
                tokens.append(.literal(character))
                index += 1
            }
        }
        return tokens
    }

    /// `a{b,c}d` → `abd`, `acd` (nested braces expand inside out).
    private static func expandBraces(_ characters: [Character], pattern: String) throws(SluiceError) -> [[Character]] {
        guard let open = characters.firstIndex(of: "{") else {
            if characters.contains("}") { throw badPattern(pattern, "'}' has no opening '{'") }
            return [characters]
        }
        var depth = 0
        var close: Int?
        var commas: [Int] = []
        for index in open..<characters.count {
            switch characters[index] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { close = index }
            case "," where depth == 1: commas.append(index)
            default: break
            }
            if close != nil { break }
        }
        guard let close else { throw badPattern(pattern, "'{' has no closing '}'") }
        let head = Array(characters[..<open])
        let tail = Array(characters[(close + 1)...])
        let bounds = [open] + commas + [close]
        var results: [[Character]] = []
        for part in 0..<(bounds.count - 1) {
            let choice = Array(characters[(bounds[part] + 1)..<bounds[part + 1]])
            results += try expandBraces(head + choice + tail, pattern: pattern)
            guard results.count <= maximumAlternatives else {
                throw badPattern(pattern, "its {…} alternatives expand to more than \(maximumAlternatives) patterns")
            }
        }
        return results
    }

    private static func badPattern(_ pattern: String, _ reason: String) -> SluiceError {
        SluiceError(
            domain: .usage, code: "crawler.badExclusion",
            message: "The exclusion pattern '\(pattern)' cannot be read: \(reason).",
            hint: "Use glob syntax: '*' within a folder, '**' across folders, '?', '[a-z]', '{a,b}'; e.g. '**/_tmp/**' or '*.log'.")
    }
}
