import Foundation
import LinearAlgebra
import Numerics
import Testing

@testable import Uncertainty

@Suite("Uncertain real numbers")
struct UncertainRealTests {
    /// Each elementary function's sensitivity against its analytic derivative, written out
    /// independently here; the implementation evaluates the same formulas, so agreement is to
    /// rounding (1e-14 relative).
    static let derivatives: [(String, Double, Double)] = {
        var cases: [(String, Double, Double)] = []
        cases.append(("sqrt", 2.3, 0.5 / 2.3.squareRoot()))
        cases.append(("exp", 0.7, exp(0.7)))
        cases.append(("log", 2.5, 1 / 2.5))
        cases.append(("sin", 0.4, cos(0.4)))
        cases.append(("cos", 0.4, -sin(0.4)))
        cases.append(("tan", 0.4, 1 / (cos(0.4) * cos(0.4))))
        cases.append(("asin", 0.3, 1 / (1 - 0.09).squareRoot()))
        cases.append(("acos", 0.3, -1 / (1 - 0.09).squareRoot()))
        cases.append(("atan", 1.7, 1 / (1 + 1.7 * 1.7)))
        cases.append(("sinh", 0.8, cosh(0.8)))
        cases.append(("cosh", 0.8, sinh(0.8)))
        cases.append(("tanh", 0.8, 1 / (cosh(0.8) * cosh(0.8))))
        cases.append(("abs", -1.5, -1))
        return cases
    }()

    @Test(arguments: derivatives)
    func elementaryFunctionDerivatives(name: String, at x0: Double, derivative: Double) throws {
        let x = try UncertainReal.input(value: x0, standardUncertainty: 0.01, label: "x")
        let f = try #require(ElementaryFunction(rawValue: name))
        let y = f.apply(x)
        #expect(y.value == f.apply(x0))
        #expect(y.sensitivity(to: x).isApproximatelyEqual(to: derivative, relativeTolerance: 1e-14))
        #expect(y.standardUncertainty.isApproximatelyEqual(to: abs(derivative) * 0.01, relativeTolerance: 1e-14))
    }

    @Test func arithmeticAndPowerDerivatives() throws {
        let x = try UncertainReal.input(value: 3, standardUncertainty: 0.1, label: "x")
        let y = try UncertainReal.input(value: 2, standardUncertainty: 0.2, label: "y")
        // ∂(x/y)/∂x = 1/y, ∂/∂y = −x/y²; ∂(xʸ)/∂x = y xʸ⁻¹, ∂/∂y = xʸ ln x; atan2(y, x): x/r², −y/r².
        let q = x / y
        #expect(q.sensitivity(to: x) == 0.5)
        #expect(q.sensitivity(to: y) == -0.75)
        let p = UncertainReal.pow(x, y)
        #expect(p.value == 9)
        #expect(p.sensitivity(to: x).isApproximatelyEqual(to: 6, relativeTolerance: 1e-15))
        #expect(p.sensitivity(to: y).isApproximatelyEqual(to: 9 * log(3), relativeTolerance: 1e-15))
        let a = UncertainReal.atan2(y, x)
        #expect(a.sensitivity(to: y).isApproximatelyEqual(to: 3.0 / 13, relativeTolerance: 1e-15))
        #expect(a.sensitivity(to: x).isApproximatelyEqual(to: -2.0 / 13, relativeTolerance: 1e-15))
        // u² of x·y for independent inputs: (y u_x)² + (x u_y)² (GUM 5.1.2).
        #expect((x * y).variance.isApproximatelyEqual(to: 0.04 + 0.36, relativeTolerance: 1e-15))
        // An exact operand adds no uncertainty; an exact result has none.
        #expect((x * 2 + 1).standardUncertainty.isApproximatelyEqual(to: 0.2, relativeTolerance: 1e-15))
        #expect((UncertainReal(2) * 3).isExact)
        // x − x is exactly zero with zero uncertainty (the same input, sensitivities cancel).
        #expect((x - x).standardUncertainty == 0)
    }

    @Test func welchSatterthwaiteForIndependentInputs() throws {
        // GUM G.4.1, eq. G.2b: ν_eff = u⁴ / Σ u_i⁴/ν_i, here with c = (1, 2, 1) and an exact input.
        let a = try UncertainReal.input(value: 1, standardUncertainty: 1, degreesOfFreedom: 4, label: "a")
        let b = try UncertainReal.input(value: 1, standardUncertainty: 0.5, degreesOfFreedom: 9, label: "b")
        let c = try UncertainReal.input(value: 1, standardUncertainty: 0.3, label: "c")
        let y = a + 2 * b + c
        let u2 = 1 + 1 + 0.09
        #expect(
            y.effectiveDegreesOfFreedom.isApproximatelyEqual(
                to: u2 * u2 / (1.0 / 4 + 1.0 / 9), relativeTolerance: 1e-14))
        // All infinite: ν_eff = ∞; u = 0: ∞ as well (no finite component).
        #expect(c.effectiveDegreesOfFreedom == .infinity)
        #expect((a - a).effectiveDegreesOfFreedom == .infinity)
        #expect(a.effectiveDegreesOfFreedom == 4)
    }

    @Test func correlatedInputsAndEnsembles() throws {
        let r = Matrix(rows: 2, columns: 2, rowMajor: [1, 0.5, 0.5, 1])
        let xs = try UncertainReal.correlatedInputs(
            values: [1, 2], standardUncertainties: [0.1, 0.2], correlation: r, degreesOfFreedom: 5, labels: ["p", "q"])
        let y = xs[0] + xs[1]
        // u² = 0.01 + 0.04 + 2·0.5·0.1·0.2 = 0.07 (GUM 5.2.2).
        #expect(y.variance.isApproximatelyEqual(to: 0.07, relativeTolerance: 1e-14))
        #expect(UncertainReal.covariance(xs[0], xs[1]).isApproximatelyEqual(to: 0.01, relativeTolerance: 1e-14))
        // One ensemble: ν_eff = ν = 5, whatever the combination (Willink 2007).
        #expect(y.effectiveDegreesOfFreedom.isApproximatelyEqual(to: 5, relativeTolerance: 1e-13))
        #expect((xs[0] - 3 * xs[1]).effectiveDegreesOfFreedom.isApproximatelyEqual(to: 5, relativeTolerance: 1e-13))
        // With an independent finite-ν input: the ensemble is one component of the WS sum.
        let z = try UncertainReal.input(value: 0, standardUncertainty: 0.3, degreesOfFreedom: 10, label: "z")
        let w = y + z
        let u2 = 0.07 + 0.09
        #expect(
            w.effectiveDegreesOfFreedom.isApproximatelyEqual(
                to: u2 * u2 / (0.07 * 0.07 / 5 + 0.09 * 0.09 / 10), relativeTolerance: 1e-13))
        // Covariance matrix of several results is symmetric and matches the pairwise function.
        let v = UncertainReal.covarianceMatrix([y, w, xs[0]])
        #expect(v[0, 1] == v[1, 0])
        #expect(v[0, 1].isApproximatelyEqual(to: UncertainReal.covariance(y, w), relativeTolerance: 1e-15))
        #expect(v[0, 2].isApproximatelyEqual(to: 0.01 + 0.01, relativeTolerance: 1e-14))
    }

    @Test func correlationErrorsNameTheQuantities() throws {
        // Not positive semi-definite: r = 0.9, 0.9, −0.9 among three inputs (an eigenvalue −0.8).
        let bad = Matrix(rows: 3, columns: 3, rowMajor: [1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1])
        #expect {
            try UncertainReal.correlatedInputs(
                values: [0, 0, 0], standardUncertainties: [1, 1, 1], correlation: bad, labels: ["a", "b", "c"])
        } throws: { error in
            guard case .correlationNotPositiveSemidefinite(let names, let smallest) = error as? UncertaintyError else {
                return false
            }
            return names == ["a", "b", "c"] && smallest.isApproximatelyEqual(to: -0.8, relativeTolerance: 1e-12)
        }
        let outOfRange = Matrix(rows: 2, columns: 2, rowMajor: [1, 1.2, 1.2, 1])
        #expect(throws: UncertaintyError.invalidCorrelation(quantities: ["b", "a"], coefficient: 1.2)) {
            try UncertainReal.correlatedInputs(
                values: [0, 0], standardUncertainties: [1, 1], correlation: outOfRange, labels: ["a", "b"])
        }
        // Correlated finite-ν inputs with different ν are not an ensemble (GTC's rule).
        let r = Matrix(rows: 2, columns: 2, rowMajor: [1, 0.3, 0.3, 1])
        #expect(throws: UncertaintyError.correlatedInputsNotAnEnsemble(first: "a", second: "b")) {
            try UncertainReal.correlatedInputs(
                values: [0, 0], standardUncertainties: [1, 1], correlation: r, degreesOfFreedom: [4, 9],
                labels: ["a", "b"])
        }
        #expect(throws: UncertaintyError.correlatedInputsNotAnEnsemble(first: "a", second: "b")) {
            try UncertainReal.correlatedInputs(
                values: [0, 0], standardUncertainties: [1, 1], correlation: r, degreesOfFreedom: [4, .infinity],
                labels: ["a", "b"])
        }
        // Both infinite: fine.
        #expect(throws: Never.self) {
            try UncertainReal.correlatedInputs(values: [0, 0], standardUncertainties: [1, 1], correlation: r)
        }
    }

    @Test func badInputsAreTypedErrors() {
        #expect(throws: UncertaintyError.invalidUncertainty(quantity: "x", value: -1)) {
            try UncertainReal.input(value: 1, standardUncertainty: -1, label: "x")
        }
        #expect(throws: UncertaintyError.nonFiniteValue(quantity: "x")) {
            try UncertainReal.input(value: .nan, standardUncertainty: 1, label: "x")
        }
        #expect(throws: UncertaintyError.invalidDegreesOfFreedom(quantity: "x", value: 0)) {
            try UncertainReal.input(value: 1, standardUncertainty: 1, degreesOfFreedom: 0, label: "x")
        }
        #expect(throws: UncertaintyError.insufficientData(quantity: "V", needed: 2, found: 1)) {
            try TypeA.estimate([1.0], label: "V")
        }
    }

    @Test func sumOfCorrelatedInputsMatchesTheClosedForm() throws {
        // The benchmark workload (reference §3(a)): n = 1000 unit-u inputs, r = 0.5 among the
        // first n/10. u²(Σx) = n + 2·0.5·C(100, 2) = 1000 + 4950, exactly.
        let n = 1000
        let m = n / 10
        var r = Matrix.identity(order: m)
        for i in 0..<m { for j in 0..<m where i != j { r[i, j] = 0.5 } }
        let block = try UncertainReal.correlatedInputs(
            values: [Double](repeating: 1, count: m), standardUncertainties: [Double](repeating: 1, count: m),
            correlation: r)
        var inputs = block
        for _ in m..<n { inputs.append(try UncertainReal.input(value: 1, standardUncertainty: 1)) }
        let expected = Double(n) + 4950
        #expect(UncertainReal.sum(inputs).variance.isApproximatelyEqual(to: expected, relativeTolerance: 1e-13))
        // Built by repeated + (a chain of n − 1 nodes), the same.
        let chained = inputs.dropFirst().reduce(inputs[0], +)
        #expect(chained.variance.isApproximatelyEqual(to: expected, relativeTolerance: 1e-13))
        #expect(chained.budget().components.count == n)
    }

    @Test func longChainsAreReleasedWithoutRecursion() throws {
        // 100 000 additions: releasing the chain must not recurse once per link (a recursive
        // release needs ~100 bytes of stack per link, more than a test thread's stack holds).
        let x = try UncertainReal.input(value: 1, standardUncertainty: 1e-3, label: "x")
        var y = x
        for _ in 0..<100_000 { y = y + x }
        #expect(y.sensitivity(to: x) == 100_001)
        y = x
        #expect(y.standardUncertainty == 1e-3)
    }

    @Test func typeAEvaluation() throws {
        // GUM H.2's voltage: mean 4.999, s = 0.0071764, s/√5 = 0.0032094 (numpy: np.std(ddof=1)).
        let v = [5.007, 4.994, 5.005, 4.990, 4.999]
        #expect(try TypeA.mean(v).isApproximatelyEqual(to: 4.999, relativeTolerance: 1e-15))
        #expect(try TypeA.standardDeviation(v).isApproximatelyEqual(to: 0.007176350047203521, relativeTolerance: 1e-13))
        let estimate = try TypeA.estimate(v, label: "V")
        #expect(estimate.effectiveDegreesOfFreedom == 4)
        #expect(estimate.standardUncertainty.isApproximatelyEqual(to: 0.0032093613071761794, relativeTolerance: 1e-13))
    }

    @Test func budgetSortingAndFractions() throws {
        let a = try UncertainReal.input(value: 1, standardUncertainty: 0.1, label: "a")
        let b = try UncertainReal.input(value: 1, standardUncertainty: 0.3, label: "b")
        let budget = (a + b).budget()
        #expect(budget.components.map(\.quantity) == ["a", "b"])
        #expect(budget.sortedByContribution().components.map(\.quantity) == ["b", "a"])
        #expect(
            budget.components.reduce(0) { $0 + $1.varianceFraction }.isApproximatelyEqual(
                to: 1, relativeTolerance: 1e-15))
    }
}
