extension DigitalCalibrationCertificate {
    /// An identification: who issued it and the identifier (`dcc:identification`).
    public struct Identification: Sendable, Hashable {
        /// `manufacturer`, `customer`, `calibrationLaboratory`, `owner`, `other`.
        public var issuer: String
        /// The identifier itself (`value`), e.g. a serial number.
        public var value: String
        /// The English (or first) name, e.g. "Serial no.".
        public var name: String?

        /// Creates an identification from its fields.
        public init(issuer: String, value: String, name: String? = nil) {
            self.issuer = issuer
            self.value = value
            self.name = name
        }
    }

    /// The calibration laboratory: `calibrationLaboratoryCode` (accreditation or KCDB code) and
    /// `contact/name`.
    public struct Laboratory: Sendable, Hashable {
        /// `calibrationLaboratoryCode`: an accreditation number or the KCDB code of the institute.
        public var code: String?
        /// `contact/name`: the laboratory's name (English or first content).
        public var name: String?
        /// `contact/location/city`.
        public var city: String?
        /// `contact/location/countryCode` (ISO 3166-1 alpha-2).
        public var countryCode: String?

        /// Creates a laboratory from its fields.
        public init(code: String? = nil, name: String? = nil, city: String? = nil, countryCode: String? = nil) {
            self.code = code
            self.name = name
            self.city = city
            self.countryCode = countryCode
        }

        /// The code if given, else the name: the issuer's identity in the graph.
        public var identifier: String? { code ?? name }
    }

    /// A calibrated item (`items/item`).
    public struct Item: Sendable, Hashable {
        /// `name`: what the item is (English or first content), e.g. "Temperature sensor".
        public var name: String?
        /// `manufacturer/name`.
        public var manufacturer: String?
        /// `model`: the manufacturer's type designation.
        public var model: String?
        /// `identifications/identification`: serial and inventory numbers, with who issued them.
        public var identifications: [Identification]

        /// Creates an item from its fields.
        public init(
            name: String? = nil, manufacturer: String? = nil, model: String? = nil,
            identifications: [Identification] = []
        ) {
            self.name = name
            self.manufacturer = manufacturer
            self.model = model
            self.identifications = identifications
        }
    }

    /// A `dcc:statement` (statementMetaDataType): conventions, claims, dates and data.
    public struct Statement: Sendable, Hashable {
        /// `@refType` tokens, e.g. `basic_validityRange`.
        public var refTypes: [String]
        /// `convention`, e.g. `CIPM-MRA`.
        public var convention: String?
        /// `traceable`.
        public var traceable: Bool?
        /// `valid`.
        public var valid: Bool?
        /// `date` (xs:date).
        public var date: String?
        /// `period` (xs:duration).
        public var period: String?
        /// `conformity` (pass, fail, …).
        public var conformity: String?
        /// `norm` entries.
        public var norms: [String]
        /// `reference` entries (clauses).
        public var references: [String]
        /// The English (or first) `declaration` text.
        public var declaration: String?
        /// `data/quantity` entries.
        public var data: [Quantity]

        /// Creates a statement from its fields.
        public init(
            refTypes: [String] = [], convention: String? = nil, traceable: Bool? = nil, valid: Bool? = nil,
            date: String? = nil, period: String? = nil, conformity: String? = nil, norms: [String] = [],
            references: [String] = [], declaration: String? = nil, data: [Quantity] = []
        ) {
            self.refTypes = refTypes
            self.convention = convention
            self.traceable = traceable
            self.valid = valid
            self.date = date
            self.period = period
            self.conformity = conformity
            self.norms = norms
            self.references = references
            self.declaration = declaration
            self.data = data
        }
    }

    /// A `dcc:quantity`: its roles, name and D-SI values (nil for a text-only quantity).
    public struct Quantity: Sendable, Hashable {
        /// `@refType` tokens: the quantity's role, e.g. `basic_measurementError`, `basic_referenceValue`.
        public var refTypes: [String]
        /// `name`: the quantity's name (English or first content).
        public var name: String?
        /// The D-SI values (`si:real`, `si:realListXMLList`, `si:hybrid`, …); nil when the quantity
        /// holds only text.
        public var quantity: SIQuantity?

        /// Creates a quantity from its fields.
        public init(refTypes: [String] = [], name: String? = nil, quantity: SIQuantity?) {
            self.refTypes = refTypes
            self.name = name
            self.quantity = quantity
        }
    }

    /// The range over which the calibration is valid (`basic_validityRange`).
    public struct ValidityRange: Sendable, Hashable {
        /// The quantity with refType `basic_validityRangeMin`.
        public var minimum: SIQuantity
        /// The quantity with refType `basic_validityRangeMax`.
        public var maximum: SIQuantity

        /// Creates a range from its two limits.
        public init(minimum: SIQuantity, maximum: SIQuantity) {
            self.minimum = minimum
            self.maximum = maximum
        }
    }

    /// One `measurementResults/measurementResult`.
    public struct MeasurementResult: Sendable, Hashable {
        /// `name`: what was measured (English or first content).
        public var name: String?
        /// `usedMethods/usedMethod/@refType` tokens.
        public var methods: [String]
        /// `measuringEquipments/measuringEquipment`: the standards and instruments used, in order.
        public var measuringEquipment: [MeasuringEquipment]
        /// `influenceConditions/influenceCondition`, as quantities with the condition's refTypes.
        public var influenceConditions: [Quantity]
        /// `results/result`.
        public var results: [Result]

        /// Creates a measurement result from its fields.
        public init(
            name: String? = nil, methods: [String] = [], measuringEquipment: [MeasuringEquipment] = [],
            influenceConditions: [Quantity] = [], results: [Result] = []
        ) {
            self.name = name
            self.methods = methods
            self.measuringEquipment = measuringEquipment
            self.influenceConditions = influenceConditions
            self.results = results
        }
    }

    /// One `results/result`: its quantities (inside `data`, or `data/list`).
    public struct Result: Sendable, Hashable {
        /// `@refType` tokens of the result.
        public var refTypes: [String]
        /// `name`: the result's name (English or first content).
        public var name: String?
        /// The quantities of `data`, those inside `data/list` (nested lists too) included, in order.
        public var quantities: [Quantity]

        /// Creates a result from its fields.
        public init(refTypes: [String] = [], name: String? = nil, quantities: [Quantity] = []) {
            self.refTypes = refTypes
            self.name = name
            self.quantities = quantities
        }

        /// The quantity with this refType (e.g. `basic_measurementError`).
        public func quantity(_ refType: String) -> Quantity? { quantities.first { $0.refTypes.contains(refType) } }
    }

    /// A `measuringEquipment`: the standard or instrument used, and the certificate behind it.
    public struct MeasuringEquipment: Sendable, Hashable {
        /// `@id`.
        public var id: String?
        /// `@refType` tokens (`basic_standardUsed`, `basic_normalUsed`, …).
        public var refTypes: [String]
        /// `name`: what the equipment is (English or first content).
        public var name: String?
        /// `manufacturer/name`.
        public var manufacturer: String?
        /// `model`: the manufacturer's type designation.
        public var model: String?
        /// `certificate`: how to find the reference's own calibration certificate.
        public var certificate: CertificateReference?
        /// `identifications/identification`: serial and inventory numbers of the equipment.
        public var identifications: [Identification]

        /// Creates a measuring equipment from its fields.
        public init(
            id: String? = nil, refTypes: [String] = [], name: String? = nil, manufacturer: String? = nil,
            model: String? = nil, certificate: CertificateReference? = nil, identifications: [Identification] = []
        ) {
            self.id = id
            self.refTypes = refTypes
            self.name = name
            self.manufacturer = manufacturer
            self.model = model
            self.certificate = certificate
            self.identifications = identifications
        }

        /// The refTypes that mark a reference standard in the Good Practice DCCs.
        public static let referenceRoles: Set<String> = ["basic_standardUsed", "basic_normalUsed"]

        /// Whether this equipment is a reference standard of the calibration.
        public var isReferenceStandard: Bool { refTypes.contains { Self.referenceRoles.contains($0) } }
    }
}
