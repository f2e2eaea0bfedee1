// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Effekt",
    products: [
        .executable(name: "effekt", targets: ["effekt"]),
        .library(name: "EffektNumerics", targets: ["EffektNumerics"]),
        .library(name: "EffektData", targets: ["EffektData"]),
        .library(name: "EffektEstimators", targets: ["EffektEstimators"]),
        .library(name: "EffektReports", targets: ["EffektReports"]),
        .library(name: "EffektEvaluation", targets: ["EffektEvaluation"]),
    ],
    targets: [
        // LAPACKE + OpenBLAS from Debian (liblapacke-dev, libopenblas-dev).
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        .target(name: "EffektNumerics", dependencies: ["CLapack"], exclude: ["README.md"]),
        .target(name: "EffektData", dependencies: ["EffektNumerics"], exclude: ["README.md"]),
        .target(name: "EffektEstimators", dependencies: ["EffektNumerics", "EffektData"], exclude: ["README.md"]),
        .target(name: "EffektReports", dependencies: ["EffektNumerics"], exclude: ["README.md"]),
        .target(name: "EffektEvaluation", dependencies: ["EffektNumerics", "EffektData", "EffektEstimators", "EffektReports"], exclude: ["README.md"]),
        .executableTarget(name: "effekt", dependencies: ["EffektNumerics", "EffektData", "EffektEstimators", "EffektReports", "EffektEvaluation"]),
        .executableTarget(name: "effekt-bench", dependencies: ["EffektNumerics", "EffektData", "EffektEstimators", "EffektReports", "EffektEvaluation"], path: "Sources/effekt-bench"),
        // Shared by the test targets: locating fixtures under Tests/Fixtures, tolerance checks.
        .target(name: "EffektTestSupport", dependencies: ["EffektNumerics"], path: "Tests/EffektTestSupport"),
        .testTarget(name: "EffektNumericsTests", dependencies: ["EffektNumerics", "EffektTestSupport"]),
        .testTarget(name: "EffektDataTests", dependencies: ["EffektData", "EffektNumerics", "EffektTestSupport"]),
        .testTarget(name: "EffektEstimatorsTests", dependencies: ["EffektEstimators", "EffektData", "EffektTestSupport"]),
        .testTarget(name: "EffektReportsTests", dependencies: ["EffektReports", "EffektTestSupport"]),
        .testTarget(name: "EffektEvaluationTests", dependencies: ["EffektEvaluation", "EffektData", "EffektEstimators", "EffektTestSupport"]),
        // Runs the built `effekt` binary as a user would (make test builds it first).
        .testTarget(name: "EffektCLITests", dependencies: ["EffektTestSupport"]),
    ]
)
