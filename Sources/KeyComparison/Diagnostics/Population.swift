import LinearAlgebra

/// The results a consistency diagnostic looks at: the included results of a comparison, with
/// their values, uncertainties and the matching block of the covariance matrix. Internal glue.
struct Population {
    let laboratories: [LaboratoryID]
    let values: [Double]
    let standardUncertainties: [Double]
    let degreesOfFreedom: [Double?]
    /// The covariance block of the included results (diagonal when they are independent).
    let covariance: Matrix
    let isCorrelated: Bool

    init(_ comparison: Comparison) {
        let included = comparison.includedIndices
        laboratories = included.map { comparison.results[$0].laboratory }
        values = included.map { comparison.results[$0].value }
        standardUncertainties = included.map { comparison.results[$0].standardUncertainty }
        degreesOfFreedom = included.map { comparison.results[$0].degreesOfFreedom }
        let m = included.count
        var v = Matrix(rows: m, columns: m)
        var correlated = false
        for (p, i) in included.enumerated() {
            for (q, j) in included.enumerated() {
                v[p, q] = comparison.covariance(i, j)
                if p != q && v[p, q] != 0 { correlated = true }
            }
        }
        covariance = v
        isCorrelated = correlated
    }

    var count: Int { values.count }

    /// False when every value is the same (then s = 0 up to rounding and h, G are undefined).
    var hasSpread: Bool { values.min() != values.max() }

    /// Throws unless at least `needed` results are included.
    func require(_ needed: Int) throws(KeyComparisonError) {
        guard count >= needed else { throw .insufficientParticipants(needed: needed, found: count) }
    }

    /// The arithmetic mean and the sample standard deviation (n − 1 divisor) of the values.
    var meanAndStandardDeviation: (mean: Double, standardDeviation: Double) {
        Self.meanAndStandardDeviation(values)
    }

    static func meanAndStandardDeviation(_ x: [Double]) -> (mean: Double, standardDeviation: Double) {
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let ss = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, x.count > 1 ? (ss / (n - 1)).squareRoot() : 0)
    }

    /// The median (mean of the two middle values for an even count).
    static func median(_ x: [Double]) -> Double {
        let sorted = x.sorted()
        let m = sorted.count
        return m % 2 == 1 ? sorted[m / 2] : 0.5 * (sorted[m / 2 - 1] + sorted[m / 2])
    }
}
