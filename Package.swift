// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Effekt",
    products: [
        .executable(name: "effekt", targets: ["effekt"]),
        .library(name: "EffektNumerics", targets: ["EffektNumerics"]),
        .library(name: "EffektData", targets: ["EffektData"]),
        .library(name: "EffektEstimators", targets: ["EffektEstimators"]),
    ],
    targets: [
        // LAPACKE + OpenBLAS from Debian (liblapacke-dev, libopenblas-dev).
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "libopenblas-dev"])]
        ),
        .target(name: "EffektNumerics", dependencies: ["CLapack"], exclude: ["README.md"]),
        .target(name: "EffektData", dependencies: ["EffektNumerics"]),
        .target(name: "EffektEstimators", dependencies: ["EffektNumerics"]),
        .executableTarget(name: "effekt", dependencies: ["EffektNumerics", "EffektData"]),
        .executableTarget(name: "effekt-bench", dependencies: ["EffektNumerics", "EffektData", "EffektEstimators"], path: "Sources/effekt-bench"),
        // Shared by the test targets: locating fixtures under Tests/Fixtures, tolerance checks.
        .target(name: "EffektTestSupport", dependencies: ["EffektNumerics"], path: "Tests/EffektTestSupport"),
        .testTarget(name: "EffektNumericsTests", dependencies: ["EffektNumerics", "EffektTestSupport"]),
        .testTarget(name: "EffektDataTests", dependencies: ["EffektData", "EffektTestSupport"]),
        .testTarget(name: "EffektEstimatorsTests", dependencies: ["EffektEstimators", "EffektTestSupport"]),
    ]
)
