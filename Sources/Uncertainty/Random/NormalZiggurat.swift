#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The tables of the ziggurat method for standard normal variates (Marsaglia & Tsang, "The
/// ziggurat method for generating random variables", J. Stat. Softw. 5 (2000) 8), with 256 layers
/// and 52-bit uniforms as in Doornik's ZIGNOR (2005) and NumPy's generator.
///
/// The region under f(x) = exp(−x²/2), x ≥ 0, is covered by 255 horizontal rectangles of equal
/// area v and a base strip (a rectangle plus the tail beyond r) of the same area. A draw picks a
/// layer i with 8 random bits, a sign with one bit, and a 52-bit integer j; x = j·w_i lies in the
/// rectangle. When j < k_i (x lies under the layer above: 98.5 % of draws) x is accepted at
/// once; otherwise the wedge is tested against f(x), or, for the base strip, a tail variate is
/// drawn by Marsaglia's method (x = r − ln(U₁)/r accepted when −2 ln U₂ > (x − r)²).
///
/// The layer index, the sign and j come from disjoint bits of one 64-bit word, which avoids the
/// correlation between the index and the abscissa that Doornik found in the original 32-bit
/// version.
///
/// The tables live in memory allocated once for the life of the process and are read through
/// plain pointers, so that a single draw costs no reference counting.
@usableFromInline
struct NormalZiggurat: @unchecked Sendable {
    /// r, the abscissa where the tail begins (for 256 layers).
    @usableFromInline static let tailStart = 3.654_152_885_361_008_8
    /// v, the common area of the layers.
    static let layerArea = 4.928_673_233_99e-3

    /// k_i: the scaled abscissa under which layer i needs no further test.
    @usableFromInline let acceptanceBounds: UnsafePointer<UInt64>
    /// w_i: the width of layer i divided by 2⁵².
    @usableFromInline let widths: UnsafePointer<Double>
    /// f_i = exp(−x_i²/2) at the right edge x_i of layer i.
    @usableFromInline let densities: UnsafePointer<Double>

    /// The tables, computed once (Marsaglia & Tsang 2000, `zigset`) and never freed.
    @usableFromInline static let shared = NormalZiggurat()

    init() {
        let scale = 0x1.0p52
        let k = UnsafeMutablePointer<UInt64>.allocate(capacity: 256)
        let w = UnsafeMutablePointer<Double>.allocate(capacity: 256)
        let f = UnsafeMutablePointer<Double>.allocate(capacity: 256)
        var x = Self.tailStart
        var previous = x
        let q = Self.layerArea / exp(-0.5 * x * x)
        k[0] = UInt64((x / q) * scale)
        k[1] = 0
        w[0] = q / scale
        w[255] = x / scale
        f[0] = 1
        f[255] = exp(-0.5 * x * x)
        for i in stride(from: 254, through: 1, by: -1) {
            x = (-2 * log(Self.layerArea / x + exp(-0.5 * x * x))).squareRoot()
            k[i + 1] = UInt64((x / previous) * scale)
            previous = x
            f[i] = exp(-0.5 * x * x)
            w[i] = x / scale
        }
        acceptanceBounds = UnsafePointer(k)
        widths = UnsafePointer(w)
        densities = UnsafePointer(f)
    }

    /// One standard normal variate.
    @inlinable
    func next(_ random: inout Xoshiro256) -> Double {
        while true {
            let bits = random.next()
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let j = (bits >> 9) & 0x000F_FFFF_FFFF_FFFF
            // Through Int64: j has 52 bits, and a signed conversion is one instruction on x86-64.
            let x = Double(Int64(bitPattern: j)) * widths[layer]
            // Bit 8 is the sign, copied into the sign bit without a (50 % mispredicted) branch.
            let sign = (bits & 0x100) << 55
            if _fastPath(j < acceptanceBounds[layer]) { return Double(bitPattern: x.bitPattern | sign) }
            if let accepted = slowPath(layer: layer, x: x, random: &random) {
                return Double(bitPattern: accepted.bitPattern | sign)
            }
        }
    }

    /// The rare (1.5 %) draws that fall in a wedge or in the base strip: returns |x| when
    /// accepted, nil to start again.
    @usableFromInline
    func slowPath(layer: Int, x: Double, random: inout Xoshiro256) -> Double? {
        if layer == 0 {
            let r = Self.tailStart
            while true {
                let tail = -log(random.nextUniform()) / r
                let y = -log(random.nextUniform())
                if y + y > tail * tail { return r + tail }
            }
        }
        let fx = exp(-0.5 * x * x)
        return densities[layer] + random.nextUniform() * (densities[layer - 1] - densities[layer]) < fx ? x : nil
    }

    /// Fills `buffer` with standard normal variates: the same sequence as repeated ``next(_:)``,
    /// with the fast path written out so that the loop keeps the tables in registers.
    func fill(_ buffer: UnsafeMutableBufferPointer<Double>, random: inout Xoshiro256) {
        let bounds = acceptanceBounds
        let widths = widths
        var index = 0
        while index < buffer.count {
            let bits = random.next()
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let j = (bits >> 9) & 0x000F_FFFF_FFFF_FFFF
            let x = Double(Int64(bitPattern: j)) * widths[layer]
            let sign = (bits & 0x100) << 55
            if _fastPath(j < bounds[layer]) {
                buffer[index] = Double(bitPattern: x.bitPattern | sign)
                index += 1
            } else if let accepted = slowPath(layer: layer, x: x, random: &random) {
                buffer[index] = Double(bitPattern: accepted.bitPattern | sign)
                index += 1
            }
        }
    }
}
