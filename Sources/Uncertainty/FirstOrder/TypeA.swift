import LinearAlgebra

/// Type A evaluation of standard uncertainty from repeated observations (GUM 4.2).
///
///     let v = [5.007, 4.994, 5.005, 4.990, 4.999]
///     TypeA.mean(v)                       // 4.9990
///     try TypeA.standardUncertainty(v)    // s(V̄) = s/√5 = 0.0032
///     try TypeA.estimate(v, label: "V")   // an input with ν = n − 1 = 4
public enum TypeA {
    /// The arithmetic mean x̄ = Σ x_k/n (GUM 4.2.1, eq. 3).
    ///
    /// - Throws: ``UncertaintyError/insufficientData(quantity:needed:found:)`` for no
    ///   observation, ``UncertaintyError/nonFiniteValue(quantity:)`` for a NaN or infinite one.
    public static func mean(_ observations: [Double], label: String? = nil) throws(UncertaintyError) -> Double {
        guard !observations.isEmpty else {
            throw .insufficientData(quantity: label ?? "observations", needed: 1, found: 0)
        }
        guard observations.allSatisfy(\.isFinite) else { throw .nonFiniteValue(quantity: label ?? "observations") }
        return average(observations)
    }

    private static func average(_ observations: [Double]) -> Double {
        observations.reduce(0, +) / Double(observations.count)
    }

    /// The experimental standard deviation s(x_k) = √(Σ (x_k − x̄)²/(n − 1)) (GUM 4.2.2, eq. 4).
    ///
    /// - Throws: ``UncertaintyError/insufficientData(quantity:needed:found:)`` for n < 2,
    ///   ``UncertaintyError/nonFiniteValue(quantity:)`` for a NaN or infinite observation.
    public static func standardDeviation(_ observations: [Double], label: String? = nil) throws(UncertaintyError)
        -> Double
    {
        try check(observations, label: label)
        let mean = average(observations)
        let sum = observations.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (sum / Double(observations.count - 1)).squareRoot()
    }

    /// The standard uncertainty of the mean, s(x̄) = s(x_k)/√n (GUM 4.2.3, eq. 5).
    ///
    /// - Throws: as ``standardDeviation(_:label:)``.
    public static func standardUncertainty(_ observations: [Double], label: String? = nil) throws(UncertaintyError)
        -> Double
    {
        try standardDeviation(observations, label: label) / Double(observations.count).squareRoot()
    }

    /// The mean of the observations as an input quantity: x̄ with u = s(x̄) and ν = n − 1
    /// (GUM 4.2, G.3.3).
    ///
    /// - Throws: as ``standardDeviation(_:label:)``.
    public static func estimate(_ observations: [Double], label: String? = nil) throws(UncertaintyError)
        -> UncertainReal
    {
        let u = try standardUncertainty(observations, label: label)
        return try UncertainReal.input(
            value: average(observations), standardUncertainty: u, degreesOfFreedom: Double(observations.count - 1),
            label: label)
    }

    /// Several quantities observed together n times (one array per quantity, the k-th entries
    /// forming the k-th set): their means as an ensemble of correlated inputs, with
    /// u(x̄_i) = s(x̄_i), the sample correlation r(x̄_i, x̄_j) = s(x̄_i, x̄_j)/(s(x̄_i)s(x̄_j)) of
    /// GUM 5.2.3 (eq. 17, C.3.6) and one ν = n − 1 (GUM H.2: V, I, φ from five sets, ν = 4;
    /// Willink, Metrologia 44 (2007) 340; GTC `type_a.multi_estimate_real`).
    ///
    /// - Throws: ``UncertaintyError/dimensionMismatch(quantity:expected:found:)`` when the
    ///   quantities have different numbers of observations, and the errors of
    ///   ``standardDeviation(_:label:)`` and of ``UncertainReal/correlatedInputs(values:standardUncertainties:correlation:degreesOfFreedom:labels:)``.
    public static func multiEstimate(_ observations: [[Double]], labels: [String]? = nil) throws(UncertaintyError)
        -> [UncertainReal]
    {
        let m = observations.count
        let names = labels ?? (0..<m).map { "quantity \($0 + 1)" }
        guard names.count == m else { throw .dimensionMismatch(quantity: "labels", expected: m, found: names.count) }
        guard let n = observations.first?.count else { return [] }
        for (k, series) in observations.enumerated() {
            guard series.count == n else {
                throw .dimensionMismatch(quantity: names[k], expected: n, found: series.count)
            }
            try check(series, label: names[k])
        }
        let means = observations.map(average)
        var covariance = Matrix(rows: m, columns: m)
        for i in 0..<m {
            for j in 0...i {
                var sum = 0.0
                for k in 0..<n { sum += (observations[i][k] - means[i]) * (observations[j][k] - means[j]) }
                let c = sum / Double(n * (n - 1))  // covariance of the means, GUM 5.2.3 eq. 17
                covariance[i, j] = c
                covariance[j, i] = c
            }
        }
        return try UncertainReal.correlatedInputs(
            values: means, covariance: covariance, degreesOfFreedom: Double(n - 1), labels: labels ?? names)
    }

    /// A complex quantity observed n times: the mean as an uncertain complex number whose real
    /// and imaginary parts form an ensemble with the sample covariance of the mean and ν = n − 1
    /// (GTC `type_a.estimate` for complex data; Willink & Hall, Metrologia 39 (2002) 361).
    ///
    /// - Throws: as ``multiEstimate(_:labels:)``.
    public static func estimate(real: [Double], imaginary: [Double], label: String? = nil) throws(UncertaintyError)
        -> UncertainComplex
    {
        let name = label ?? "z"
        let parts = try multiEstimate([real, imaginary], labels: [name + "_re", name + "_im"])
        return UncertainComplex(real: parts[0], imaginary: parts[1])
    }

    private static func check(_ observations: [Double], label: String?) throws(UncertaintyError) {
        guard observations.count >= 2 else {
            throw .insufficientData(quantity: label ?? "observations", needed: 2, found: observations.count)
        }
        guard observations.allSatisfy(\.isFinite) else { throw .nonFiniteValue(quantity: label ?? "observations") }
    }
}
