import Uncertainty

/// Quantiles of the beta and F distributions and the Student-t upper tail, for the critical values
/// of ISO 5725-2 (Mandel h and k, Cochran C, Grubbs). Internal: the diagnostics are their only users.
enum DistributionQuantiles {
    /// The p-quantile of Beta(a, b): the x in [0, 1] with I_x(a, b) = p, by bisection on the
    /// regularized incomplete beta function (monotone in x), to an absolute 1e-15.
    static func beta(_ p: Double, _ a: Double, _ b: Double) -> Double {
        precondition(  // allowed: internal; the critical-value functions check p and ν first
            a > 0 && b > 0 && p >= 0 && p <= 1, "DistributionQuantiles.beta: invalid arguments")
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        var low = 0.0
        var high = 1.0
        for _ in 0..<200 {
            let middle = 0.5 * (low + high)
            if SpecialFunctions.regularizedBeta(a, b, middle) < p { low = middle } else { high = middle }
            if high - low < 1e-15 { break }
        }
        return 0.5 * (low + high)
    }

    /// The upper α-quantile of F(ν₁, ν₂): F = (ν₂/ν₁)·B/(1 − B) with B the (1 − α)-quantile of
    /// Beta(ν₁/2, ν₂/2).
    static func fUpper(_ alpha: Double, _ nu1: Double, _ nu2: Double) -> Double {
        let b = beta(1 - alpha, nu1 / 2, nu2 / 2)
        return (nu2 / nu1) * b / (1 - b)
    }

    /// Pr{T > t} for Student's t with ν degrees of freedom and t ≥ 0: ½·I_{ν/(ν+t²)}(ν/2, ½),
    /// accurate far in the tail (no 1 − cdf cancellation).
    static func studentTUpperTail(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        0.5 * SpecialFunctions.regularizedBeta(nu / 2, 0.5, nu / (nu + t * t))
    }

    /// The upper α-quantile of Student's t with ν degrees of freedom.
    static func studentTUpper(_ alpha: Double, degreesOfFreedom nu: Double) -> Double {
        StudentTDistribution(degreesOfFreedom: nu).quantile(1 - alpha)
    }

    /// The p-quantile of sorted samples by linear interpolation between order statistics
    /// (Hyndman & Fan type 7, R's default `quantile`).
    static func sampleQuantile(sorted samples: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
        let n = samples.count
        precondition(  // allowed: internal; the bootstraps run at least 100 replicates
            n > 0, "sampleQuantile: no samples")
        let h = Double(n - 1) * p
        let low = Int(h.rounded(.down))
        let high = Swift.min(low + 1, n - 1)
        return samples[low] + (h - Double(low)) * (samples[high] - samples[low])
    }

    /// Sorts a buffer in place: insertion sort for the short buffers of the bootstraps (a few
    /// dozen values, where it beats the general sort and needs no generic dispatch), the standard
    /// library's sort beyond.
    static func sortInPlace(_ buffer: UnsafeMutableBufferPointer<Double>) {
        let n = buffer.count
        guard n > 32 else {
            var i = 1
            while i < n {
                let value = buffer[i]
                var j = i - 1
                while j >= 0 && buffer[j] > value {
                    buffer[j + 1] = buffer[j]
                    j -= 1
                }
                buffer[j + 1] = value
                i += 1
            }
            return
        }
        var copy = buffer
        copy.sort()
    }
}
