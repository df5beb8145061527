/// A key comparison in the BIPM's machine-readable format (TheBIPM/CCRI-II-KC,
/// `KC_model_RI_II.xsd` v1.0.0, namespace `KC_Schema`, D-SI 2.2.0 quantities), as used for the
/// SIR comparisons BIPM.RI(II)-K1.
///
/// A comparison has releases (each a published evaluation: DOI, year, KCRV, and per laboratory
/// the degree of equivalence d_i with U(d_i)) and submissions (per laboratory: year, whether the
/// result is in the KCRV (`inKCRV`), whether its DoE is valid (`doeValid`), and the SIR
/// equivalent activity). Units differ inside one file: the Ra-223 KCRV is in `kBq` (an SI
/// Reference Point spelling inside a D-SI field) with k = 1, the DoEs in `\mega\becquerel` with
/// k = 2; ``Release/degreesOfEquivalence(in:)`` brings them to one unit and adds
/// E_n = |d_i|/U(d_i) (CIPM MRA-G-11; |E_n| ≤ 1 means agreement at the stated coverage).
///
///     let ra223 = try BIPMKeyComparison(contentsOf: url)
///     ra223.releases[0].referenceValue.value                          // 54530 (kBq)
///     try ra223.releases[0].degreesOfEquivalence(in: kBq)[0].difference  // 210 (kBq), NPL
public struct BIPMKeyComparison: Sendable, Hashable {
    /// `generalInformation/comparisonCode`, e.g. `BIPM.RI(II)-K1.Ra-223`.
    public var comparisonCode: String
    /// `generalInformation/serviceCategoryID`, when given.
    public var serviceCategoryID: String?
    /// `generalInformation/pilot`.
    public var pilot: Participant?
    /// `comparisonData/release`, in file order.
    public var releases: [Release]
    /// `comparisonMetadata/submission`, in file order.
    public var submissions: [Submission]

    /// Creates a comparison from its parts (as ``init(data:location:)`` reads them).
    public init(
        comparisonCode: String, serviceCategoryID: String? = nil, pilot: Participant? = nil, releases: [Release],
        submissions: [Submission]
    ) {
        self.comparisonCode = comparisonCode
        self.serviceCategoryID = serviceCategoryID
        self.pilot = pilot
        self.releases = releases
        self.submissions = submissions
    }

    /// A laboratory: acronym, former acronyms, ROR identifier.
    public struct Participant: Sendable, Hashable {
        /// `acronym`: the laboratory's current acronym, e.g. `NPL`.
        public var acronym: String
        /// `pastAcronyms` (comma separated in the file): the names it took part under before.
        public var pastAcronyms: [String]
        /// `ror`: the laboratory's Research Organization Registry identifier (a ror.org URL).
        public var ror: String?

        /// Creates a participant from its fields.
        public init(acronym: String, pastAcronyms: [String] = [], ror: String? = nil) {
            self.acronym = acronym
            self.pastAcronyms = pastAcronyms
            self.ror = ror
        }
    }

    /// One published evaluation of the comparison.
    public struct Release: Sendable, Hashable {
        /// `doi`: the DOI of the published report of this evaluation.
        public var doi: String?
        /// `year`: the year of the evaluation.
        public var year: Int?
        /// `kcrv`: the key comparison reference value with its uncertainty.
        public var referenceValue: SIValue
        /// `degreesOfEquivalence/degreeOfEquivalence`, as published.
        public var degreesOfEquivalence: [DegreeOfEquivalence]

        /// Creates a release from its fields.
        public init(doi: String?, year: Int?, referenceValue: SIValue, degreesOfEquivalence: [DegreeOfEquivalence]) {
            self.doi = doi
            self.year = year
            self.referenceValue = referenceValue
            self.degreesOfEquivalence = degreesOfEquivalence
        }

        /// The published DoE of one laboratory with its D-SI value (d_i, U(d_i), k).
        public struct DegreeOfEquivalence: Sendable, Hashable {
            /// `laboratory`: whose degree of equivalence it is.
            public var laboratory: Participant
            /// `result`: d_i with U(d_i) and k, as published (D-SI, in the file's unit).
            public var result: SIValue

            /// Creates a degree of equivalence from its fields.
            public init(laboratory: Participant, result: SIValue) {
                self.laboratory = laboratory
                self.result = result
            }
        }

        /// A DoE expressed in a chosen unit, with its normalised error.
        public struct NormalizedDegreeOfEquivalence: Sendable, Hashable {
            /// The laboratory's acronym.
            public var laboratory: String
            /// d_i in the chosen unit.
            public var difference: Double
            /// U(d_i) in the chosen unit.
            public var expandedUncertainty: Double
            /// k of U(d_i).
            public var coverageFactor: Double
            /// E_n = |d_i| / U(d_i).
            public var normalizedError: Double
        }

        /// The DoEs converted to `unit` (as differences: no offset), with E_n = |d|/U(d).
        ///
        /// - Throws: ``TraceabilityError/invalidUnit(expression:token:column:issue:)``,
        ///   ``TraceabilityError/incommensurableUnits(from:to:fromDimension:toDimension:)``, or
        ///   ``TraceabilityError/missingElement(location:element:)`` for a DoE without an expanded
        ///   uncertainty or with U = 0.
        public func degreesOfEquivalence(
            in unit: MeasurementUnit
        ) throws(TraceabilityError) -> [NormalizedDegreeOfEquivalence] {
            var normalized: [NormalizedDegreeOfEquivalence] = []
            for entry in degreesOfEquivalence {
                let converted = try entry.result.convertedDifference(to: unit)
                guard let expanded = converted.uncertainty?.expandedUncertainty, expanded > 0,
                    let k = converted.uncertainty?.coverageFactor
                else {
                    throw .missingElement(
                        location: "DoE of \(entry.laboratory.acronym)", element: "a positive expanded uncertainty")
                }
                normalized.append(
                    NormalizedDegreeOfEquivalence(
                        laboratory: entry.laboratory.acronym, difference: converted.value,
                        expandedUncertainty: expanded, coverageFactor: k,
                        normalizedError: abs(converted.value) / expanded))
            }
            return normalized
        }
    }

    /// One laboratory's submission to the comparison.
    public struct Submission: Sendable, Hashable {
        /// `laboratory`: who submitted.
        public var laboratory: Participant
        /// `year`: the year of the submission; the importer dates a result by it when no measurement
        /// states a reference date.
        public var year: Int?
        /// `inKCRV`: whether the result enters the reference value.
        public var includedInReferenceValue: Bool?
        /// `doeValid`: whether the DoE is still valid (results expire in the SIR after 20 years).
        public var degreeOfEquivalenceValid: Bool?
        /// `bipmMeasurements/bipmMeasurement/equivalentActivity/sirResult`: the SIR equivalent
        /// activity A_e, the value the KCRV is computed from.
        public var equivalentActivities: [SIValue]
        /// `laboratoryMeasurements/measurement/activity/measurementResult`: the laboratory's own
        /// activity of the submitted solution, with its method identifier.
        public var laboratoryMeasurements: [LaboratoryMeasurement]

        /// Creates a submission from its fields.
        public init(
            laboratory: Participant, year: Int?, includedInReferenceValue: Bool?, degreeOfEquivalenceValid: Bool?,
            equivalentActivities: [SIValue], laboratoryMeasurements: [LaboratoryMeasurement] = []
        ) {
            self.laboratory = laboratory
            self.year = year
            self.includedInReferenceValue = includedInReferenceValue
            self.degreeOfEquivalenceValid = degreeOfEquivalenceValid
            self.equivalentActivities = equivalentActivities
            self.laboratoryMeasurements = laboratoryMeasurements
        }

        /// A laboratory's measurement of its solution.
        public struct LaboratoryMeasurement: Sendable, Hashable {
            /// `referenceDate`: the date the activity refers to (as written).
            public var referenceDate: String?
            /// `solutionID`: the laboratory's identifier of the submitted solution (ampoule).
            public var solutionID: String?
            /// `methodID`: the code of the measurement method, e.g. `4P-LS-BP-00-00-TD`.
            public var methodID: String?
            /// `activity/measurementResult`: the activity the laboratory measured, with its uncertainty.
            public var activity: SIValue?

            /// Creates a measurement from its fields.
            public init(referenceDate: String?, solutionID: String?, methodID: String?, activity: SIValue?) {
                self.referenceDate = referenceDate
                self.solutionID = solutionID
                self.methodID = methodID
                self.activity = activity
            }
        }
    }
}
