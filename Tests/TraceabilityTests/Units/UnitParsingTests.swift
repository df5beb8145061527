import Foundation
import Testing

@testable import Traceability

/// D-SI and SI Reference Point parsing against the SI Brochure (9th ed.) tables. Dimensions and
/// exponents are exact rationals, so these expectations are exact equalities.
@Suite("Unit parsing")
struct UnitParsingTests {
    @Test("D-SI and SI Reference Point spell the same unit")
    func bothNotations() throws {
        let cases: [(String, String)] = [
            (#"\kilogram\metre\tothe{2}"#, "kg.m2"),
            (#"\kilogram\metre\tothe{2}\second\tothe{-1}"#, "kg.m2.s-1"),
            (#"\metre\second\tothe{-2}"#, "m.s-2"),
            (#"\kilo\becquerel"#, "kBq"),
            (#"\one"#, "1"),
            (#"\percent"#, "%"),
            (#"\degreecelsius"#, "°C"),
            (#"\micro\gram\gram\tothe{-1}"#, "µg.g-1"),
            (#"\mole\deci\metre\tothe{-3}"#, "mol.dm-3"),
            (#"\milli\litre"#, "mL"),
            (#"\kilo\electronvolt"#, "keV"),
            (#"\deca\metre"#, "dam"),
        ]
        for (dsi, sirp) in cases {
            let a = try MeasurementUnit(parsing: dsi)
            let b = try MeasurementUnit(parsing: sirp)
            #expect(a.notation == .dsi)
            #expect(b.notation == .siReferencePoint)
            #expect(a == b, "\(dsi) vs \(sirp)")
            #expect(a.siReferencePoint == sirp)
            #expect(try MeasurementUnit(dsi: a.dsi) == a, "D-SI spelling round-trips: \(a.dsi)")
        }
    }

    @Test("Dimensions of the coherent derived units (SI Brochure Table 4)")
    func derivedDimensions() throws {
        #expect(try MeasurementUnit(parsing: #"\newton"#).dimension == Dimension(length: 1, mass: 1, time: -2))
        #expect(try MeasurementUnit(parsing: "J").dimension == MeasurementUnit(parsing: "kg.m2.s-2").dimension)
        #expect(try MeasurementUnit(parsing: "Ω").dimension == MeasurementUnit(parsing: "V.A-1").dimension)
        #expect(try MeasurementUnit(parsing: "F").dimension == MeasurementUnit(parsing: "C.V-1").dimension)
        #expect(try MeasurementUnit(parsing: "S").dimension == MeasurementUnit(parsing: "Ω-1").dimension)
        #expect(try MeasurementUnit(parsing: "Wb").dimension == MeasurementUnit(parsing: "V.s").dimension)
        #expect(try MeasurementUnit(parsing: "T").dimension == MeasurementUnit(parsing: "Wb.m-2").dimension)
        #expect(try MeasurementUnit(parsing: "H").dimension == MeasurementUnit(parsing: "Wb.A-1").dimension)
        #expect(try MeasurementUnit(parsing: "Pa").dimension == MeasurementUnit(parsing: "N.m-2").dimension)
        #expect(try MeasurementUnit(parsing: "W").dimension == MeasurementUnit(parsing: "J.s-1").dimension)
        #expect(try MeasurementUnit(parsing: "Gy").dimension == MeasurementUnit(parsing: "J.kg-1").dimension)
        #expect(try MeasurementUnit(parsing: "kat").dimension == MeasurementUnit(parsing: "mol.s-1").dimension)
        #expect(try MeasurementUnit(parsing: "lx").dimension == MeasurementUnit(parsing: "lm.m-2").dimension)
        #expect(try MeasurementUnit(parsing: "lm").dimension == MeasurementUnit(parsing: "cd").dimension)
        #expect(try MeasurementUnit(parsing: "rad").dimension.isDimensionless)
        #expect(try MeasurementUnit(parsing: #"\hectare"#).dimension == Dimension(length: 2))
        #expect(try MeasurementUnit(parsing: "L").dimension == Dimension(length: 3))
        #expect(try MeasurementUnit(parsing: "kg.m2.s-2").dimension.description == "L2 M T-2")
    }

    @Test("\\per negates the powers after it; fractional and negative \\tothe")
    func perAndPowers() throws {
        let acceleration = try MeasurementUnit(dsi: #"\metre\per\second\tothe{2}"#)
        #expect(acceleration == (try MeasurementUnit(siReferencePoint: "m.s-2")))
        let noise = try MeasurementUnit(dsi: #"\volt\hertz\tothe{-0.5}"#)
        #expect(noise.factors[1].exponent == UnitExponent(-1, 2))
        #expect(noise.dimension.time == UnitExponent(-5, 2))  // V: T^-3, Hz^(-1/2): T^(+1/2)
        let cube = try MeasurementUnit(dsi: #"\metre\tothe{1/3}\metre\tothe{1/3}\metre\tothe{1/3}"#)
        #expect(cube.dimension == Dimension(length: 1), "exact rational powers sum to 1")
        #expect(try MeasurementUnit(siReferencePoint: "Hz(-1/2)") == MeasurementUnit(dsi: #"\hertz\tothe{-0.5}"#))
        #expect(try MeasurementUnit(dsi: #"\per\second"#) == MeasurementUnit(siReferencePoint: "s-1"))
    }

    @Test("Scale factors to coherent SI: prefixes, accepted non-SI units")
    func scales() throws {
        // Exact decimal products; compared after one rounding, so to 1 ulp-level tolerance.
        func scale(_ text: String) throws -> Double { try MeasurementUnit(parsing: text).scale.value }
        #expect(try scale("kBq") == 1000)
        #expect(try scale(#"\mega\becquerel"#) == 1e6)
        #expect(try scale("mm2") == 1e-6)
        #expect(try scale("g") == 1e-3)
        #expect(try scale("µg.g-1") == 1e-6)
        #expect(try scale(#"\minute"#) == 60)
        #expect(try scale("h") == 3600)
        #expect(try scale("d") == 86400)
        #expect(try scale("L") == 1e-3)
        #expect(try scale("mL") == 1e-6)
        #expect(try scale("t") == 1000)
        #expect(try scale("ha") == 1e4)
        #expect(try scale("%") == 0.01)
        #expect(try scale(#"\ppm"#) == 1e-6)
        #expect(try scale("eV") == 1.602_176_634e-19)  // exact by definition of e (2019)
        #expect(try scale("au") == 149_597_870_700)
        #expect(abs(try scale("°") - Double.pi / 180) < 1e-18)
        #expect(try scale("Kibit") == 1024)
        #expect(try scale(#"\kibi\byte"#) == 8192)
    }

    @Test("Quantity kinds: Hz vs Bq, Gy vs Sv conflict; s-1 fits either")
    func quantityKinds() throws {
        let hertz = try MeasurementUnit(parsing: #"\hertz"#)
        let becquerel = try MeasurementUnit(parsing: "Bq")
        let perSecond = try MeasurementUnit(parsing: "s-1")
        #expect(hertz.dimension == becquerel.dimension)
        #expect(hertz.quantityKindConflict(with: becquerel) != nil)
        #expect(hertz.quantityKindConflict(with: perSecond) == nil)
        #expect(becquerel.quantityKindConflict(with: perSecond) == nil)
        #expect(try MeasurementUnit(parsing: "Gy").quantityKindConflict(with: MeasurementUnit(parsing: "Sv")) != nil)
        #expect(
            try MeasurementUnit(parsing: "Gy").quantityKindConflict(with: MeasurementUnit(parsing: "J.kg-1")) == nil)
        #expect(try MeasurementUnit(parsing: "rad.s-1").quantityKindConflict(with: hertz) != nil)
        #expect(try MeasurementUnit(parsing: "cd").quantityKindConflict(with: MeasurementUnit(parsing: "lm")) != nil)
        #expect(
            try MeasurementUnit(parsing: "kBq").quantityKindConflict(
                with: MeasurementUnit(parsing: #"\mega\becquerel"#)) == nil)
        #expect(
            try hertz.quantityKindConflict(with: MeasurementUnit(parsing: "m")) == nil,
            "different dimensions: not a kind question")
    }

    @Test("JSON carries the spelling and reads it back")
    func codable() throws {
        let unit = try MeasurementUnit(parsing: #"\kilo\becquerel"#)
        let data = try JSONEncoder().encode([unit])
        #expect(String(decoding: data, as: UTF8.self) == #"["\\kilo\\becquerel"]"#)
        #expect(try JSONDecoder().decode([MeasurementUnit].self, from: data) == [unit])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([MeasurementUnit].self, from: Data(#"["\\kgf"]"#.utf8))
        }
    }
}
