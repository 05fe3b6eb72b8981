import SluiceCore

/// Makes the accumulator for an aggregate call and its input type: one typed class per
/// function and storage kind, so inner loops never switch on the type.
enum GroupAccumulatorFactory {
    static func make(_ call: AggregateCall, inputType: DataType?) throws(SluiceError) -> any GroupAccumulator {
        let resultType = try AggregateKind.resultType(of: call.kind, input: inputType)
        guard resultType == call.resultType else {
            throw SluiceError.internal(
                "Aggregate \(call.name) was planned to return \(call.resultType), but \(call.kind.functionName) of "
                    + "\(inputType?.description ?? "*") returns \(resultType).")
        }
        let plain = try makePlain(call, inputType: inputType, resultType: resultType)
        switch call.kind {
        case .count, .sum, .avg:
            guard call.isDistinct, let inputType else { return plain }
            return try DistinctAccumulator(valueType: inputType, inner: plain)
        default:
            // DISTINCT changes nothing for min, max, arbitrary, approx_distinct, bool_and and bool_or.
            return plain
        }
    }

    private static func makePlain(_ call: AggregateCall, inputType: DataType?, resultType: DataType) throws(SluiceError) -> any GroupAccumulator {
        guard let inputType else { return CountAccumulator() }
        switch call.kind {
        case .countStar, .count: return CountAccumulator()
        case .approxDistinct: return ApproxDistinctAccumulator()
        case .boolAnd: return BooleanAccumulator(mode: .min)
        case .boolOr: return BooleanAccumulator(mode: .max)
        case .sum:
            switch inputType {
            case .int8: return IntegerSumAccumulator<Int8>(name: call.name)
            case .int16: return IntegerSumAccumulator<Int16>(name: call.name)
            case .int32: return IntegerSumAccumulator<Int32>(name: call.name)
            case .int64: return IntegerSumAccumulator<Int64>(name: call.name)
            case .float32: return FloatingSumAccumulator<Float>()
            case .float64: return FloatingSumAccumulator<Double>()
            default: return DecimalSumAccumulator(name: call.name, resultType: resultType)
            }
        case .avg:
            switch inputType {
            case .int8: return IntegerAverageAccumulator<Int8>()
            case .int16: return IntegerAverageAccumulator<Int16>()
            case .int32: return IntegerAverageAccumulator<Int32>()
            case .int64: return IntegerAverageAccumulator<Int64>()
            case .float32: return FloatingAverageAccumulator<Float>()
            case .float64: return FloatingAverageAccumulator<Double>()
            default: return DecimalAverageAccumulator(name: call.name, resultType: resultType)
            }
        case .min, .max, .arbitrary:
            let mode: ExtremeMode = call.kind == .min ? .min : (call.kind == .max ? .max : .first)
            switch inputType {
            case .boolean: return BooleanAccumulator(mode: mode)
            case .int8: return ExtremeAccumulator<Int8>(mode: mode, resultType: resultType)
            case .int16: return ExtremeAccumulator<Int16>(mode: mode, resultType: resultType)
            case .int32, .date: return ExtremeAccumulator<Int32>(mode: mode, resultType: resultType)
            case .int64, .timestamp: return ExtremeAccumulator<Int64>(mode: mode, resultType: resultType)
            case .float32: return ExtremeAccumulator<Float>(mode: mode, resultType: resultType)
            case .float64: return ExtremeAccumulator<Double>(mode: mode, resultType: resultType)
            case .decimal: return ExtremeAccumulator<Int128>(mode: mode, resultType: resultType)
            default: return BytesExtremeAccumulator(mode: mode, resultType: resultType)
            }
        }
    }
}
