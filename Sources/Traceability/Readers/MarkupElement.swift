import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The D-SI, DCC and BIPM key-comparison namespaces, matched by URI so that any prefix works
/// (`si:`, `dsi:`; PTB DCC XSD 3.1.2, D-SI XSD 2.2.0, TheBIPM/CCRI-II-KC `KC_model_RI_II.xsd`).
enum Namespace {
    static let dcc = "https://ptb.de/dcc"
    static let si = "https://ptb.de/si"
    static let keyComparison = "KC_Schema"
}

/// An XML element read namespace-aware: (namespace URI, local name), attributes, children, text.
///
/// The readers walk this small tree instead of handling SAX events, so that each format is a
/// set of path lookups. Built by ``parse(_:location:)`` with FoundationXML's `XMLParser`
/// (`shouldProcessNamespaces`), which never resolves external entities or schemas.
struct MarkupElement: Sendable {
    var namespace: String
    var name: String
    var attributes: [String: String]
    var children: [MarkupElement]
    var text: String
    /// 1-based line of the start tag, for error locations.
    var line: Int

    /// The text with surrounding white space removed.
    var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Direct children with this namespace and local name.
    func children(_ namespace: String, _ name: String) -> [MarkupElement] {
        children.filter { $0.name == name && $0.namespace == namespace }
    }

    /// The first direct child with this namespace and local name.
    func child(_ namespace: String, _ name: String) -> MarkupElement? {
        children.first { $0.name == name && $0.namespace == namespace }
    }

    /// The trimmed text of the first such child, nil when absent or empty.
    func childText(_ namespace: String, _ name: String) -> String? {
        guard let text = child(namespace, name)?.trimmedText, !text.isEmpty else { return nil }
        return text
    }

    /// The element at a path of local names in one namespace.
    func path(_ namespace: String, _ names: String...) -> MarkupElement? {
        var current: MarkupElement? = self
        for name in names { current = current?.child(namespace, name) }
        return current
    }

    /// Where the element starts, for error messages: `line n` (the reader's caller adds the file).
    var location: String { "line \(line)" }

    /// The first such child read as xs:boolean (`true`, `false`, `1`, `0`; XML Schema Part 2
    /// §3.2.2), nil when there is none: the DCC statements' `traceable` and `valid`, the BIPM
    /// submissions' `inKCRV` and `doeValid`.
    ///
    /// - Parameters:
    ///   - prefix: the prefix the message spells the element with (`dcc`, `kc`).
    /// - Throws: ``TraceabilityError/malformedFile(file:location:reason:)`` at the child's line for
    ///   any other text.
    func booleanChild(_ namespace: String, _ name: String, prefix: String) throws(TraceabilityError) -> Bool? {
        guard let element = child(namespace, name) else { return nil }
        switch element.trimmedText {
        case "true", "1": return true
        case "false", "0": return false
        default:
            throw .malformedFile(
                location: element.location,
                reason: "\(prefix):\(name) '\(element.trimmedText)' is not true or false")
        }
    }

    /// The whitespace-separated tokens of the `refType` attribute (DCC allows several).
    var refTypes: [String] { (attributes["refType"] ?? "").split(whereSeparator: \.isWhitespace).map(String.init) }

    /// Multilingual `dcc:content` children: the English text, else the first one.
    func localizedText(_ namespace: String = Namespace.dcc) -> String? {
        let contents = children(namespace, "content")
        let chosen = contents.first { $0.attributes["lang"] == "en" } ?? contents.first
        guard let text = chosen?.trimmedText, !text.isEmpty else { return nil }
        return text
    }

    /// Parses a whole document into its root element: the one place where XML reaches
    /// `XMLParser`, after ``MarkupPreflight/check(_:)`` has refused what would trap it (invalid
    /// UTF-8, NUL bytes).
    ///
    /// - Throws: ``TraceabilityError/malformedFile(file:location:reason:)`` with the line the
    ///   parser stopped at (the caller names the file).
    static func parse(_ data: Data) throws(TraceabilityError) -> MarkupElement {
        try MarkupPreflight.check(data)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let builder = TreeBuilder(parser: parser)
        parser.delegate = builder
        let succeeded = parser.parse()
        if builder.isTooDeep {
            throw .malformedFile(
                location: "line \(parser.lineNumber)",
                reason: "elements nested deeper than \(maximumDepth) levels (DCC, D-SI and BIPM files need a few dozen)"
            )
        }
        guard succeeded, let root = builder.root else {
            let reason =
                parser.parserError.map { "not well-formed XML (\($0.localizedDescription))" } ?? "no root element"
            throw .malformedFile(location: "line \(parser.lineNumber)", reason: reason)
        }
        return root
    }

    /// The deepest nesting ``parse(_:location:)`` accepts. The tree is walked recursively, so a
    /// hostile file nested 100 000 deep would exhaust the stack; real documents stay far below.
    static let maximumDepth = 256
}

/// Collects SAX events into ``MarkupElement`` values. Used by one parse on one thread.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    private unowned let parser: XMLParser
    private var stack: [MarkupElement] = []
    var root: MarkupElement?
    /// Set when an element opened deeper than ``MarkupElement/maximumDepth``; parsing stops there.
    private(set) var isTooDeep = false

    init(parser: XMLParser) { self.parser = parser }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        guard stack.count < MarkupElement.maximumDepth else {
            isTooDeep = true
            parser.abortParsing()
            return
        }
        // Attribute keys may come qualified (`xsi:schemaLocation`); keep their local names too.
        var attributes = attributeDict
        for (key, value) in attributeDict where key.contains(":") {
            attributes[String(key.split(separator: ":").last ?? Substring(key))] = value
        }
        stack.append(
            MarkupElement(
                namespace: namespaceURI ?? "", name: elementName, attributes: attributes, children: [], text: "",
                line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        guard let finished = stack.popLast() else { return }
        if stack.isEmpty {
            root = finished
        } else {
            stack[stack.count - 1].children.append(finished)
        }
    }
}
