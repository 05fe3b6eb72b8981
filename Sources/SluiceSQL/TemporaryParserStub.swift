// TEMPORARY: replaced by the real parser on merge.
public import SluiceCore
public enum SQLParser {
    public static func parse(_ sql: String) throws(SluiceError) -> Statement { fatalError() }
    public static func parseExpression(_ text: String) throws(SluiceError) -> Expression { fatalError() }
}
extension Expression { public var sqlText: String { fatalError() } }
