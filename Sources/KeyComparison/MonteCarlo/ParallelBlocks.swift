import Dispatch

/// Runs a Monte Carlo simulation as fixed blocks of trials on all cores.
///
/// Block b always covers trials b·size ..< (b + 1)·size and draws from stream b of the seeded
/// generator (`Xoshiro256(seed:stream:)`), and writes only its own slots of the output, so the
/// result is the same bit for bit whatever the number of threads, or when run serially.
struct ParallelBlocks: Sendable {
    /// The total number of trials M.
    var trials: Int
    /// Trials per block.
    var blockSize: Int
    /// False to run the blocks one after another on the calling thread (tests use this to check
    /// that the result does not depend on the thread count).
    var runsInParallel: Bool

    init(trials: Int, blockSize: Int = 16_384, runsInParallel: Bool = true) {
        precondition(  // allowed: trials are checked by MonteCarloLimits.validate, block sizes are constants
            trials > 0 && blockSize > 0, "ParallelBlocks: trials and blockSize must be positive")
        self.trials = trials
        self.blockSize = blockSize
        self.runsInParallel = runsInParallel
    }

    /// The number of blocks, ⌈M / size⌉.
    var blockCount: Int { (trials + blockSize - 1) / blockSize }

    /// The trials of block b.
    func range(ofBlock b: Int) -> Range<Int> {
        (b * blockSize)..<Swift.min(trials, (b + 1) * blockSize)
    }

    /// Calls `body(b, range)` once for every block, concurrently when allowed.
    func forEachBlock(_ body: @Sendable (Int, Range<Int>) -> Void) {
        if runsInParallel && blockCount > 1 {
            DispatchQueue.concurrentPerform(iterations: blockCount) { b in body(b, range(ofBlock: b)) }
        } else {
            for b in 0..<blockCount { body(b, range(ofBlock: b)) }
        }
    }

    /// Calls `body(i)` for i in 0..<count, concurrently when allowed (per-quantity summaries).
    func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if runsInParallel && count > 1 {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        } else {
            for i in 0..<count { body(i) }
        }
    }
}

/// A buffer that the blocks of a ``ParallelBlocks`` run write concurrently, each block to its
/// own disjoint slots (that discipline, not the type system, is what makes it safe).
struct DisjointWrites<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { buffer[index] }
        nonmutating set { buffer[index] = newValue }
    }

    /// The slots `range` as a buffer of their own.
    func slice(_ range: Range<Int>) -> UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(rebasing: buffer[range])
    }
}
