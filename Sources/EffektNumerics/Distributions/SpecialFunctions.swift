/// Namespace for the special functions underneath the distributions: log-gamma, the regularized
/// incomplete gamma and beta functions.
///
/// Like the C math library they return NaN for arguments outside their domain (the
/// distribution types validate their parameters and throw instead), and they aim at a relative
/// error of about 1e-14 over the double range, including the far tails, so that p-values as
/// small as 1e-300 keep their leading digits.
public enum SpecialFunctions {}
