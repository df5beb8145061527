import Testing

@testable import Traceability

/// Conversions between compatible units. Factors that are ratios of powers of ten are computed
/// decade apart and are exact after one rounding, so those expectations use ==; conversions that
/// go through π or an offset are compared to 1e-12 relative, a few ulps of the operands.
@Suite("Unit conversion")
struct UnitConversionTests {
    func conversion(_ from: String, _ to: String) throws -> UnitConversion {
        try MeasurementUnit(parsing: from).conversion(to: MeasurementUnit(parsing: to))
    }

    @Test("kBq ↔ \\mega\\becquerel is ×1000 (BIPM.RI(II)-K1.Ra-223 KCRV vs DoE units)")
    func kilobecquerelToMegabecquerel() throws {
        let toMega = try conversion("kBq", #"\mega\becquerel"#)
        #expect(toMega.factor == 1e-3)
        #expect(toMega.value(54530) == 54.53)
        let toKilo = try conversion(#"\mega\becquerel"#, "kBq")
        #expect(toKilo.factor == 1000)
        #expect(toKilo.value(0.21) == 210)  // NPL's 2021 DoE, 0.21 MBq = 210 kBq
        #expect(toKilo.uncertainty(0.52) == 520)
    }

    @Test("Prefixes and powers: mm² → m², km/h → m/s, L → m³")
    func prefixesAndPowers() throws {
        #expect(try conversion("mm2", "m2").factor == 1e-6)
        #expect(try conversion(#"\centi\metre\tothe{3}"#, "mL").factor == 1)
        #expect(try conversion("L", "m3").factor == 1e-3)
        let speed = try conversion(#"\kilo\metre\per\hour"#, "m.s-1")
        #expect(abs(speed.factor - 1000.0 / 3600.0) < 1e-15)
        #expect(try conversion(#"\gram\centi\metre\tothe{-3}"#, "kg.m-3").factor == 1000)
        #expect(try conversion("%", "1").factor == 0.01)
        #expect(try conversion(#"\percent"#, #"\one"#).value(35) == 0.35)
        #expect(try conversion(#"\minute"#, "s").value(150) == 9000)  // humidity DCC: 150 min = 9000 s
        #expect(try conversion("kW.h", "MJ").factor == 3.6)
    }

    @Test("°C ↔ K converts values with the offset and uncertainties without it")
    func celsius() throws {
        let toKelvin = try conversion(#"\degreecelsius"#, #"\kelvin"#)
        #expect(toKelvin.factor == 1)
        #expect(toKelvin.offset == 273.15)
        // The temperature DCC's hybrid columns: 33.098 °C = 306.248 K.
        #expect(abs(toKelvin.value(33.098) - 306.248) < 1e-9)
        #expect(toKelvin.uncertainty(0.061) == 0.061)
        #expect(toKelvin.difference(0.072) == 0.072)
        let toCelsius = try conversion("K", "°C")
        #expect(abs(toCelsius.value(593.154) - 320.004) < 1e-9)
        #expect(toCelsius.uncertainty(0.0305) == 0.0305)
        let toMillikelvin = try conversion("°C", "mK")
        #expect(abs(toMillikelvin.value(20) - 293_150) < 1e-6)
        #expect(toMillikelvin.uncertainty(0.03) == 30)
        // A °C inside a compound unit is a temperature interval: no offset.
        let coefficient = try conversion(#"\one\per\degreecelsius"#, "K-1")
        #expect(coefficient.isLinear && coefficient.factor == 1)
    }

    @Test("Angles and energies through irrational or measured factors")
    func nonDecimal() throws {
        let degrees = try conversion("°", "rad")
        #expect(abs(degrees.value(180) - Double.pi) < 1e-12 * Double.pi)
        #expect(abs(try conversion("″", "°").factor - 1.0 / 3600) < 1e-12 / 3600)
        let electronvolt = try conversion("MeV", "J")
        #expect(abs(electronvolt.factor - 1.602_176_634e-13) < 1e-12 * 1.602_176_634e-13)
        #expect(try conversion("dB", "B").factor == 0.1)
    }

    @Test("Hz and Bq convert (same dimension) but report a kind conflict")
    func hertzBecquerel() throws {
        let hz = try MeasurementUnit(parsing: "kHz")
        let bq = try MeasurementUnit(parsing: "Bq")
        #expect(try hz.conversion(to: bq).factor == 1000)
        let conflict = try #require(hz.quantityKindConflict(with: bq))
        #expect(conflict.first == [.frequency: .one] && conflict.second == [.activity: .one])
        #expect(conflict.description == "frequency vs activity")
    }
}
