internal import EquivalenceSupport

/// Reading D-SI elements (namespace `https://ptb.de/si`, any prefix) into ``SIQuantity`` values.
///
/// Numbers follow D-SI `decimalType` (`[-+]?((\d*\.\d+)|(\d+\.\d*)|(\d+\.?))([Ee][-+]?\d+)?`);
/// `NaN` is allowed by the XSD but refused here because no output may carry it. In the
/// `…XMLList` forms a list of one entry applies to every value (D-SI guide v1.3 §5.3); any other
/// length that differs from the number of values is an error, which catches thousands separators
/// (`3 000` read as two values) and values like `22 ± 2`.
struct DSIReader {
    /// Where an element of the file starts, for error messages: `line n`.
    func location(_ element: MarkupElement) -> String { element.location }

    /// The D-SI quantity inside `container` (a `dcc:quantity`, a `kc:result`, …): its first child
    /// `si:real`, `si:realListXMLList`, `si:hybrid`, `si:list` or `si:realList`; or, when the
    /// container itself is a realQuantityType (BIPM KC `kc:kcrv`), its own `si:value`/`si:unit`.
    /// Nil when it holds none of them (text-only quantities).
    func quantity(in container: MarkupElement) throws(TraceabilityError) -> SIQuantity? {
        for child in container.children where child.namespace == Namespace.si {
            switch child.name {
            case "real", "realListXMLList", "list", "realList":
                return SIQuantity(try values(of: child))
            case "hybrid":
                var representations: [[SIValue]] = []
                for representation in child.children where representation.namespace == Namespace.si {
                    representations.append(try values(of: representation))
                }
                guard !representations.isEmpty else {
                    throw .missingElement(location: location(child), element: "si:hybrid content")
                }
                return SIQuantity(representations: representations)
            case "value":
                return SIQuantity([try real(container)])
            default:
                continue
            }
        }
        return nil
    }

    /// The values of one representation element.
    func values(of element: MarkupElement) throws(TraceabilityError) -> [SIValue] {
        switch element.name {
        case "real": return [try real(element)]
        case "realListXMLList": return try realListXMLList(element)
        case "list", "realList":
            // A list of reals (and nested lists); a list-level unit or uncertainty fills in
            // what the entries leave out (D-SI 1.x `si:list` with `si:unit`).
            let listUnit = element.childText(Namespace.si, "unit")
            var values: [SIValue] = []
            for child in element.children where child.namespace == Namespace.si {
                switch child.name {
                case "real", "realListXMLList", "list", "realList":
                    var entries = try self.values(of: child)
                    if let listUnit {
                        for index in entries.indices where entries[index].unit.isEmpty {
                            entries[index].unit = listUnit
                        }
                    }
                    values.append(contentsOf: entries)
                default: continue
                }
            }
            return values
        default:
            throw .missingElement(location: location(element), element: "si:real or si:realListXMLList")
        }
    }

    /// `si:real`: value, unit, optional label, dateTime and univariate uncertainty.
    func real(_ element: MarkupElement) throws(TraceabilityError) -> SIValue {
        guard let valueElement = element.child(Namespace.si, "value") else {
            throw .missingElement(location: location(element), element: "si:value")
        }
        let text = valueElement.trimmedText
        let value = try number(text, field: "si:value", at: valueElement)
        let unit = element.childText(Namespace.si, "unit") ?? ""
        return SIValue(
            value: value, valueText: text, unit: unit, uncertainty: try uncertainty(of: element),
            dateTime: element.childText(Namespace.si, "dateTime"), label: element.childText(Namespace.si, "label"))
    }

    /// The uncertainty of a `si:real` in any of its D-SI forms, nil when none is stated.
    func uncertainty(of element: MarkupElement) throws(TraceabilityError) -> SIUncertainty? {
        let si = Namespace.si
        func required(_ parent: MarkupElement, _ name: String) throws(TraceabilityError) -> Double {
            guard let child = parent.child(si, name) else {
                throw .missingElement(location: location(parent), element: "si:\(name)")
            }
            return try number(child.trimmedText, field: "si:\(name)", at: child)
        }
        func optional(_ parent: MarkupElement, _ name: String) throws(TraceabilityError) -> Double? {
            guard let child = parent.child(si, name) else { return nil }
            return try number(child.trimmedText, field: "si:\(name)", at: child)
        }
        // The expanded and coverage-interval forms are the same in both versions but for the name
        // of the element that holds U (resp. u).
        func expanded(_ element: MarkupElement, valueName: String) throws(TraceabilityError) -> SIUncertainty {
            .expanded(
                try required(element, valueName), coverageFactor: try required(element, "coverageFactor"),
                coverageProbability: try optional(element, "coverageProbability"),
                distribution: element.childText(si, "distribution"))
        }
        func coverageInterval(
            _ element: MarkupElement, standardName: String
        ) throws(TraceabilityError) -> SIUncertainty {
            .coverageInterval(
                standardUncertainty: try required(element, standardName),
                lower: try required(element, "intervalMin"), upper: try required(element, "intervalMax"),
                coverageProbability: try optional(element, "coverageProbability"))
        }
        // D-SI 2.x.
        if let univariate = element.child(si, "measurementUncertaintyUnivariate") {
            if let form = univariate.child(si, "expandedMU") { return try expanded(form, valueName: "valueExpandedMU") }
            if let standard = univariate.child(si, "standardMU") {
                return .standard(
                    try required(standard, "valueStandardMU"), distribution: standard.childText(si, "distribution"))
            }
            if let form = univariate.child(si, "coverageIntervalMU") {
                return try coverageInterval(form, standardName: "valueStandardMU")
            }
        }
        // D-SI 1.x (deprecated in 2.x, still used by DCC 3.1 samples and the BIPM KC files).
        if let form = element.child(si, "expandedUnc") { return try expanded(form, valueName: "uncertainty") }
        if let form = element.child(si, "coverageInterval") {
            return try coverageInterval(form, standardName: "standardUnc")
        }
        return nil
    }

    /// `si:realListXMLList`: whitespace-separated lists, one-entry lists broadcast.
    func realListXMLList(_ element: MarkupElement) throws(TraceabilityError) -> [SIValue] {
        let si = Namespace.si
        guard let valuesElement = element.child(si, "valueXMLList") else {
            throw .missingElement(location: location(element), element: "si:valueXMLList")
        }
        let valueTokens = tokens(valuesElement)
        let count = valueTokens.count
        guard count > 0 else { throw .missingElement(location: location(valuesElement), element: "values") }
        let values = try valueTokens.map { (text) throws(TraceabilityError) in
            try number(text, field: "si:valueXMLList", at: valuesElement)
        }

        /// A list of strings of length `count` (a single entry broadcast), or nil when absent.
        func list(_ parent: MarkupElement?, _ name: String) throws(TraceabilityError) -> [String]? {
            guard let child = parent?.child(si, name) else { return nil }
            let entries = tokens(child)
            if entries.count == count { return entries }
            if entries.count == 1 { return Array(repeating: entries[0], count: count) }
            throw .listLengthMismatch(
                location: location(child), field: "si:\(name)", values: count, found: entries.count)
        }
        func numbers(_ parent: MarkupElement?, _ name: String) throws(TraceabilityError) -> [Double]? {
            guard let entries = try list(parent, name), let child = parent?.child(si, name) else { return nil }
            return try entries.map { (text) throws(TraceabilityError) in
                try number(text, field: "si:\(name)", at: child)
            }
        }

        guard let units = try list(element, "unitXMLList") else {
            throw .missingElement(location: location(element), element: "si:unitXMLList")
        }
        let dateTimes = try list(element, "dateTimeXMLList")
        let labels = try list(element, "labelXMLList")

        var uncertainties: [SIUncertainty]?
        let univariate = element.child(si, "measurementUncertaintyUnivariateXMLList")
        if let expanded = univariate?.child(si, "expandedMUXMLList") ?? element.child(si, "expandedUncXMLList") {
            let valueName = expanded.name == "expandedMUXMLList" ? "valueExpandedMUXMLList" : "uncertaintyXMLList"
            guard let u = try numbers(expanded, valueName), let k = try numbers(expanded, "coverageFactorXMLList")
            else {
                throw .missingElement(
                    location: location(expanded), element: "si:\(valueName) and si:coverageFactorXMLList")
            }
            let p = try numbers(expanded, "coverageProbabilityXMLList")
            let distributions = try list(expanded, "distributionXMLList")
            uncertainties = (0..<count).map { i in
                .expanded(u[i], coverageFactor: k[i], coverageProbability: p?[i], distribution: distributions?[i])
            }
        } else if let standard = univariate?.child(si, "standardMUXMLList") {
            guard let u = try numbers(standard, "valueStandardMUXMLList") else {
                throw .missingElement(location: location(standard), element: "si:valueStandardMUXMLList")
            }
            let distributions = try list(standard, "distributionXMLList")
            uncertainties = (0..<count).map { i in .standard(u[i], distribution: distributions?[i]) }
        } else if let interval = univariate?.child(si, "coverageIntervalMUXMLList")
            ?? element.child(si, "coverageIntervalXMLList")
        {
            let uName = interval.name == "coverageIntervalMUXMLList" ? "valueStandardMUXMLList" : "standardUncXMLList"
            guard let u = try numbers(interval, uName), let low = try numbers(interval, "intervalMinXMLList"),
                let high = try numbers(interval, "intervalMaxXMLList")
            else {
                throw .missingElement(location: location(interval), element: "si:\(uName), si:intervalMin/MaxXMLList")
            }
            let p = try numbers(interval, "coverageProbabilityXMLList")
            uncertainties = (0..<count).map { i in
                .coverageInterval(standardUncertainty: u[i], lower: low[i], upper: high[i], coverageProbability: p?[i])
            }
        }

        return (0..<count).map { i in
            SIValue(
                value: values[i], valueText: valueTokens[i], unit: units[i], uncertainty: uncertainties?[i],
                dateTime: dateTimes?[i], label: labels?[i])
        }
    }

    private func tokens(_ element: MarkupElement) -> [String] {
        element.text.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    /// A D-SI decimal; NaN, infinities, hexadecimal and anything with other characters are refused.
    ///
    /// A coverage factor (`si:coverageFactor…`) must be at least 1 and a coverage probability
    /// (`si:coverageProbability…`) lie in (0, 1), by EquivalenceSupport's `CoverageBounds`, the
    /// rule every format of the package applies.
    func number(_ text: String, field: String, at element: MarkupElement) throws(TraceabilityError) -> Double {
        guard Self.isDecimal(text), let value = Double(text), value.isFinite else {
            throw .invalidNumber(location: location(element), field: field, text: text)
        }
        let problem =
            field.hasPrefix("si:coverageFactor")
            ? CoverageBounds.coverageFactorProblem(value)
            : field.hasPrefix("si:coverageProbability") ? CoverageBounds.coverageProbabilityProblem(value) : nil
        if let problem { throw .malformedFile(location: location(element), reason: "\(field): \(problem)") }
        return value
    }

    /// Whether `text` matches D-SI decimalType without its NaN alternative.
    static func isDecimal(_ text: String) -> Bool {
        var characters = Substring(text)
        if let first = characters.first, first == "+" || first == "-" { characters = characters.dropFirst() }
        var mantissa = characters
        var exponent: Substring?
        if let e = characters.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = characters[..<e]
            exponent = characters[characters.index(after: e)...]
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.contains(where: { !$0.isEmpty }),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return false }
        if var exponent {
            if let first = exponent.first, first == "+" || first == "-" { exponent = exponent.dropFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        }
        return true
    }
}
