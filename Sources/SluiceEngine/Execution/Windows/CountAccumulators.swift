import SluiceCore

/// `count(*)` (every row) or `count(x)` (rows where x is not null) over a frame.
struct WindowCountAccumulator: WindowAccumulator {
    let validity: BitView
    let countsNulls: Bool
    let output: WindowResultBuffer
    private var count = 0

    init(validity: BitView, countsNulls: Bool, output: WindowResultBuffer) {
        self.validity = validity
        self.countsNulls = countsNulls
        self.output = output
    }

    mutating func add(_ position: Int) { if countsNulls || validity.isSet(position) { count += 1 } }
    mutating func remove(_ position: Int) { if countsNulls || validity.isSet(position) { count -= 1 } }
    mutating func reset() { count = 0 }

    func write(_ position: Int) {
        output.integers[position] = Int64(count)
        output.presence[position] = 1
    }
}

/// `bool_and` / `bool_or` over a frame: counts of true and of present values.
struct WindowBooleanAccumulator: WindowAccumulator {
    let values: BitView
    let validity: BitView
    let isAnd: Bool
    let output: WindowResultBuffer
    private var trueCount = 0
    private var presentCount = 0

    init(values: BitView, validity: BitView, isAnd: Bool, output: WindowResultBuffer) {
        self.values = values
        self.validity = validity
        self.isAnd = isAnd
        self.output = output
    }

    mutating func add(_ position: Int) {
        guard validity.isSet(position) else { return }
        presentCount += 1
        if values.isSet(position) { trueCount += 1 }
    }

    mutating func remove(_ position: Int) {
        guard validity.isSet(position) else { return }
        presentCount -= 1
        if values.isSet(position) { trueCount -= 1 }
    }

    mutating func reset() {
        trueCount = 0
        presentCount = 0
    }

    func write(_ position: Int) {
        guard presentCount > 0 else {
            output.presence[position] = 0
            return
        }
        let result = isAnd ? trueCount == presentCount : trueCount > 0
        output.presence[position] = result ? 2 : 1
    }
}
