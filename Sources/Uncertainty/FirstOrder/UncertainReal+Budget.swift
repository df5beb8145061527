import LinearAlgebra

extension UncertainReal {
    /// The uncertainty budget of this result with respect to every input it depends on, in the
    /// order the inputs were created: c_i = ∂y/∂x_i and u_i(y) = c_i·u(x_i) (GUM 5.1.3), with u(y)
    /// and ν_eff computed from the same reverse sweep.
    ///
    /// Inputs reached with a zero sensitivity (GUM H.1: α_s, whose coefficient vanishes at
    /// δθ = 0) are listed with c_i = 0.
    ///
    /// - Complexity: one reverse sweep, O(size of the graph).
    public func budget() -> UncertaintyBudget {
        let profile = SensitivityProfile(self)
        let variance = profile.variance
        let components = profile.terms.map { term in
            let c = term.component
            return UncertaintyComponent(
                quantity: term.input.label ?? "input", value: term.input.value,
                standardUncertainty: term.input.standardUncertainty, degreesOfFreedom: term.input.degreesOfFreedom,
                sensitivity: term.sensitivity, component: c, varianceFraction: variance > 0 ? c * c / variance : 0)
        }
        return UncertaintyBudget(
            value: value, standardUncertainty: variance.squareRoot(),
            effectiveDegreesOfFreedom: profile.effectiveDegreesOfFreedom(variance: variance), components: components)
    }

    /// The budget with respect to chosen influences: inputs and intermediate results (GUM H.1
    /// lists l_s, d, α_s, θ, δα, δθ, where d and θ are intermediate results).
    ///
    /// The sensitivity to an intermediate result z is the derivative along the paths through z
    /// (the adjoint of z in the reverse sweep), and its component is ∂y/∂z·u(z) with u(z) from
    /// z's own budget. An exact number or a result that is neither an input nor an intermediate
    /// has no identity in the graph and gets c = 0.
    ///
    /// - Complexity: one sweep for y and one per intermediate result.
    public func budget(influences: [UncertainReal]) -> UncertaintyBudget {
        guard let root = node else {
            return UncertaintyBudget(
                value: value, standardUncertainty: 0, effectiveDegreesOfFreedom: .infinity,
                components: influences.map {
                    UncertaintyComponent(
                        quantity: $0.label ?? "quantity", value: $0.value, standardUncertainty: $0.standardUncertainty,
                        degreesOfFreedom: $0.effectiveDegreesOfFreedom, sensitivity: 0, component: 0,
                        varianceFraction: 0)
                })
        }
        let sweep = ReverseSweep(from: root)
        let profile = SensitivityProfile(sweep)
        let variance = profile.variance
        let components = influences.map { influence in
            let sensitivity = influence.node.map { sweep.adjoint(of: $0) } ?? 0
            let u: Double
            let nu: Double
            if let input = influence.node?.inputProperties {
                u = input.standardUncertainty
                nu = input.degreesOfFreedom
            } else {
                let own = SensitivityProfile(influence)
                let v = own.variance
                u = v.squareRoot()
                nu = own.effectiveDegreesOfFreedom(variance: v)
            }
            let c = sensitivity * u
            return UncertaintyComponent(
                quantity: influence.label ?? "quantity", value: influence.value, standardUncertainty: u,
                degreesOfFreedom: nu, sensitivity: sensitivity, component: c,
                varianceFraction: variance > 0 ? c * c / variance : 0)
        }
        return UncertaintyBudget(
            value: value, standardUncertainty: variance.squareRoot(),
            effectiveDegreesOfFreedom: profile.effectiveDegreesOfFreedom(variance: variance), components: components)
    }

    /// ∂y/∂x: the sensitivity of this result to an input or intermediate result x (zero when y
    /// does not depend on x).
    public func sensitivity(to x: UncertainReal) -> Double {
        guard let root = node, let target = x.node else { return 0 }
        if root === target { return 1 }
        return ReverseSweep(from: root).adjoint(of: target)
    }

    /// u(y, z) = Σ_i Σ_j c_i u(x_i) r_ij u(x_j) d_j, the covariance of two results (GUM F.1.2.3,
    /// H.2.3).
    public static func covariance(_ y: UncertainReal, _ z: UncertainReal) -> Double {
        SensitivityProfile.covariance(SensitivityProfile(y), SensitivityProfile(z))
    }

    /// r(y, z) = u(y, z)/(u(y)·u(z)), zero when either uncertainty is zero (GUM C.3.6).
    public static func correlation(_ y: UncertainReal, _ z: UncertainReal) -> Double {
        let (a, b) = (SensitivityProfile(y), SensitivityProfile(z))
        let denominator = (a.variance * b.variance).squareRoot()
        return denominator > 0 ? SensitivityProfile.covariance(a, b) / denominator : 0
    }

    /// The covariance matrix of several results, u(y_i, y_j) (GUM H.2; JCGM 102 6.2.1.3).
    ///
    /// - Complexity: one sweep per result, then O(m²·n) for m results of n inputs.
    public static func covarianceMatrix(_ results: [UncertainReal]) -> Matrix {
        let profiles = results.map(SensitivityProfile.init)
        var v = Matrix(rows: results.count, columns: results.count)
        for i in profiles.indices {
            for j in 0...i {
                let c = SensitivityProfile.covariance(profiles[i], profiles[j])
                v[i, j] = c
                v[j, i] = c
            }
        }
        return v
    }

    /// The correlation matrix of several results, r(y_i, y_j) (zero rows for exact results).
    public static func correlationMatrix(_ results: [UncertainReal]) -> Matrix {
        let v = covarianceMatrix(results)
        var r = v
        for i in 0..<v.rows {
            for j in 0..<v.columns {
                let d = (v[i, i] * v[j, j]).squareRoot()
                r[i, j] = i == j ? (v[i, i] > 0 ? 1 : 0) : (d > 0 ? v[i, j] / d : 0)
            }
        }
        return r
    }
}
