import LinearAlgebra

/// The χ² of a growing subset of results, for ``ConsistentSubsetEnumeration``.
///
/// χ² is monotone: adding a result never lowers it (Σ w(x − y)² over a larger set, minimised over
/// y, is at least the minimum over the smaller set; with correlations the quadratic form of the
/// larger set is that of the smaller plus a conditional term ≥ 0). That is what lets a partial
/// subset be pruned as soon as its χ² exceeds the bound.
protocol SubsetStatistic {
    /// Adds a result (by position) to the subset.
    mutating func push(_ i: Int)
    /// Removes the last result added.
    mutating func pop()
    /// χ² of the current subset's weighted (GLS) mean; 0 for fewer than two results.
    var chiSquared: Double { get }
    /// 1ᵀV⁻¹1 of the current subset, = 1/u²(y).
    var weightSum: Double { get }
    /// A lower bound on χ² of every superset that adds `needed` of the `remaining` positions.
    mutating func lowerBound(adding needed: Int, from remaining: ArraySlice<Int>) -> Double
}

/// All subsets of one size whose χ² does not exceed a bound, by depth-first branch and bound.
///
/// Positions are taken in the given order; at each node the subset so far is extended by the
/// next position or not. A node is abandoned when its χ² — or the statistic's lower bound for
/// the positions still needed — exceeds the bound, or when too few positions remain. A node
/// budget keeps a pathological case from running away; an exhausted budget is reported, never
/// a partial answer presented as complete.
struct ConsistentSubsetEnumeration<Statistic: SubsetStatistic> {
    /// The subsets found, with Cox's and metRology's choices and the runner-up χ².
    struct Outcome {
        /// The number of subsets with χ² ≤ bound (complete only if `isComplete`).
        var count = 0
        /// The subset of smallest χ² (ties: larger Σw, then lexicographic), positions ascending.
        var smallestChiSquared: ChiSquaredSweep.Candidate?
        /// The second smallest χ² among the subsets found.
        var runnerUpChiSquared: Double?
        /// The subset of largest Σw, i.e. smallest u(y), the first in lexicographic order on a tie
        /// (metRology `LCS(simplify = TRUE)`, which enumerates with `combn`).
        var smallestUncertainty: ChiSquaredSweep.Candidate?
        /// Nodes visited.
        var nodes = 0
        /// False when the node budget ran out before the search space was exhausted.
        var isComplete = true
    }

    var statistic: Statistic
    /// The positions to choose from, in the order the search takes them.
    var order: [Int]
    /// The subset size k.
    var size: Int
    /// The χ² bound (χ²₀.₉₅(k − 1) for consistency).
    var bound: Double
    /// The most nodes to visit.
    var nodeBudget: Int

    /// Runs the search.
    mutating func run() -> Outcome {
        var outcome = Outcome()
        var chosen: [Int] = []
        chosen.reserveCapacity(size)
        visit(0, &chosen, &outcome)
        return outcome
    }

    private mutating func visit(_ position: Int, _ chosen: inout [Int], _ outcome: inout Outcome) {
        guard outcome.isComplete else { return }
        outcome.nodes += 1
        if outcome.nodes > nodeBudget {
            outcome.isComplete = false
            return
        }
        let needed = size - chosen.count
        if needed == 0 {
            record(chosen, &outcome)
            return
        }
        let remaining = order.count - position
        guard remaining >= needed else { return }
        if statistic.lowerBound(adding: needed, from: order[position...]) > bound { return }
        let next = order[position]
        statistic.push(next)
        if statistic.chiSquared <= bound {
            chosen.append(next)
            visit(position + 1, &chosen, &outcome)
            chosen.removeLast()
        }
        statistic.pop()
        if remaining - 1 >= needed { visit(position + 1, &chosen, &outcome) }
    }

    private func record(_ chosen: [Int], _ outcome: inout Outcome) {
        let candidate = ChiSquaredSweep.Candidate(
            chiSquared: statistic.chiSquared, weightSum: statistic.weightSum, members: chosen.sorted())
        outcome.count += 1
        if let best = outcome.smallestChiSquared {
            if Self.precedes(candidate, best) {
                outcome.runnerUpChiSquared = Swift.min(outcome.runnerUpChiSquared ?? .infinity, best.chiSquared)
                outcome.smallestChiSquared = candidate
            } else {
                outcome.runnerUpChiSquared = Swift.min(outcome.runnerUpChiSquared ?? .infinity, candidate.chiSquared)
            }
        } else {
            outcome.smallestChiSquared = candidate
        }
        if let precise = outcome.smallestUncertainty {
            let tolerance = 1e-12 * Swift.max(candidate.weightSum, precise.weightSum)
            if candidate.weightSum > precise.weightSum + tolerance
                || (abs(candidate.weightSum - precise.weightSum) <= tolerance
                    && candidate.members.lexicographicallyPrecedes(precise.members))
            {
                outcome.smallestUncertainty = candidate
            }
        } else {
            outcome.smallestUncertainty = candidate
        }
    }

    /// Cox's order: smaller χ²; within a relative 10⁻¹², larger Σw, then lexicographic.
    static func precedes(_ a: ChiSquaredSweep.Candidate, _ b: ChiSquaredSweep.Candidate) -> Bool {
        let tolerance = 1e-12 * Swift.max(a.chiSquared, b.chiSquared, 1e-300)
        if a.chiSquared < b.chiSquared - tolerance { return true }
        if a.chiSquared > b.chiSquared + tolerance { return false }
        if a.weightSum != b.weightSum { return a.weightSum > b.weightSum }
        return a.members.lexicographicallyPrecedes(b.members)
    }
}

/// χ² of independent results, updated in O(1) per push (West's weighted update), with the
/// bound χ²(S ∪ T) ≥ χ²(S) + (the |T|-th smallest Δ_j), Δ_j = W_S w_j/(W_S + w_j)·(x_j − ȳ_S)²
/// the increase from adding j alone: every j in T raises χ² by at least Δ_j, and T holds at
/// least one j whose Δ_j is no smaller than the |T|-th smallest.
struct IndependentSubsetStatistic: SubsetStatistic {
    private struct State {
        var weightSum = 0.0
        var mean = 0.0
        var chiSquared = 0.0
    }

    private let values: [Double]
    private let weights: [Double]
    private var states: [State]
    private var scratch: [Double]

    /// Values (centred for accuracy) and weights 1/u², by position.
    init(values: [Double], weights: [Double]) {
        let centre = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        self.values = values.map { $0 - centre }
        self.weights = weights
        self.states = [State()]
        self.states.reserveCapacity(values.count + 1)
        self.scratch = []
        self.scratch.reserveCapacity(values.count)
    }

    mutating func push(_ i: Int) {
        let last = states[states.count - 1]
        let w = weights[i]
        let total = last.weightSum + w
        let delta = values[i] - last.mean
        let mean = last.mean + delta * w / total
        states.append(
            State(weightSum: total, mean: mean, chiSquared: last.chiSquared + w * delta * (values[i] - mean)))
    }

    mutating func pop() { states.removeLast() }

    var chiSquared: Double { states[states.count - 1].chiSquared }
    var weightSum: Double { states[states.count - 1].weightSum }

    mutating func lowerBound(adding needed: Int, from remaining: ArraySlice<Int>) -> Double {
        let state = states[states.count - 1]
        guard state.weightSum > 0, needed > 0 else { return state.chiSquared }
        scratch.removeAll(keepingCapacity: true)
        for j in remaining {
            let w = weights[j]
            let delta = values[j] - state.mean
            scratch.append(state.weightSum * w / (state.weightSum + w) * delta * delta)
        }
        scratch.sort()
        return state.chiSquared + scratch[needed - 1]
    }
}

/// χ² of correlated results by generalized least squares on the subset's block of V (Cholesky
/// of the block at each push), with the partial χ² as the only bound.
struct CorrelatedSubsetStatistic: SubsetStatistic {
    private struct State {
        var chiSquared = 0.0
        var weightSum = 0.0
    }

    private let values: [Double]
    private let covariance: Matrix
    private var members: [Int] = []
    private var states: [State] = [State()]

    /// Values and the full covariance matrix, by position.
    init(values: [Double], covariance: Matrix) {
        let centre = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        self.values = values.map { $0 - centre }
        self.covariance = covariance
    }

    mutating func push(_ i: Int) {
        members.append(i)
        let k = members.count
        var block = Matrix(rows: k, columns: k)
        for (a, p) in members.enumerated() {
            for (b, q) in members.enumerated() { block[a, b] = covariance[p, q] }
        }
        let x = members.map { values[$0] }
        // A principal block of a positive definite V is positive definite; should LAPACK still
        // refuse it (round-off), the subset gets χ² = ∞ and is never called consistent.
        guard let cholesky = try? CholeskyFactorization(block, symmetryTolerance: nil),
            let s = try? cholesky.solve([Double](repeating: 1, count: k))
        else {
            states.append(State(chiSquared: .infinity, weightSum: 0))
            return
        }
        let weightSum = s.reduce(0, +)
        let y = zip(s, x).reduce(0) { $0 + $1.0 * $1.1 } / weightSum
        let residual = x.map { $0 - y }
        let chiSquared = (try? cholesky.inverseQuadraticForm(residual)) ?? .infinity
        states.append(State(chiSquared: Swift.max(0, chiSquared), weightSum: weightSum))
    }

    mutating func pop() {
        members.removeLast()
        states.removeLast()
    }

    var chiSquared: Double { states[states.count - 1].chiSquared }
    var weightSum: Double { states[states.count - 1].weightSum }

    mutating func lowerBound(adding needed: Int, from remaining: ArraySlice<Int>) -> Double { chiSquared }
}
