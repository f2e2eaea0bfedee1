import EffektNumerics
import Foundation

/// What `effekt simulate` is asked for.
public struct SimulationSettings: Sendable, Equatable {
    public enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "utf-8"
        case windows1252 = "windows-1252"
    }

    public var persons: Int
    public var months: Int
    public var seed: UInt64
    /// Month code (year·12 + month − 1) of the window's first month.
    public var firstMonth: Int32
    public var encoding: Encoding
    /// Threads; the output does not depend on it.
    public var workers: Int

    /// Persons per chunk: fixed, so chunk boundaries depend on nothing but the person index.
    public static let chunkSize = 1_000
    /// The most months a window may have (month numbers share the stream index with purposes).
    public static let maximumMonths = 1_200

    public init(persons: Int, months: Int, seed: UInt64, firstMonth: Int32 = 2016 * 12,
                encoding: Encoding = .utf8, workers: Int = Parallel.defaultWorkers) {
        self.persons = persons
        self.months = months
        self.seed = seed
        self.firstMonth = firstMonth
        self.encoding = encoding
        self.workers = workers
    }

    /// Throws when the settings cannot be simulated.
    public func validate() throws {
        guard persons >= 1 else { throw SimulationError.invalidSetting("persons must be at least 1, got \(persons)") }
        guard persons <= 1 << 40 else { throw SimulationError.invalidSetting("persons must be at most 2^40") }
        guard (1...Self.maximumMonths).contains(months) else {
            throw SimulationError.invalidSetting("months must be between 1 and \(Self.maximumMonths), got \(months)")
        }
        guard firstMonth >= 1900 * 12, firstMonth + Int32(months) <= 10_000 * 12 else {
            throw SimulationError.invalidSetting("the window must lie within the years 1900–9999")
        }
        guard workers >= 1 else { throw SimulationError.invalidSetting("workers must be at least 1") }
    }
}

public enum SimulationError: Error, CustomStringConvertible {
    case invalidSetting(String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidSetting(text): return "simulate: \(text)"
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        }
    }
}
