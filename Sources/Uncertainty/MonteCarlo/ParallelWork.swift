import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs independent pieces of work on several threads (Dispatch `concurrentPerform`).
///
/// Work item i is assigned to worker i mod w; each worker runs its items in increasing order.
/// The items must not depend on one another or on the worker that runs them: that is what makes
/// the Monte Carlo results independent of the number of threads.
enum ParallelWork {
    /// The number of processors online, at least 1.
    static var processorCount: Int {
        #if canImport(Glibc) || canImport(Darwin)
            return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
            return 1
        #endif
    }

    /// Spreads the items 0..<count over `threads` workers: worker w receives the items
    /// w, w + n, w + 2n, … (n workers) and calls `body` once with them, so that it can set up
    /// its scratch space once.
    static func forEachWorker(count: Int, threads: Int, _ body: @Sendable (_ items: StrideTo<Int>) -> Void) {
        let workers = max(1, min(threads, count))
        if workers == 1 {
            body(stride(from: 0, to: count, by: 1))
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            body(stride(from: worker, to: count, by: workers))
        }
    }
}

/// A pointer handed to worker threads that write disjoint parts of one buffer.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
}
