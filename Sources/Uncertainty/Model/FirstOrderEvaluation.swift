import LinearAlgebra

/// The first-order (GUM) evaluation of a measurement model: one ``MeasurandEvaluation`` per
/// measurand and their covariance (GUM H.2; JCGM 102 6.2.1.3).
public struct FirstOrderEvaluation: Sendable {
    /// The measurands, in model order.
    public var measurands: [MeasurandEvaluation]
    /// The measurands as uncertain numbers, to propagate further (each is an intermediate
    /// result labelled with its name).
    public var outputs: [UncertainReal]
    /// u(y_i, y_j).
    public var covariance: Matrix
    /// r(y_i, y_j).
    public var correlation: Matrix
    /// p.
    public var coverageProbability: Double

    public init(
        measurands: [MeasurandEvaluation], outputs: [UncertainReal], covariance: Matrix, correlation: Matrix,
        coverageProbability: Double
    ) {
        self.measurands = measurands
        self.outputs = outputs
        self.covariance = covariance
        self.correlation = correlation
        self.coverageProbability = coverageProbability
    }
}
