extension Matrix {
    /// Adds `value` to every off-diagonal entry (i, j), i ≠ j, of the rows and columns `indices`:
    /// the covariance u_s² that an effect shared by several quantities gives every pair of them
    /// (GUM F.1.2.3), written in one pass over raw storage.
    ///
    ///     var v = Matrix.identity(order: 3)
    ///     v.addToOffDiagonalEntries(among: [0, 2], value: 0.5)   // v[0, 2] == v[2, 0] == 0.5
    ///
    /// - Precondition: the matrix is square and every index is a row of it (the library's own calls).
    /// - Complexity: O(m²) for m indices.
    public mutating func addToOffDiagonalEntries(among indices: [Int], value: Double) {
        precondition(  // allowed: the callers pass positions they computed from the same matrix
            isSquare && indices.allSatisfy { (0..<rows).contains($0) }, "addToOffDiagonalEntries: index out of range")
        let n = rows
        storage.withUnsafeMutableBufferPointer { buffer in
            for j in indices {
                let column = j * n
                for i in indices where i != j { buffer[i + column] += value }
            }
        }
    }
}
