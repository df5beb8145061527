/// An unknown of a comparison model: the quantity one column of the design matrix multiplies.
///
/// The unknowns follow from the readings and the model's choices (White, Metrologia 41 (2004)
/// 122, §2; Sutton, Metrologia 41 (2004) 272, §2): one value per artefact and point (and loop,
/// when the drift is linear per loop), one bias per laboratory (or per laboratory and point),
/// one drift rate per artefact and point (and loop).
public enum ModelUnknown: Sendable, Hashable, Codable, CustomStringConvertible {
    /// μ(artefact, point): the value of a travelling standard at a point (at the reference time
    /// of its drift), in one comparison and, for a per-loop drift, one loop.
    case artefactValue(comparison: String?, artefact: String?, point: String?, loop: String?)
    /// b(laboratory[, point]): the laboratory's deviation from the reference value, its unilateral
    /// degree of equivalence.
    case laboratoryBias(LaboratoryID, point: String?)
    /// β(artefact[, point][, loop]): the rate of change of a travelling standard's value at a point,
    /// per unit of time.
    case drift(comparison: String?, artefact: String?, point: String?, loop: String?)

    /// "value of artefact T1 at 10 Hz in CCM.M-K1", "bias of PTB at 10 Hz", "drift of artefact T1 in loop 2".
    public var description: String {
        func place(_ comparison: String?, _ artefact: String?, _ point: String?, _ loop: String?) -> String {
            var text = artefact.map { "artefact \($0)" } ?? "the travelling standard"
            if let point { text += " at \(point)" }
            if let loop { text += " in loop \(loop)" }
            if let comparison { text += " of \(comparison)" }
            return text
        }
        switch self {
        case .artefactValue(let comparison, let artefact, let point, let loop):
            return "value of " + place(comparison, artefact, point, loop)
        case .laboratoryBias(let laboratory, let point):
            return "bias of \(laboratory)" + (point.map { " at \($0)" } ?? "")
        case .drift(let comparison, let artefact, let point, let loop):
            return "drift of " + place(comparison, artefact, point, loop)
        }
    }

    /// The laboratory, for a bias.
    public var laboratory: LaboratoryID? {
        if case .laboratoryBias(let laboratory, _) = self { return laboratory }
        return nil
    }
}
