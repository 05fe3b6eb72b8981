import SluiceCore

/// Lazy evaluation: CASE, COALESCE, AND and OR run each operand only on the rows that still
/// need it. A piece of the result is the rows it covers (global indices; nil = every row) and
/// the column computed for them; ``assemble(_:type:count:)`` scatters the pieces back.
extension ExpressionEvaluator {
    struct Piece {
        var rows: [Int32]?
        var column: Column
    }

    /// The rows still undecided, as a frame over them and their global indices (nil = all rows).
    struct Remaining {
        var frame: EvaluationFrame
        var rows: [Int32]?

        var isEmpty: Bool { frame.count == 0 }

        /// The subset at local positions `local` of this one.
        func narrowed(to local: [Int32], needed: Set<Int>) -> Remaining {
            if local.count == frame.count { return self }
            let global = rows.map { rows in local.map { rows[Int($0)] } } ?? local
            return Remaining(frame: frame.taking(local, needed: needed), rows: global)
        }
    }

    static func evaluateCase(
        _ whens: [BoundWhen], elseResult: BoundExpression?, type: DataType, in frame: EvaluationFrame
    ) throws(SluiceError) -> Column {
        var needed = Set<Int>()
        for when in whens {
            needed.formUnion(when.condition.referencedColumns)
            needed.formUnion(when.result.referencedColumns)
        }
        if let elseResult { needed.formUnion(elseResult.referencedColumns) }
        var remaining = Remaining(frame: frame, rows: nil)
        var pieces: [Piece] = []
        for when in whens {
            if remaining.isEmpty { break }
            let condition = try evaluate(when.condition, in: remaining.frame)
            let taken = try trueBits(of: condition)
            let takenCount = taken.setCount
            if takenCount == 0 { continue }
            let takenRows = remaining.narrowed(to: taken.setIndices, needed: needed)
            let value = try coerced(try evaluate(when.result, in: takenRows.frame), to: type)
            pieces.append(Piece(rows: takenRows.rows, column: value))
            remaining = takenCount == remaining.frame.count
                ? Remaining(frame: EvaluationFrame(columns: [], count: 0), rows: [])
                : remaining.narrowed(to: taken.inverted.setIndices, needed: needed)
        }
        if let elseResult, !remaining.isEmpty {
            let value = try coerced(try evaluate(elseResult, in: remaining.frame), to: type)
            pieces.append(Piece(rows: remaining.rows, column: value))
        }
        return try assemble(pieces, type: type, count: frame.count)
    }

    static func evaluateCoalesce(
        _ arguments: [BoundExpression], type: DataType, in frame: EvaluationFrame
    ) throws(SluiceError) -> Column {
        var needed = Set<Int>()
        for argument in arguments { needed.formUnion(argument.referencedColumns) }
        var remaining = Remaining(frame: frame, rows: nil)
        var pieces: [Piece] = []
        for argument in arguments {
            if remaining.isEmpty { break }
            let value = try coerced(try evaluate(argument, in: remaining.frame), to: type)
            guard let validity = value.validity else {
                pieces.append(Piece(rows: remaining.rows, column: value))
                remaining = Remaining(frame: EvaluationFrame(columns: [], count: 0), rows: [])
                break
            }
            let present = validity.setIndices
            if !present.isEmpty {
                let presentRows = remaining.rows.map { rows in present.map { rows[Int($0)] } } ?? present
                pieces.append(Piece(rows: presentRows, column: value.take(present)))
            }
            remaining = remaining.narrowed(to: validity.inverted.setIndices, needed: needed)
        }
        return try assemble(pieces, type: type, count: frame.count)
    }

    /// A column of `count` rows: each piece's values at its rows, null elsewhere.
    static func assemble(_ pieces: [Piece], type: DataType, count: Int) throws(SluiceError) -> Column {
        if pieces.count == 1, pieces[0].rows == nil { return pieces[0].column }
        if pieces.isEmpty { return Column.nulls(type, count: count) }
        let nullSlot = pieces.reduce(0) { $0 + $1.column.count }
        var map = [Int32](repeating: Int32(nullSlot), count: count)
        var base: Int32 = 0
        var anyNull = count
        for piece in pieces {
            if let rows = piece.rows {
                for (position, row) in rows.enumerated() { map[Int(row)] = base + Int32(position) }
            } else {
                for row in 0..<count { map[row] = base + Int32(row) }
            }
            anyNull -= piece.column.count
            base += Int32(piece.column.count)
        }
        var parts = pieces.map(\.column)
        if anyNull > 0 { parts.append(Column.nulls(type, count: 1)) }
        return try ColumnConcatenation.concatenate(parts, type: type).take(map)
    }

    /// `column` as `type` (branch results the binder did not cast to the CASE type).
    static func coerced(_ column: Column, to type: DataType) throws(SluiceError) -> Column {
        column.type == type ? column : try CastKernels.cast(column, to: type, isTry: false)
    }

    /// Three-valued AND (`isAnd`) or OR. For AND, a row that is false is decided and later
    /// operands skip it; for OR, a true row. Null rows stay undecided (a later deciding value wins).
    static func evaluateConnective(
        _ operands: [BoundExpression], isAnd: Bool, in frame: EvaluationFrame
    ) throws(SluiceError) -> Column {
        let count = frame.count
        var needed = Set<Int>()
        for operand in operands { needed.formUnion(operand.referencedColumns) }
        let wordCount = (count + 63) >> 6
        // decided: rows whose result is the dominant value (false for AND, true for OR).
        var decided = [UInt64](repeating: 0, count: wordCount)
        var sawNull = [UInt64](repeating: 0, count: wordCount)
        var remaining = Remaining(frame: frame, rows: nil)
        for operand in operands {
            if remaining.isEmpty { break }
            let value = try evaluate(operand, in: remaining.frame)
            let bits = try value.booleanBits()
            let localCount = value.count
            // Dominant rows: present and (false for AND / true for OR).
            let dominant = Bitmap.build(count: localCount) { word in
                let present = value.validity?.words[word] ?? ~0
                return present & (isAnd ? ~bits.words[word] : bits.words[word])
            }
            let nulls = value.validity?.inverted
            if let rows = remaining.rows {
                for local in dominant.setIndices {
                    let row = Int(rows[Int(local)])
                    decided[row >> 6] |= 1 << UInt64(row & 63)
                }
                if let nulls {
                    for local in nulls.setIndices {
                        let row = Int(rows[Int(local)])
                        sawNull[row >> 6] |= 1 << UInt64(row & 63)
                    }
                }
            } else {
                for word in 0..<wordCount {
                    decided[word] |= dominant.words[word]
                    if let nulls { sawNull[word] |= nulls.words[word] }
                }
            }
            let dominantCount = dominant.setCount
            if dominantCount > 0 {
                remaining = remaining.narrowed(to: dominant.inverted.setIndices, needed: needed)
            }
        }
        let decidedBits = Bitmap(words: decided, count: count)
        // Value: AND is true where not decided (false); OR is true where decided.
        let values = isAnd ? decidedBits.inverted : decidedBits
        let validity = Bitmap.build(count: count) { decided[$0] | ~sawNull[$0] }
        return Column(type: .boolean, count: count, validity: validity.isAllSet ? nil : validity, storage: .boolean(values))
    }
}
