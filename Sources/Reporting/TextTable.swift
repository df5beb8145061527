/// A plain-text table with aligned columns, for reports a metrologist can paste as is.
///
///     var table = TextTable(columns: [.init("Lab"), .init("d", alignment: .right)])
///     table.append(["PTB", "0.012"])
///     print(table.rendered())
///     // Lab      d
///     // ---  -----
///     // PTB  0.012
public struct TextTable: Sendable, Hashable {
    /// A column heading and how its cells align.
    public struct Column: Sendable, Hashable {
        public enum Alignment: Sendable, Hashable { case left, right }
        public var heading: String
        public var alignment: Alignment

        public init(_ heading: String, alignment: Alignment = .left) {
            self.heading = heading
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public private(set) var rows: [[String]] = []

    public init(columns: [Column]) { self.columns = columns }

    /// Appends a row; missing cells are blank, extra cells are dropped.
    public mutating func append(_ cells: [String]) {
        rows.append((0..<columns.count).map { $0 < cells.count ? cells[$0] : "" })
    }

    /// The table as lines: heading, a rule of dashes, then the rows; columns two spaces apart.
    public func rendered() -> String {
        let widths = columns.indices.map { j in
            rows.reduce(columns[j].heading.count) { Swift.max($0, $1[j].count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (j, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[j] - cell.count)
                parts.append(columns[j].alignment == .right ? pad + cell : cell + pad)
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines = [line(columns.map(\.heading)), line(widths.map { String(repeating: "-", count: $0) })]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}
