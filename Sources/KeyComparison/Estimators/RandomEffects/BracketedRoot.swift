/// Brent's method for a root of a continuous function on a bracket [a, b] with f(a)·f(b) ≤ 0
/// (R. P. Brent, *Algorithms for Minimization without Derivatives*, 1973, ch. 4, `zeroin`):
/// inverse quadratic interpolation and secant steps safeguarded by bisection, so it never leaves
/// the bracket and converges to machine precision.
enum BracketedRoot {
    /// The root of f in [a, b], to a bracket width of 4·ε·|x| + `absoluteTolerance`.
    ///
    /// - Returns: nil if the bracket does not change sign or if `maximumIterations` are exceeded.
    static func find(
        in bracket: (Double, Double), absoluteTolerance: Double = 0, maximumIterations: Int = 500,
        _ f: (Double) -> Double
    ) -> Double? {
        var a = bracket.0
        var b = bracket.1
        var fa = f(a)
        var fb = f(b)
        if fa == 0 { return a }
        if fb == 0 { return b }
        guard (fa < 0) != (fb < 0) else { return nil }
        var c = a
        var fc = fa
        var d = b - a
        var e = d
        for _ in 0..<maximumIterations {
            if (fb < 0) == (fc < 0) {
                c = a
                fc = fa
                d = b - a
                e = d
            }
            if abs(fc) < abs(fb) {
                a = b
                b = c
                c = a
                fa = fb
                fb = fc
                fc = fa
            }
            let tolerance = 2 * Double.ulpOfOne * abs(b) + 0.5 * absoluteTolerance
            let m = 0.5 * (c - b)
            if abs(m) <= tolerance || fb == 0 { return b }
            if abs(e) >= tolerance && abs(fa) > abs(fb) {
                // Interpolation: secant when a == c, inverse quadratic otherwise.
                let s = fb / fa
                var p: Double
                var q: Double
                if a == c {
                    p = 2 * m * s
                    q = 1 - s
                } else {
                    let r = fb / fc
                    let t = fa / fc
                    p = s * (2 * m * t * (t - r) - (b - a) * (r - 1))
                    q = (t - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < Swift.min(3 * m * q - abs(tolerance * q), abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = m
                    e = m
                }
            } else {
                d = m
                e = m
            }
            a = b
            fa = fb
            b += abs(d) > tolerance ? d : (m > 0 ? tolerance : -tolerance)
            fb = f(b)
        }
        return nil
    }
}
