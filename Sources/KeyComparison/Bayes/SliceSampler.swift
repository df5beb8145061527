import Uncertainty

/// Univariate slice sampling with stepping out and shrinkage (R. M. Neal, "Slice sampling",
/// Ann. Statist. 31 (2003) 705, Figs. 3 and 5).
///
/// One update draws the height y = log f(x₀) − E, E ~ Exp(1), places an interval of width w at
/// random around x₀, steps it out by w until both ends lie below the slice (at most `maximumSteps`
/// steps in all), then samples uniformly from it, shrinking towards x₀ on every rejection. The
/// update leaves the density f invariant for any w; w only affects the cost.
struct SliceSampler: Sendable {
    /// The initial interval width w, in the units of the variable.
    var width: Double
    /// The largest number of stepping-out steps (Neal's m).
    var maximumSteps: Int = 64

    /// One slice-sampling update of x₀ under the unnormalised log density `logDensity`.
    ///
    /// `logDensity` may return −∞ (outside the support); a NaN is treated as −∞. `currentLogDensity`
    /// must be finite.
    func update(
        _ x0: Double, currentLogDensity: Double, random: inout Xoshiro256, logDensity: (Double) -> Double
    ) -> (value: Double, logDensity: Double) {
        func f(_ x: Double) -> Double {
            let value = logDensity(x)
            return value.isNaN ? -.infinity : value
        }
        let y = currentLogDensity - random.nextStandardExponential()
        var left = x0 - width * random.nextUniform()
        var right = left + width
        var stepsLeft = Int(Double(maximumSteps) * random.nextUniform())
        var stepsRight = maximumSteps - 1 - stepsLeft
        while stepsLeft > 0, f(left) > y {
            left -= width
            stepsLeft -= 1
        }
        while stepsRight > 0, f(right) > y {
            right += width
            stepsRight -= 1
        }
        // Shrinkage: x₀ always lies in [left, right] and on the slice, so this terminates.
        while true {
            let x1 = left + random.nextUniform() * (right - left)
            let value = f(x1)
            if value > y { return (x1, value) }
            if x1 < x0 { left = x1 } else { right = x1 }
            if right - left <= 1e-14 * Swift.max(1, abs(x0)) { return (x0, currentLogDensity) }
        }
    }
}
