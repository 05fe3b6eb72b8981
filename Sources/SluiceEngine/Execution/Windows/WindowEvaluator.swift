import SluiceCore

/// Computes one window call over a chunk of sorted positions (whole partitions), writing into
/// its ``WindowResultBuffer``. Ranking and offset functions read the layout; first and last
/// values read the frame; aggregates slide an accumulator over each partition.
struct WindowEvaluator {
    let plan: WindowCallPlan
    let layout: WindowLayout
    let output: WindowResultBuffer
    /// The call's argument in sorted order.
    let sortedInput: Column?
    /// Normalized keys of `sortedInput` for min and max over fixed-width values.
    let minMaxKeys: [UInt64]?

    func evaluate(_ chunk: Range<Int>, peers: PeerGroups) throws(SluiceError) {
        let partitions = layout.partitions(in: chunk)
        switch plan.function {
        case .rowNumber:
            for partition in partitions {
                for position in partition {
                    output.integers[position] = Int64(position - partition.lowerBound + 1)
                    output.presence[position] = 1
                }
            }
        case .rank:
            for partition in partitions {
                for position in partition {
                    output.integers[position] = Int64(Int(peers.start[position]) - partition.lowerBound + 1)
                    output.presence[position] = 1
                }
            }
        case .denseRank:
            for partition in partitions {
                var rank: Int64 = 0
                for position in partition {
                    if position == partition.lowerBound || layout.startsPeerGroup(position) { rank += 1 }
                    output.integers[position] = rank
                    output.presence[position] = 1
                }
            }
        case .shift(let offset):
            let missing: Int32 = plan.defaultValue == nil ? -1 : -2
            for partition in partitions {
                for position in partition {
                    let (target, overflow) = position.addingReportingOverflow(offset)
                    output.rows[position] = !overflow && partition.contains(target) ? Int32(truncatingIfNeeded: target) : missing
                }
            }
        case .firstValue, .lastValue:
            let isFirst: Bool
            if case .firstValue = plan.function { isFirst = true } else { isFirst = false }
            for partition in partitions {
                for position in partition {
                    let (start, end) = plan.frame.bounds(at: position, partition: partition, peers: peers)
                    output.rows[position] = start < end ? Int32(truncatingIfNeeded: isFirst ? start : end - 1) : -1
                }
            }
        case .aggregate(let kind):
            try aggregate(kind, partitions: partitions, chunk: chunk, peers: peers)
        }
    }

    private func slide<Accumulator: WindowAccumulator>(
        _ accumulator: Accumulator, _ partitions: [Range<Int>], _ peers: PeerGroups
    ) throws(SluiceError) {
        var accumulator = accumulator
        for partition in partitions {
            try WindowSlider.run(&accumulator, partition: partition, frame: plan.frame, peers: peers)
        }
    }

    private func aggregate(_ kind: AggregateKind, partitions: [Range<Int>], chunk: Range<Int>, peers: PeerGroups) throws(SluiceError) {
        if kind == .countStar {
            try slide(WindowCountAccumulator(validity: BitView(words: nil), countsNulls: true, output: output), partitions, peers)
            return
        }
        guard let input = sortedInput else {
            throw SluiceError.internal("Window function \(plan.name) has no argument column.", domain: .query)
        }
        try input.withValidityView { (validity) throws(SluiceError) in
            switch kind {
            case .count:
                try slide(WindowCountAccumulator(validity: validity, countsNulls: false, output: output), partitions, peers)
            case .sum, .avg:
                try sum(input, validity: validity, isAverage: kind == .avg, partitions: partitions, peers: peers)
            case .boolAnd, .boolOr:
                guard case .boolean(let bits) = input.storage else { return }
                try bits.withBitView { (values) throws(SluiceError) in
                    try slide(
                        WindowBooleanAccumulator(values: values, validity: validity, isAnd: kind == .boolAnd, output: output),
                        partitions, peers)
                }
            case .min, .max, .arbitrary:
                try extreme(input, validity: validity, isMaximum: kind == .max, keepsEveryRow: kind == .arbitrary,
                            partitions: partitions, chunk: chunk, peers: peers)
            case .countStar, .approxDistinct:
                throw SluiceError.internal("Window function \(plan.name) reached evaluation unchecked.", domain: .query)
            }
        }
    }

    private func sum(
        _ input: Column, validity: BitView, isAverage: Bool, partitions: [Range<Int>], peers: PeerGroups
    ) throws(SluiceError) {
        let name = plan.name
        func integers<T: FixedWidthInteger>(_ values: [T]) throws(SluiceError) {
            try values.withUnsafeBufferPointer { (values) throws(SluiceError) in
                try slide(
                    WindowIntegerSumAccumulator(values: values, validity: validity, isAverage: isAverage, output: output, callName: name),
                    partitions, peers)
            }
        }
        func doubles(_ values: [Double]) throws(SluiceError) {
            try values.withUnsafeBufferPointer { (values) throws(SluiceError) in
                try slide(DoubleSumAccumulator(values: values, validity: validity, isAverage: isAverage, output: output), partitions, peers)
            }
        }
        switch input.storage {
        case .int8(let values): try integers(values)
        case .int16(let values): try integers(values)
        case .int32(let values): try integers(values)
        case .int64(let values): try integers(values)
        case .float32(let values): try doubles(values.map { Double($0) })
        case .float64(let values): try doubles(values)
        case .decimal(let values):
            guard case .decimal(_, let inputScale) = input.type, case .decimal(let precision, let scale) = plan.resultType else {
                throw SluiceError.internal("Window function \(name) sums decimals into \(plan.resultType).", domain: .query)
            }
            try values.withUnsafeBufferPointer { (values) throws(SluiceError) in
                try slide(
                    WindowDecimalSumAccumulator(
                        values: values, validity: validity, isAverage: isAverage, output: output, callName: name,
                        inputScale: inputScale, resultPrecision: precision, resultScale: scale,
                        resultTypeName: "\(plan.resultType)"),
                    partitions, peers)
            }
        default:
            throw SluiceError.internal("Window function \(name) sums a \(input.type) column.", domain: .query)
        }
    }

    private func extreme(
        _ input: Column, validity: BitView, isMaximum: Bool, keepsEveryRow: Bool,
        partitions: [Range<Int>], chunk: Range<Int>, peers: PeerGroups
    ) throws(SluiceError) {
        let queue = UnsafeMutableBufferPointer<Int32>.allocate(capacity: chunk.count)
        defer { queue.deallocate() }
        func run<Order: PositionOrder>(_ order: Order) throws(SluiceError) {
            try slide(
                WindowExtremeAccumulator(
                    order: order, validity: validity, isMaximum: isMaximum, keepsEveryRow: keepsEveryRow,
                    queue: queue, output: output),
                partitions, peers)
        }
        switch input.storage {
        case .decimal(let values) where !keepsEveryRow:
            try values.withUnsafeBufferPointer { (values) throws(SluiceError) in try run(DecimalOrder(values: values)) }
        case .bytes(let offsets, let data) where !keepsEveryRow:
            try offsets.withUnsafeBufferPointer { (offsets) throws(SluiceError) in
                try data.withUnsafeBufferPointer { (data) throws(SluiceError) in
                    try run(BytesOrder(offsets: offsets, data: data.baseAddress))
                }
            }
        default:
            // Fixed-width values compare by normalized keys; `arbitrary` never compares.
            let keys = minMaxKeys ?? []
            try keys.withUnsafeBufferPointer { (keys) throws(SluiceError) in try run(NormalizedKeyOrder(keys: keys)) }
        }
    }
}
