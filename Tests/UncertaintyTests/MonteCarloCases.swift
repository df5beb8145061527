import Foundation
import LinearAlgebra
import Testing
import Uncertainty

/// The JCGM 101 examples of ../shared/validation/uncertainty (jcgm101-9.2 … 9.5.uncertainty.json):
/// models written as Swift closures, inputs as in the files, and the figures the tests compare
/// with. Published figures keep the provenance tag of the validation README ([S] quoted by an
/// independent source, [R] transcribed, [X] exact); `referenceRun` figures are the files'
/// "computedHere" seeded numpy runs with M = 10⁶. The numbers are copied here so that the tests
/// run without ../shared; `SharedMonteCarloCaseTests` checks the copies when ../shared is there.
enum MonteCarloCases {
    // MARK: JCGM 101 9.2: Y = X₁ + X₂ + X₃ + X₄

    static let additive = MeasurementFunction(inputCount: 4, outputCount: 1) { x, y, count in
        for t in 0..<count { y[0][t] = x[0][t] + x[1][t] + x[2][t] + x[3][t] }
    }

    /// 9.2.2: Xᵢ ~ N(0, 1).
    static func additiveGaussian() throws -> JointDistribution {
        try JointDistribution((1...4).map { ("X_\($0)", .gaussian(mean: 0, standardDeviation: 1)) })
    }

    /// 9.2.3: Xᵢ ~ R(−√3, √3) (standard deviation 1); 9.2.4: X₄ ~ R(−10√3, 10√3).
    static func additiveRectangular(lastScale: Double = 1) throws -> JointDistribution {
        let a = 3.0.squareRoot()
        return try JointDistribution(
            (1...4).map { i in
                let s = i == 4 ? lastScale : 1
                return ("X_\(i)", .rectangular(lower: -a * s, upper: a * s))
            })
    }

    /// Exact 95 % interval half-widths [X]: 9.2.2 1.959964·2, 9.2.3 Irwin–Hall, 9.2.4 numerical
    /// convolution (validation README, "Exact / computed here").
    static let additiveExactHalfWidth = [
        "9.2.2": 3.919927969080108, "9.2.3": 3.8794067413478195, "9.2.4": 17.015814099859618,
    ]

    // MARK: JCGM 101 9.3: mass calibration

    /// δm = (m_R,c + δm_R,c)·[1 + (ρ_a − ρ_a0)·(1/ρ_W − 1/ρ_R)] − m_nom, masses in mg.
    static let mass = MeasurementFunction(inputCount: 5, outputCount: 1) { x, y, count in
        let (mRc, dmRc, rhoA, rhoW, rhoR) = (x[0], x[1], x[2], x[3], x[4])
        for t in 0..<count {
            y[0][t] = (mRc[t] + dmRc[t]) * (1 + (rhoA[t] - 1.2) * (1 / rhoW[t] - 1 / rhoR[t])) - 100_000
        }
    }

    static func massInputs() throws -> JointDistribution {
        try JointDistribution([
            ("m_Rc", .gaussian(mean: 100_000, standardDeviation: 0.050)),
            ("dm_Rc", .gaussian(mean: 1.234, standardDeviation: 0.020)),
            ("rho_a", .rectangular(lower: 1.10, upper: 1.30)),
            ("rho_W", .rectangular(lower: 7_000, upper: 9_000)),
            ("rho_R", .rectangular(lower: 7_950, upper: 8_050)),
        ])
    }

    /// Table 6, MCM with M = 10⁶ [R]: 1.2341, 0.0754, shortest [1.0834, 1.3825] (width 0.2991;
    /// the end points as transcribed are shifted by −0.001 mg: see the validation README).
    static let massPublished = (value: 1.2341, standardUncertainty: 0.0754, lower: 1.0834, upper: 1.3825)
    /// Table 6, GUF first order [R] and second order [R]: 95 % intervals.
    static let massFirstOrderInterval = CoverageInterval(lower: 1.1285, upper: 1.3395)
    static let massSecondOrderInterval = CoverageInterval(lower: 1.0870, upper: 1.3810)
    /// GUF u(δm), first order, computed here (deterministic): 0.05385164827822722 mg.
    static let massFirstOrderStandardUncertainty = 0.05385164827822722

    // MARK: JCGM 101 9.4: comparison loss, δY = X₁² + X₂²

    static let comparisonLoss = MeasurementFunction(inputCount: 2, outputCount: 1) { x, y, count in
        for t in 0..<count { y[0][t] = x[0][t] * x[0][t] + x[1][t] * x[1][t] }
    }

    struct LossVariant: Sendable, CustomTestStringConvertible {
        let x1: Double
        let r: Double
        /// Exact mean and s.d. [X]: E = 2u² + x₁², Var = 2 tr(Σ²) + 4 μᵀΣμ.
        let exactMean: Double
        let exactStandardDeviation: Double
        /// The reference run (computed here, M = 10⁶): shortest and symmetric 95 % intervals.
        let shortest: (Double, Double)
        let symmetric: (Double, Double)
        var testDescription: String { "x₁ = \(x1), r = \(r)" }

        func inputs() throws -> JointDistribution {
            let u = 0.005
            return try JointDistribution.multivariateGaussian(
                names: ["X_1", "X_2"], mean: [x1, 0],
                covariance: try Matrix(rowArrays: [[u * u, r * u * u], [r * u * u, u * u]]))
        }
    }

    static let lossVariants: [LossVariant] = [
        LossVariant(
            x1: 0, r: 0, exactMean: 5e-05, exactStandardDeviation: 5e-05,
            shortest: (1.3005789492425273e-11, 0.00015006935131592082),
            symmetric: (1.2782648082830426e-06, 0.00018465551144060158)),
        LossVariant(
            x1: 0, r: 0.9, exactMean: 5e-05, exactStandardDeviation: 6.726812023536856e-05,
            shortest: (4.532752962651393e-11, 0.0001848632210826922),
            symmetric: (5.614172644692613e-07, 0.00024125211374409424)),
        LossVariant(
            x1: 0.01, r: 0, exactMean: 0.00015, exactStandardDeviation: 0.0001118033988749895,
            shortest: (1.1114860477313507e-09, 0.00036595545656325915),
            symmetric: (8.647873966923094e-06, 0.00042661374766474484)),
        LossVariant(
            x1: 0.01, r: 0.9, exactMean: 0.00015, exactStandardDeviation: 0.00012051970793193951,
            shortest: (1.2262459946445333e-05, 0.0003974944377708081),
            symmetric: (2.902294080847333e-05, 0.0004785443552008353)),
        LossVariant(
            x1: 0.05, r: 0, exactMean: 0.00255, exactStandardDeviation: 0.0005024937810560445,
            shortest: (0.0015824777749600643, 0.0035394276676422518),
            symmetric: (0.001636351706441355, 0.003603924693160356)),
        LossVariant(
            x1: 0.05, r: 0.9, exactMean: 0.00255, exactStandardDeviation: 0.0005045047076093543,
            shortest: (0.0016280483289364195, 0.0035579251117477096),
            symmetric: (0.0016983151929633798, 0.0036599531050674075)),
    ]

    /// x₁ = 0, r = 0: δY/u² ~ χ²₂, so the exact shortest 95 % interval is [0, 2u²·ln 20] [X].
    static let lossExactShortestUpper = 0.00014978661367769954

    // MARK: JCGM 101 9.5: gauge block, linearised model

    /// δL = L_s + D − L_s·(δα·θ + α_s·δθ) − L_nom, D = D̄ + D₁ + D₂, θ = θ₀ + Δ (nm).
    static let gaugeBlock = MeasurementFunction(inputCount: 9, outputCount: 1) { x, y, count in
        for t in 0..<count {
            let d = x[1][t] + x[2][t] + x[3][t]
            let theta = x[5][t] + x[6][t]
            y[0][t] = x[0][t] + d - x[0][t] * (x[7][t] * theta + x[4][t] * x[8][t]) - 50_000_000
        }
    }

    static func gaugeBlockInputs() throws -> JointDistribution {
        try JointDistribution([
            ("L_s", .studentT(location: 50_000_623, scale: 25, degreesOfFreedom: 18)),
            ("D_bar", .studentT(location: 215, scale: 5.8, degreesOfFreedom: 24)),
            ("D_1", .studentT(location: 0, scale: 3.9, degreesOfFreedom: 5)),
            ("D_2", .studentT(location: 0, scale: 6.7, degreesOfFreedom: 8)),
            ("alpha_s", .rectangular(lower: 9.5e-6, upper: 13.5e-6)),
            ("theta_0", .gaussian(mean: -0.1, standardDeviation: 0.2)),
            ("Delta", .arcsine(lower: -0.5, upper: 0.5)),
            ("d_alpha", .curvilinearTrapezoid(lower: -1e-6, upper: 1e-6, limitSemiWidth: 0.1e-6)),
            ("d_theta", .curvilinearTrapezoid(lower: -0.050, upper: 0.050, limitSemiWidth: 0.025)),
        ])
    }

    /// The reference run of the linearised model (computed here, M = 10⁶): 838.0032, u 35.704,
    /// shortest 99 % [744.18, 931.52], symmetric 99 % [744.22, 931.60]. Published MCM [U]:
    /// 838, 36, [745, 931] (not asserted: from memory only).
    static let gaugeBlockReference = (
        value: 838.0032431918836, standardUncertainty: 35.70412506829261,
        shortest: (744.1811850965023, 931.5201498195529), symmetric: (744.2179702416435, 931.6023495126889)
    )

    // MARK: Shared validation files

    /// ../shared/validation/uncertainty beside the package, if present.
    static let sharedDirectory: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/validation/uncertainty")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()
}
