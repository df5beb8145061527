import Testing
import Traceability

@Suite("Traceability errors")
struct TraceabilityErrorTests {
    @Test func malformedFileNamesTheLocation() {
        let error = TraceabilityError.malformedFile(
            location: "graph.json: calibrations[3].date", reason: "not an ISO 8601 date")
        #expect(error.description == "graph.json: calibrations[3].date: not an ISO 8601 date")
    }
}
