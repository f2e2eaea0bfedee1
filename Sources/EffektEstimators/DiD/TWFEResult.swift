import EffektNumerics

/// The result of a two-way fixed-effects regression (`TWFE.fit`).
public struct TWFEResult: Sendable {
    /// One regressor: estimate and inference, or `nil`s with a note when it was not estimable.
    public struct Term: Sendable, Equatable {
        public let name: String
        public let estimate: Double?
        public let standardError: Double?
        /// estimate / standard error.
        public let tStatistic: Double?
        /// Two-sided, Student t with `smallSample.tDegreesOfFreedom` (G − 1) degrees of freedom.
        public let pValue: Double?
        /// estimate ± t quantile × standard error at `confidenceLevel`.
        public let confidenceInterval: ClosedRange<Double>?
        /// The event time of an event-study dummy (nil for other regressors).
        public let eventTime: Int?
        /// Why the term is not estimable or has no standard error.
        public let note: String?
    }

    /// The cluster-robust small-sample correction actually used:
    /// V = factor · (X̃ᵀX̃)⁻¹ (Σ_g X̃_gᵀû_g û_gᵀX̃_g) (X̃ᵀX̃)⁻¹, factor = G/(G−1) · (n−1)/(n−K), with K
    /// counting slopes plus fixed-effect parameters not nested in the clusters (fixest's default
    /// `ssc(fixef.K = "nested")`, pyfixest's `k_fixef = "nonnested"`).
    public struct SmallSampleCorrection: Sendable, Equatable {
        public let observations: Int
        public let clusters: Int
        public let parameters: Int
        public let factor: Double
        public let tDegreesOfFreedom: Int
        /// The fixed effects found nested in the clusters (their levels are not counted in K,
        /// except one for the constant).
        public let nestedFixedEffects: [String]
        public let formula: String
    }

    public let terms: [Term]
    /// Names of the estimated terms, in the order of `covariance`'s rows.
    public let estimatedTerms: [String]
    /// CR1 covariance of the estimated terms (nil with fewer than two clusters).
    public let covariance: Matrix?
    /// Observations used (after removing singletons).
    public let observations: Int
    /// Rows removed as fixed-effect singletons.
    public let droppedSingletons: Int
    public let units: Int
    public let periods: Int
    public let clusterName: String
    public let clusters: Int
    public let smallSample: SmallSampleCorrection
    public let confidenceLevel: Double
    /// Joint test that all pre-period event-time coefficients are zero (event studies only).
    public let pretrendTest: WaldTest?
    /// Sweeps of the alternating projections and the last largest change.
    public let demeaningSweeps: Int
    public let demeaningLastChange: Double
    /// What a reader should know: dropped regressors and why, missing inference, singletons.
    public let notes: [String]

    /// The term named `name`.
    public subscript(_ name: String) -> Term? { terms.first { $0.name == name } }
}
