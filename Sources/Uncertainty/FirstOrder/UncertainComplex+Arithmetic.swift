/// Complex arithmetic and functions on uncertain complex numbers, written with the operations of
/// ``UncertainReal`` so that every result keeps its exact sensitivities.
extension UncertainComplex {
    /// z + w.
    public static func + (z: UncertainComplex, w: UncertainComplex) -> UncertainComplex {
        UncertainComplex(real: z.real + w.real, imaginary: z.imaginary + w.imaginary)
    }

    /// z − w.
    public static func - (z: UncertainComplex, w: UncertainComplex) -> UncertainComplex {
        UncertainComplex(real: z.real - w.real, imaginary: z.imaginary - w.imaginary)
    }

    /// z·w = (ac − bd) + (ad + bc)i.
    public static func * (z: UncertainComplex, w: UncertainComplex) -> UncertainComplex {
        UncertainComplex(
            real: z.real * w.real - z.imaginary * w.imaginary, imaginary: z.real * w.imaginary + z.imaginary * w.real)
    }

    /// z/w = z·w̄/|w|².
    public static func / (z: UncertainComplex, w: UncertainComplex) -> UncertainComplex {
        let d = w.real * w.real + w.imaginary * w.imaginary
        return UncertainComplex(
            real: (z.real * w.real + z.imaginary * w.imaginary) / d,
            imaginary: (z.imaginary * w.real - z.real * w.imaginary) / d)
    }

    /// −z.
    public static prefix func - (z: UncertainComplex) -> UncertainComplex {
        UncertainComplex(real: -z.real, imaginary: -z.imaginary)
    }

    /// z·x for a real x.
    public static func * (z: UncertainComplex, x: UncertainReal) -> UncertainComplex {
        UncertainComplex(real: z.real * x, imaginary: z.imaginary * x)
    }

    /// x·z for a real x.
    public static func * (x: UncertainReal, z: UncertainComplex) -> UncertainComplex { z * x }

    /// z/x for a real x.
    public static func / (z: UncertainComplex, x: UncertainReal) -> UncertainComplex {
        UncertainComplex(real: z.real / x, imaginary: z.imaginary / x)
    }

    /// The complex conjugate re − im·i.
    public var conjugate: UncertainComplex { UncertainComplex(real: real, imaginary: -imaginary) }

    /// |z| = √(re² + im²) (its derivative is undefined at z = 0).
    public var magnitude: UncertainReal { UncertainReal.sqrt(real * real + imaginary * imaginary) }

    /// arg z = atan2(im, re) in (−π, π].
    public var phase: UncertainReal { UncertainReal.atan2(imaginary, real) }

    /// eᶻ = e^re (cos im + i sin im).
    public static func exp(_ z: UncertainComplex) -> UncertainComplex {
        let modulus = UncertainReal.exp(z.real)
        return UncertainComplex(
            real: modulus * UncertainReal.cos(z.imaginary), imaginary: modulus * UncertainReal.sin(z.imaginary))
    }

    /// The principal logarithm ln|z| + i·arg z.
    public static func log(_ z: UncertainComplex) -> UncertainComplex {
        UncertainComplex(
            real: 0.5 * UncertainReal.log(z.real * z.real + z.imaginary * z.imaginary), imaginary: z.phase)
    }
}
