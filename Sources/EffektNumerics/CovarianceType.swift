/// How the covariance of estimated coefficients is computed.
///
/// For a fit with bread B = (XᵀWX)⁻¹ and score rows sᵢ (xᵢ times the working residual and weight),
/// the sandwich estimators are V = c · B (Σ_g u_g u_gᵀ) B with u_g the sum of sᵢ over cluster g
/// (each observation its own cluster for HC0/HC1). The factor c:
/// - `hc0`: 1;  `hc1`: n/(n − k)   (R `sandwich::vcovHC`, Stata `robust`);
/// - `cluster(_, .cr1)`: G/(G − 1) · (n − 1)/(n − k)   (`sandwich::vcovCL(type = "HC1")`, Stata,
///   fixest's default small-sample correction);
/// - `cluster(_, .groupsOnly)`: G/(G − 1)   (`vcovCL(type = "HC0")`);
/// - `twoWayCluster`: V₁ + V₂ − V₁₂ (Cameron, Gelbach & Miller 2011), each term with its own
///   G/(G − 1) and the common (n − 1)/(n − k), as `vcovCL(cluster = ~ a + b, type = "HC1")`.
/// n is the number of observations and k the number of estimated (non-aliased) coefficients.
public enum CovarianceType: Sendable, Equatable {
    /// The model's own covariance: σ²(XᵀWX)⁻¹ for linear models, (XᵀWX)⁻¹ for binomial GLMs.
    case modelBased
    case hc0
    case hc1
    case cluster(ClusterIndex, ClusterAdjustment = .cr1)
    case twoWayCluster(ClusterIndex, ClusterIndex)
}

/// Small-sample factor of a one-way cluster-robust covariance.
public enum ClusterAdjustment: Sendable, Equatable {
    /// G/(G − 1) · (n − 1)/(n − k).
    case cr1
    /// G/(G − 1).
    case groupsOnly
}
