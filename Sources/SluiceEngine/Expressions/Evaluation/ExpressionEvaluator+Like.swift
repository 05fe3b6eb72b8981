import SluiceCore

extension ExpressionEvaluator {
    /// `value [NOT] LIKE pattern [ESCAPE e]`: a literal pattern compiles once per batch; a
    /// pattern that varies by row recompiles only when it changes from the row before.
    static func evaluateLike(
        _ value: BoundExpression, pattern: BoundExpression, escape: BoundExpression?, isNegated: Bool,
        in frame: EvaluationFrame
    ) throws(SluiceError) -> Column {
        let text = try evaluate(value, in: frame)
        let count = text.count
        var bits: Bitmap
        var validity = text.validity
        if case .literal(let patternValue, _) = pattern, escape == nil || escape?.literalValue != nil {
            guard case .string(let patternText) = patternValue else { return Column.nulls(.boolean, count: count) }
            var escapeBytes: [UInt8]?
            if let escapeValue = escape?.literalValue {
                guard case .string(let escapeText) = escapeValue else { return Column.nulls(.boolean, count: count) }
                escapeBytes = try Array(escapeText.utf8).withUnsafeBufferPointer { (buffer) throws(SluiceError) -> [UInt8] in
                    try LikePattern.escapeBytes(buffer)
                }
            }
            let compiled = try Array(patternText.utf8).withUnsafeBufferPointer { (buffer) throws(SluiceError) -> LikePattern in
                try LikePattern(pattern: buffer, escape: escapeBytes)
            }
            bits = try withBytesView(text) { view in compiled.matchAll(view, count: count) }
        } else {
            let patterns = try evaluate(pattern, in: frame)
            let escapes = try escape.map { (expression) throws(SluiceError) -> Column in try evaluate(expression, in: frame) }
            validity = Validity.and(validity, patterns.validity)
            if let escapes { validity = Validity.and(validity, escapes.validity) }
            let rowValidity = validity
            bits = try withBytesView(text) { (textView) throws(SluiceError) -> Bitmap in
                try withBytesView(patterns) { (patternView) throws(SluiceError) -> Bitmap in
                    var cachedPattern: [UInt8]?
                    var cachedEscape: [UInt8]?
                    var compiled: LikePattern?
                    var builder = BitmapBuilder(capacity: count)
                    for row in 0..<count {
                        guard rowValidity.map({ $0[row] }) ?? true else {
                            builder.append(false)
                            continue
                        }
                        var escapeBytes: [UInt8]?
                        if let escapes {
                            escapeBytes = try withBytesView(escapes) { (view) throws(SluiceError) -> [UInt8] in
                                try LikePattern.escapeBytes(view[row])
                            }
                        }
                        let patternBytes = patternView[row]
                        if compiled == nil || escapeBytes != cachedEscape
                            || !(cachedPattern.map { cached in cached.withUnsafeBufferPointer { UTF8Bytes.equal($0, patternBytes) } } ?? false) {
                            compiled = try LikePattern(pattern: patternBytes, escape: escapeBytes)
                            cachedPattern = Array(patternBytes)
                            cachedEscape = escapeBytes
                        }
                        builder.append(compiled?.matches(textView[row]) ?? false)
                    }
                    return builder.finish()
                }
            }
        }
        if isNegated { bits = bits.inverted }
        return Column(type: .boolean, count: count, validity: nil, storage: .boolean(bits)).replacingValidity(validity)
    }
}
