#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The C library's elementary functions under names that no type of this module shadows, so
/// that `UncertainReal.sin` and the expression compiler can call them unqualified.
enum Math {
    @inline(__always) static func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
    @inline(__always) static func squareRoot(_ x: Double) -> Double { x.squareRoot() }
    @inline(__always) static func exponential(_ x: Double) -> Double { exp(x) }
    @inline(__always) static func logarithm(_ x: Double) -> Double { log(x) }
    @inline(__always) static func sine(_ x: Double) -> Double { sin(x) }
    @inline(__always) static func cosine(_ x: Double) -> Double { cos(x) }
    @inline(__always) static func tangent(_ x: Double) -> Double { tan(x) }
    @inline(__always) static func arcsine(_ x: Double) -> Double { asin(x) }
    @inline(__always) static func arccosine(_ x: Double) -> Double { acos(x) }
    @inline(__always) static func arctangent(_ x: Double) -> Double { atan(x) }
    @inline(__always) static func arctangent2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
    @inline(__always) static func hyperbolicSine(_ x: Double) -> Double { sinh(x) }
    @inline(__always) static func hyperbolicCosine(_ x: Double) -> Double { cosh(x) }
    @inline(__always) static func hyperbolicTangent(_ x: Double) -> Double { tanh(x) }
}
