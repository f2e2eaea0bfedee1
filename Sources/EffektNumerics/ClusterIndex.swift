/// Cluster membership of each observation, coded densely as 0..<count in order of first appearance.
public struct ClusterIndex: Sendable, Equatable {
    /// The variable's name, for messages.
    public let name: String
    /// `codes[i]` is the cluster of observation i.
    public let codes: [Int32]
    /// Number of distinct clusters.
    public let count: Int

    /// Codes arbitrary labels (person ids, district names, …).
    public init<Label: Hashable>(name: String, labels: [Label]) {
        var lookup: [Label: Int32] = [:]
        lookup.reserveCapacity(1024)
        var codes = [Int32](repeating: 0, count: labels.count)
        for (i, label) in labels.enumerated() {
            if let c = lookup[label] {
                codes[i] = c
            } else {
                let c = Int32(lookup.count)
                lookup[label] = c
                codes[i] = c
            }
        }
        self.name = name
        self.codes = codes
        self.count = lookup.count
    }

    /// The intersection of two clusterings (each pair of codes a cluster), for two-way clustering.
    public func intersected(with other: ClusterIndex) -> ClusterIndex {
        precondition(codes.count == other.codes.count, "clusterings cover different numbers of observations")
        let pairs = zip(codes, other.codes).map { Int64($0) << 32 | Int64($1) }
        return ClusterIndex(name: "\(name) × \(other.name)", labels: pairs)
    }

    /// The same clustering restricted to the observations `rows`, recoded densely.
    public func selecting(_ rows: [Int]) -> ClusterIndex {
        ClusterIndex(name: name, labels: rows.map { codes[$0] })
    }
}
