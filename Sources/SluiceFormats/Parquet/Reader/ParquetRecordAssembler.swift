import SluiceCore

/// Rebuilds Sluice columns (structs, lists, maps, nulls) from the definition and repetition
/// levels of their leaves — the Dremel record assembly.
///
/// A node's *slots* are the level entries of its first leaf whose definition level reaches
/// `slotDefinition` (the entry exists down to this node's nearest list element) and whose
/// repetition level is at most `slotRepetition` (it starts a new element of that list, not
/// a deeper one). Every leaf below a node sees the same slots in the same order.
enum ParquetRecordAssembler {
    static func column(
        _ node: ParquetAssemblyNode, chunks: [ParquetLeafChunk?], expectedCount: Int
    ) throws(SluiceError) -> Column {
        let column = try assemble(node, chunks: chunks, slotDefinition: 0, slotRepetition: 0)
        guard column.count == expectedCount else {
            throw ParquetPageValues.corrupt("the column holds \(column.count) rows but its row group has \(expectedCount)")
        }
        return column
    }

    private static func assemble(
        _ node: ParquetAssemblyNode, chunks: [ParquetLeafChunk?], slotDefinition: Int, slotRepetition: Int
    ) throws(SluiceError) -> Column {
        guard let chunk = chunks[node.firstLeaf] else {
            throw SluiceError.internal("Parquet leaf \(node.firstLeaf) was not decoded.", domain: .format)
        }
        let definitions = chunk.definitionLevels
        let repetitions = chunk.repetitionLevels
        let hasDefinitions = !definitions.isEmpty
        let hasRepetitions = !repetitions.isEmpty
        @inline(__always) func isSlot(_ index: Int) -> Bool {
            (!hasDefinitions || Int(definitions[index]) >= slotDefinition)
                && (!hasRepetitions || Int(repetitions[index]) <= slotRepetition)
        }
        switch node {
        case .leaf(_, let definitionLevel, _):
            if !hasDefinitions && !hasRepetitions {
                guard chunk.values.count == chunk.entryCount else { throw mismatch(chunk.values.count, chunk.entryCount) }
                return chunk.values.column(validity: nil, count: chunk.entryCount)
            }
            let isFlat = !hasRepetitions && slotDefinition == 0
            // Every entry a slot and every slot a value: no nulls, so no bitmap to build.
            if isFlat && chunk.values.count == chunk.entryCount {
                return chunk.values.column(validity: nil, count: chunk.entryCount)
            }
            let bitmap = isFlat
                ? flatValidity(definitions, present: UInt8(definitionLevel))
                : nestedValidity(chunk, isSlot: isSlot, definitionLevel: definitionLevel)
            guard bitmap.setCount == chunk.values.count else { throw mismatch(chunk.values.count, bitmap.setCount) }
            return chunk.values.column(validity: bitmap, count: bitmap.count)
        case .structure(let fields, let definitionLevel, let type):
            var validity = BitmapBuilder(capacity: chunk.entryCount)
            var allPresent = true
            for index in 0..<chunk.entryCount where isSlot(index) {
                let present = !hasDefinitions || Int(definitions[index]) >= definitionLevel
                allPresent = allPresent && present
                validity.append(present)
            }
            let count = validity.count
            var children: [Column] = []
            for field in fields {
                let child = try assemble(field, chunks: chunks, slotDefinition: slotDefinition, slotRepetition: slotRepetition)
                guard child.count == count else { throw mismatch(child.count, count) }
                children.append(child)
            }
            return Column(type: type, count: count, validity: allPresent ? nil : validity.finish(), storage: .structure(children))
        case .list(let element, let definitionLevel, let elementDefinitionLevel, let repetitionLevel, let type):
            var validity = BitmapBuilder(capacity: chunk.entryCount)
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(chunk.entryCount + 1)
            var allPresent = true
            var elements: Int32 = 0
            var hasOpenSlot = false
            for index in 0..<chunk.entryCount {
                let definition = hasDefinitions ? Int(definitions[index]) : 0
                if isSlot(index) {
                    if hasOpenSlot { offsets.append(elements) }
                    hasOpenSlot = true
                    let present = definition >= definitionLevel
                    allPresent = allPresent && present
                    validity.append(present)
                }
                let repetition = hasRepetitions ? Int(repetitions[index]) : 0
                if definition >= elementDefinitionLevel && repetition <= repetitionLevel { elements += 1 }
            }
            if hasOpenSlot { offsets.append(elements) }
            let values = try assemble(
                element, chunks: chunks, slotDefinition: elementDefinitionLevel, slotRepetition: repetitionLevel)
            guard values.count == Int(elements) else { throw mismatch(values.count, Int(elements)) }
            return Column(
                type: type, count: validity.count, validity: allPresent ? nil : validity.finish(),
                storage: .list(offsets: offsets, values: values))
        }
    }

    /// Validity of a leaf whose every level entry is a slot: bit i is set when entry i's
    /// definition level reaches `present`. Built a word at a time.
    private static func flatValidity(_ definitions: [UInt8], present: UInt8) -> Bitmap {
        let count = definitions.count
        guard count > 0 else { return Bitmap(words: [], count: 0) }
        var words = [UInt64](repeating: 0, count: (count + 63) / 64)
        definitions.withUnsafeBufferPointer { levels in
            words.withUnsafeMutableBufferPointer { words in
                let base = levels.baseAddress!
                for wordIndex in 0..<words.count {
                    let start = wordIndex * 64
                    let end = min(count, start + 64)
                    var word: UInt64 = 0
                    // Branch-free: the compiler vectorizes the compare-and-shift.
                    for position in start..<end {
                        word |= UInt64(base[position] >= present ? 1 : 0) << UInt64(position - start)
                    }
                    words[wordIndex] = word
                }
            }
        }
        return Bitmap(words: words, count: count)
    }

    private static func nestedValidity(
        _ chunk: ParquetLeafChunk, isSlot: (Int) -> Bool, definitionLevel: Int
    ) -> Bitmap {
        var validity = BitmapBuilder(capacity: chunk.entryCount)
        for index in 0..<chunk.entryCount where isSlot(index) {
            validity.append(Int(chunk.definitionLevels[index]) >= definitionLevel)
        }
        return validity.finish()
    }

    private static func mismatch(_ found: Int, _ expected: Int) -> SluiceError {
        ParquetPageValues.corrupt("its levels describe \(expected) values but \(found) were decoded")
    }
}
