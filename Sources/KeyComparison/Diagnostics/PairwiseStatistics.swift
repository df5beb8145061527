/// The two pair-based consistency statistics and their joint parametric bootstrap. Internal: the
/// public faces are ``MedianScaledDifference`` and ``PairDifferenceChiSquared``.
///
/// One replicate x* ~ N(0, V) gives both statistics for every laboratory, so a diagnosis that wants
/// both simulates once. The statistics are invariant to a common shift of the values, so drawing
/// about 0 rather than about a consensus value changes nothing.
struct PairwiseStatistics {
    let laboratories: [LaboratoryID]
    let values: [Double]
    private let kernel: Kernel
    private let bootstrap: ParametricBootstrap

    /// The per-replicate computation: MSD_i into output[i], χ²_PD,i into output[n + i].
    struct Kernel {
        let n: Int
        /// 1/√(V_ii + V_jj), row-major.
        let msdScale: [Double]
        /// 1/(V_ii + V_jj − 2V_ij), row-major.
        let pairScale: [Double]

        func callAsFunction(
            _ x: UnsafeBufferPointer<Double>, _ output: UnsafeMutableBufferPointer<Double>,
            _ scratch: UnsafeMutableBufferPointer<Double>
        ) {
            let m = n - 1
            for i in 0..<n {
                var count = 0
                var chi2 = 0.0
                for j in 0..<n where j != i {
                    let d = x[i] - x[j]
                    scratch[count] = abs(d) * msdScale[i * n + j]
                    count += 1
                    chi2 += d * d * pairScale[i * n + j]
                }
                let ratios = UnsafeMutableBufferPointer(rebasing: scratch[0..<m])
                DistributionQuantiles.sortInPlace(ratios)
                output[i] = m % 2 == 1 ? ratios[m / 2] : 0.5 * (ratios[m / 2 - 1] + ratios[m / 2])
                output[n + i] = chi2 / Double(m)
            }
        }
    }

    init(_ comparison: Comparison) throws(KeyComparisonError) {
        let population = Population(comparison)
        try population.require(2)
        laboratories = population.laboratories
        values = population.values
        let n = population.count
        let v = population.covariance
        var msdScale = [Double](repeating: 0, count: n * n)
        var pairScale = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where j != i {
                msdScale[i * n + j] = 1 / (v[i, i] + v[j, j]).squareRoot()
                // Positive for a positive definite V: it is the variance of x_i − x_j.
                pairScale[i * n + j] = 1 / (v[i, i] + v[j, j] - 2 * v[i, j])
            }
        }
        kernel = Kernel(n: n, msdScale: msdScale, pairScale: pairScale)
        bootstrap = try ParametricBootstrap(covariance: v, laboratories: laboratories)
    }

    /// The observed statistics: (MSD_i, χ²_PD,i) per laboratory.
    func observed() -> (medianScaledDifferences: [Double], pairDifferenceChiSquared: [Double]) {
        let n = kernel.n
        var output = [Double](repeating: 0, count: 2 * n)
        var scratch = [Double](repeating: 0, count: n)
        values.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { out in
                scratch.withUnsafeMutableBufferPointer { kernel(x, out, $0) }
            }
        }
        return (Array(output[0..<n]), Array(output[n...]))
    }

    /// Both statistics with parametric-bootstrap p-values and critical values (nil trials: none).
    func evaluate(trials: Int?, seed: UInt64) throws(KeyComparisonError) -> (
        MedianScaledDifference, PairDifferenceChiSquared
    ) {
        let (msd, chi2) = observed()
        guard let trials else {
            func rows(_ values: [Double]) -> [LaboratoryStatistic] {
                zip(laboratories, values).map { LaboratoryStatistic(laboratory: $0, value: $1) }
            }
            return (
                MedianScaledDifference(laboratories: rows(msd)), PairDifferenceChiSquared(laboratories: rows(chi2))
            )
        }
        guard trials >= 100 else {
            throw .invalidSetting(.trials, value: "\(trials)", reason: "the bootstrap needs at least 100 replicates")
        }
        let n = kernel.n
        let kernel = self.kernel
        let simulated = bootstrap.run(
            trials: trials, seed: seed, statisticCount: 2 * n, scratchCount: n
        ) { x, output, scratch in kernel(x, output, scratch) }
        func row(_ i: Int, _ observed: Double, _ sorted: [Double]) -> LaboratoryStatistic {
            let critical = CriticalValues(
                fivePercent: ParametricBootstrap.quantile(sorted, 0.95),
                onePercent: ParametricBootstrap.quantile(sorted, 0.99))
            return LaboratoryStatistic(
                laboratory: laboratories[i], value: observed,
                pValue: ParametricBootstrap.upperTailFraction(sorted, exceeding: observed), criticalValues: critical,
                classification: OutlierClassification(upperTailStatistic: observed, criticalValues: critical))
        }
        return (
            MedianScaledDifference(
                laboratories: (0..<n).map { row($0, msd[$0], simulated[$0]) }, trials: trials, seed: seed),
            PairDifferenceChiSquared(
                laboratories: (0..<n).map { row($0, chi2[$0], simulated[n + $0]) }, trials: trials, seed: seed)
        )
    }
}
