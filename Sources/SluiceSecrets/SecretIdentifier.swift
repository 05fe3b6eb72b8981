public import SluiceCore

/// Rules for secret ids: the id is a file name in the store, so it is limited to letters,
/// digits, `.`, `_` and `-`, starts with a letter or digit, and is at most
/// ``maximumLength`` characters (long enough for `appdb-prod.reporting-password`, short
/// enough for any file system).
public enum SecretIdentifier {
    public static let maximumLength = 128

    /// Checks `id`, throwing an error that says which character or rule it breaks.
    public static func validate(_ id: String) throws(SluiceError) {
        guard !id.isEmpty else {
            throw SluiceError(
                domain: .usage, code: "secret.invalidId", message: "A secret id cannot be empty.",
                hint: "Name the secret with letters, digits, '.', '_' or '-', e.g. appdb-password.")
        }
        guard id.utf8.count <= maximumLength else {
            throw SluiceError(
                domain: .usage, code: "secret.invalidId",
                message: "Secret id '\(id.prefix(40))…' is \(id.utf8.count) characters long; the limit is \(maximumLength).",
                hint: "Choose a shorter id.")
        }
        for (offset, scalar) in id.unicodeScalars.enumerated() {
            let isAlphanumeric = scalar.isASCII && (("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar))
            let isPunctuation = scalar == "." || scalar == "_" || scalar == "-"
            if isAlphanumeric || (isPunctuation && offset > 0) { continue }
            throw SluiceError(
                domain: .usage, code: "secret.invalidId",
                message: offset == 0 && isPunctuation
                    ? "Secret id '\(id)' starts with '\(scalar)'; it must start with a letter or digit."
                    : "Secret id '\(id)' contains '\(scalar)'; only letters, digits, '.', '_' and '-' are allowed.",
                hint: "Name the secret like appdb-password or prod.appdb_password.")
        }
    }
}
