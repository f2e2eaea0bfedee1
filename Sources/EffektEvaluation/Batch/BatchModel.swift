import EffektEstimators

/// One model of a batch: an insats, a design variant, a subgroup split, an outcome and a
/// horizon. Its estimates are the cumulative ATT at that horizon, one per subgroup level.
public struct BatchModel: Sendable, Hashable {
    /// Position in the grid (0-based); results are always listed in this order.
    public let index: Int
    public let insats: String
    public let variant: DesignVariant
    public let subgroup: BatchSubgroup
    public let outcome: PanelOutcome
    public let horizon: Int

    /// A stable, readable id, also the model's file name: `SE.standard.sex.kr.h12`.
    public var id: String { "\(insats).\(variant.name).\(subgroup.name).\(outcome.rawValue).h\(horizon)" }
}

extension BatchSpec {
    /// The grid in its fixed order: insats, variant, subgroup, outcome, horizon (innermost), so
    /// that models sharing a design are neighbours. `catalogue` gives the insatser when the spec
    /// names none.
    public func models(catalogue: [String]) -> [BatchModel] {
        var out: [BatchModel] = []
        for insats in insatser.isEmpty ? catalogue : insatser {
            for variant in variants {
                for subgroup in subgroups {
                    for outcome in outcomes {
                        for horizon in horizons {
                            out.append(BatchModel(index: out.count, insats: insats, variant: variant, subgroup: subgroup,
                                                  outcome: outcome, horizon: horizon))
                        }
                    }
                }
            }
        }
        return out
    }
}

/// A deterministic part `i` of `n` of a batch (`--shard i/n`), so any scheduler can spread a
/// batch over machines. Models are dealt out by propensity-fit group (insats × the variant's
/// fit-relevant settings) in grid order, group g to shard g mod n, so a fit is computed on one
/// machine only; when there are fewer groups than shards, models are dealt out one by one.
public struct BatchShard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, (1...count).contains(index) else {
            throw EstimationError("a shard is i/n with 1 ≤ i ≤ n, got \(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    public static let whole = try! BatchShard(index: 1, count: 1)

    public var description: String { "\(index)/\(count)" }

    /// The models of this shard, in grid order.
    public func select(_ models: [BatchModel]) -> [BatchModel] {
        guard count > 1 else { return models }
        // The fit key of each model's variant; batch-wide settings (seed, default formula, event
        // window) are the same for every model, so placeholders group the models alike.
        func group(_ model: BatchModel) -> RiskSetKey {
            RiskSetKey(model.insats, model.variant.options(defaultFormula: "", seed: 0, eventMonths: -1...0).fitKey)
        }
        var groupOf: [RiskSetKey: Int] = [:]
        for model in models where groupOf[group(model)] == nil { groupOf[group(model)] = groupOf.count }
        if groupOf.count >= count {
            return models.filter { groupOf[group($0)]! % count == index - 1 }
        }
        return models.filter { $0.index % count == index - 1 }
    }
}
