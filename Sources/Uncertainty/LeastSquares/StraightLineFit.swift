import LinearAlgebra

/// A straight line y = a + b·x fitted by least squares, with its intercept and slope as
/// correlated uncertain numbers, so that predictions and inverse evaluations propagate.
///
/// Two cases, both through ``GeneralizedLeastSquares`` (QR on the whitened design):
///
/// * ``weighted(x:y:standardUncertainties:interceptLabel:slopeLabel:)``: ISO/TS 28037:2010
///   clause 6, uncertainties u(y_i) known, x exact. cov(a, b) = (XᵀU⁻¹X)⁻¹ with U = diag u²(y_i);
///   the parameters have infinite ν, and χ² = Σ r_i²/u²(y_i) with ν = n − 2 checks the model.
/// * ``ordinary(x:y:interceptLabel:slopeLabel:)``: GUM H.3, equal unknown uncertainties estimated
///   from the residuals: s² = Σ r_i²/(n − 2), cov(a, b) = s²(XᵀX)⁻¹, and a and b form an
///   ensemble with ν = n − 2.
///
///     let fit = try StraightLineFit.weighted(x: [1, 2, 3, 4, 5, 6],
///                                            y: [3.3, 5.6, 7.1, 9.3, 10.7, 12.1],
///                                            standardUncertainties: Array(repeating: 0.5, count: 6))
///     fit.intercept       // 1.867 ± 0.465, ISO/TS 28037 example 1
///     let y0 = try UncertainReal.input(value: 10.5, standardUncertainty: 0.5)
///     fit.inverse(y0)     // x = 4.913 ± 0.322
///
/// - Complexity: O(n).
public struct StraightLineFit: Sendable {
    /// a, the intercept (the value at x = 0).
    public var intercept: UncertainReal
    /// b, the slope.
    public var slope: UncertainReal
    /// The residuals r_i = y_i − (a + b·x_i).
    public var residuals: [Double]
    /// χ² = Σ r_i²/u²(y_i) for a weighted fit; the residual sum of squares Σ r_i² for an
    /// ordinary fit.
    public var chiSquared: Double
    /// n − 2.
    public var degreesOfFreedom: Int
    /// s = √(Σ r_i²/(n − 2)) for an ordinary fit (GUM H.3.3), nil for a weighted fit.
    public var residualStandardDeviation: Double?

    /// The weighted least-squares line of ISO/TS 28037 clause 6 (uncertainties in y only).
    ///
    /// - Throws: ``UncertaintyError/dimensionMismatch(quantity:expected:found:)``,
    ///   ``UncertaintyError/insufficientData(quantity:needed:found:)`` for fewer than 2 points,
    ///   ``UncertaintyError/nonFiniteValue(quantity:)``, ``UncertaintyError/invalidUncertainty(quantity:value:)``
    ///   for a u(y_i) that is not positive, ``UncertaintyError/linearAlgebra(_:)`` when all x_i are
    ///   equal.
    public static func weighted(
        x: [Double], y: [Double], standardUncertainties u: [Double], interceptLabel: String = "a",
        slopeLabel: String = "b"
    ) throws(UncertaintyError) -> StraightLineFit {
        try check(x: x, y: y, minimum: 2)
        guard u.count == y.count else { throw .dimensionMismatch(quantity: "u(y)", expected: y.count, found: u.count) }
        for (i, ui) in u.enumerated() where !(ui.isFinite && ui > 0) {
            throw .invalidUncertainty(quantity: "u(y[\(i + 1)])", value: ui)
        }
        let fit = try solve(x: x, y: y, covariance: .diagonal(u.map { $0 * $0 }))
        let parameters = try UncertainReal.correlatedInputs(
            values: fit.coefficients, covariance: fit.covariance, labels: [interceptLabel, slopeLabel])
        return StraightLineFit(
            intercept: parameters[0], slope: parameters[1], residuals: fit.residuals, chiSquared: fit.chiSquared,
            degreesOfFreedom: fit.degreesOfFreedom, residualStandardDeviation: nil)
    }

    /// The ordinary least-squares line of GUM H.3, with u estimated from the residuals and
    /// ν = n − 2.
    ///
    /// - Throws: as ``weighted(x:y:standardUncertainties:interceptLabel:slopeLabel:)``, with at
    ///   least 3 points.
    public static func ordinary(
        x: [Double], y: [Double], interceptLabel: String = "a", slopeLabel: String = "b"
    ) throws(UncertaintyError) -> StraightLineFit {
        try check(x: x, y: y, minimum: 3)
        let fit = try solve(x: x, y: y, covariance: .identity(order: y.count))
        let nu = fit.degreesOfFreedom
        let s2 = fit.chiSquared / Double(nu)
        var covariance = fit.covariance
        for j in 0..<2 {
            for i in 0..<2 { covariance[i, j] *= s2 }
        }
        let parameters = try UncertainReal.correlatedInputs(
            values: fit.coefficients, covariance: covariance, degreesOfFreedom: Double(nu),
            labels: [interceptLabel, slopeLabel])
        return StraightLineFit(
            intercept: parameters[0], slope: parameters[1], residuals: fit.residuals, chiSquared: fit.chiSquared,
            degreesOfFreedom: nu, residualStandardDeviation: s2.squareRoot())
    }

    /// The line at x: a + b·x (GUM H.3.4: b(30 °C)).
    public func value(at x: Double) -> UncertainReal { intercept + slope * x }

    /// The line at an uncertain x.
    public func value(at x: UncertainReal) -> UncertainReal { intercept + slope * x }

    /// The inverse evaluation x = (y − a)/b for a new observation y with its own uncertainty
    /// (ISO/TS 28037 6.6; GTC `x_from_y`).
    public func inverse(_ y: UncertainReal) -> UncertainReal { (y - intercept) / slope }

    /// u(a, b).
    public var covariance: Double { UncertainReal.covariance(intercept, slope) }

    /// True when χ² does not exceed the p-quantile of χ²(n − 2) (ISO/TS 28037 6.3: the model is
    /// consistent with the data); true when n − 2 = 0.
    public func passesChiSquaredTest(probability p: Double = 0.95) -> Bool {
        guard degreesOfFreedom > 0 else { return true }
        return chiSquared <= ChiSquaredDistribution(degreesOfFreedom: Double(degreesOfFreedom)).quantile(p)
    }

    private static func check(x: [Double], y: [Double], minimum: Int) throws(UncertaintyError) {
        guard x.count == y.count else { throw .dimensionMismatch(quantity: "y", expected: x.count, found: y.count) }
        guard x.count >= minimum else {
            throw .insufficientData(quantity: "straight line", needed: minimum, found: x.count)
        }
        for (i, value) in x.enumerated() where !value.isFinite { throw .nonFiniteValue(quantity: "x[\(i + 1)]") }
        for (i, value) in y.enumerated() where !value.isFinite { throw .nonFiniteValue(quantity: "y[\(i + 1)]") }
    }

    private static func solve(x: [Double], y: [Double], covariance: Matrix) throws(UncertaintyError)
        -> GeneralizedLeastSquares
    {
        var design = Matrix(rows: x.count, columns: 2)
        for (i, xi) in x.enumerated() {
            design[i, 0] = 1
            design[i, 1] = xi
        }
        do {
            return try GeneralizedLeastSquares.fit(design: design, observations: y, covariance: covariance)
        } catch {
            throw .linearAlgebra(error)
        }
    }
}
