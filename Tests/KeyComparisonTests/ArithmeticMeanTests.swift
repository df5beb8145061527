import KeyComparison
import Numerics
import Testing

@Suite("Arithmetic mean")
struct ArithmeticMeanTests {
    @Test func reproducesThePublishedCCEMRFK25W() throws {
        // Judaschke, Metrologia 52 (2015) Tech. Suppl. 01001: KCRV 0.8184, u 0.0028 (NRC excluded),
        // printed to 4 decimals: agreement to half a unit of the last digit.
        let comparison = try Fixtures.comparison("CCEM.RF-K25.W.comparison.json")
        let evaluation = try ArithmeticMean().evaluate(comparison)
        #expect(abs(evaluation.referenceValue.value - 0.8184) <= 0.00005)
        #expect(abs(evaluation.referenceValue.standardUncertainty - 0.0028) <= 0.00005)
    }

    @Test(arguments: Fixtures.comparisonFiles)
    func reproducesTheReferenceFigures(file: String) throws {
        let expected = Fixtures.expected(file)
        let evaluation = try ArithmeticMean().evaluate(try Fixtures.comparison(file))
        // Closed form on the same inputs: 1e-9 relative.
        #expect(
            evaluation.referenceValue.value.isApproximatelyEqual(
                to: try #require(expected.double("reference", "arithmeticMean", "value")), relativeTolerance: 1e-9))
        #expect(
            evaluation.referenceValue.standardUncertainty.isApproximatelyEqual(
                to: try #require(expected.double("reference", "arithmeticMean", "standardUncertainty")),
                relativeTolerance: 1e-9))
    }
}
