import Foundation
import LinearAlgebra
import Testing

@Suite("Matrix decoding")
struct MatrixDecodingTests {
    @Test func aShapeWhoseProductOverflowsIsADecodingError() {
        // rows·columns = 2⁶² · 4 overflows Int: the check must not form the product.
        let json = #"{"rows": 4611686018427387904, "columns": 4, "rowMajor": [1, 2]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix.self, from: Data(json.utf8)) }
        let negative = #"{"rows": -1, "columns": -2, "rowMajor": [1, 2]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix.self, from: Data(negative.utf8)) }
        let good = #"{"rows": 1, "columns": 2, "rowMajor": [1, 2]}"#
        #expect((try? JSONDecoder().decode(Matrix.self, from: Data(good.utf8)))?[0, 1] == 2)
    }
}
