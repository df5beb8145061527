import KeyComparison

extension EvaluateCommand {
    /// The estimator for the method, with the method-specific options of the command line
    /// applied; an option given for a method that does not use it is an error, not ignored.
    ///
    /// - Throws: ``KeyComparisonError/invalidOption(name:value:reason:)``.
    func configuredEstimator(for method: EvaluationMethod) throws(KeyComparisonError) -> any ReferenceValueEstimator {
        if let referenceUncertainty, method != .median {
            throw .invalidOption(
                name: "--reference-uncertainty", value: "\(referenceUncertainty)",
                reason: "applies to --method median only")
        }
        if !weights.isEmpty, method != .linearPool {
            throw .invalidOption(
                name: "--weight", value: weights.joined(separator: ","), reason: "applies to --method linear-pool only")
        }
        switch method {
        case .median where referenceUncertainty != nil:
            return Median(referenceExpandedUncertainty: referenceUncertainty)
        case .linearPool where !weights.isEmpty:
            return LinearPool(weights: try parsedWeights())
        default:
            return try method.estimator()
        }
    }

    /// `--weight LAB=W` options as a dictionary (the last `=` separates, so names may contain one).
    private func parsedWeights() throws(KeyComparisonError) -> [LaboratoryID: Double] {
        var result: [LaboratoryID: Double] = [:]
        for option in weights {
            guard let separator = option.lastIndex(of: "="),
                let weight = Double(option[option.index(after: separator)...])
            else {
                throw .invalidOption(name: "--weight", value: option, reason: "expected LAB=W with W a number")
            }
            let lab = LaboratoryID(String(option[..<separator]))
            guard result.updateValue(weight, forKey: lab) == nil else {
                throw .invalidOption(name: "--weight", value: option, reason: "\(lab) is given more than once")
            }
        }
        return result
    }
}
