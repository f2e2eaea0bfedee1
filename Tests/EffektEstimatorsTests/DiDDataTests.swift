import EffektEstimators
import EffektNumerics
import EffektTestSupport
import Foundation
import Testing

/// A plain numeric CSV with a header, as columns by name (enough for mpdta.csv and
/// unbalanced_panel.csv).
struct NumericCSV {
    let columns: [String: [Double]]

    init(_ url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
        var cols = [[Double]](repeating: [], count: header.count)
        for line in lines where !line.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            for (j, f) in fields.enumerated() { cols[j].append(Double(f)!) }
        }
        columns = Dictionary(uniqueKeysWithValues: zip(header, cols))
    }

    subscript(_ name: String) -> [Double] { columns[name]! }
    func ints(_ name: String) -> [Int] { columns[name]!.map { Int($0) } }
}

enum DiDData {
    static func mpdta() throws -> PanelData {
        let csv = try NumericCSV(Fixtures.datasetURL("mpdta.csv"))
        return try PanelData(unit: csv.ints("countyreal"), time: csv.ints("year"), outcome: csv["lemp"],
                             group: csv.ints("first.treat"),
                             covariates: [("lpop", csv["lpop"]), ("treat", csv["treat"])],
                             names: .init(unit: "countyreal", time: "year", outcome: "lemp", group: "first.treat"))
    }

    static func unbalanced() throws -> PanelData {
        let csv = try NumericCSV(Fixtures.url("did/unbalanced_panel.csv"))
        return try PanelData(unit: csv.ints("unit"), time: csv.ints("period"), outcome: csv["y"], group: csv.ints("cohort"),
                             covariates: [("x", csv["x"]), ("Dcsv", csv["D"])],
                             names: .init(unit: "unit", time: "period", outcome: "y", group: "cohort"))
    }

    static func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let e as EstimationError { return e.message } catch { return "\(error)" }
        return nil
    }
}

@Suite struct DiDDataTests {
    @Test func mpdtaLoadsAsBalancedPanel() throws {
        let p = try DiDData.mpdta()
        #expect(p.rowCount == 2500)
        #expect(p.unitCount == 500)
        #expect(p.periods == [2003, 2004, 2005, 2006, 2007])
        #expect(p.isBalanced)
        #expect(Set(p.groups) == [0, 2004, 2006, 2007])
        #expect(p.groups.filter { $0 == 2004 }.count == 20)
        #expect(p.firstTimeVaryingCovariate(among: ["lpop"]) == nil)
    }

    @Test func unsortedInputIsSortedAndRowsAreReportedInInputOrder() throws {
        // Rows given out of order: the panel sorts them; a NaN is reported at its input row.
        let p = try PanelData(unit: [2, 1, 2, 1], time: [2, 2, 1, 1], outcome: [4, 2, 3, 1], group: [0, 0, 0, 0])
        #expect(p.unitIDs == [1, 2])
        #expect(!(DiDData.message {
            _ = try PanelData(unit: [2, 1, 2, 1], time: [2, 2, 1, 1], outcome: [4, 2, .nan, 1], group: [0, 0, 0, 0])
        } ?? "").isEmpty)
        let nan = DiDData.message {
            _ = try PanelData(unit: [2, 1, 2, 1], time: [2, 2, 1, 1], outcome: [4, 2, 3, 1], group: [0, 0, 0, 0],
                              covariates: [("age", [30, 40, .infinity, 50])])
        }
        #expect(nan?.contains("'age' is inf at row 3 (unit 2, time 1)") == true)
    }

    @Test func duplicateUnitPeriodIsRefusedWithBothRows() {
        let sorted = DiDData.message {
            _ = try PanelData(unit: [1, 1, 1], time: [1, 2, 2], outcome: [1, 2, 3], group: [0, 0, 0])
        }
        #expect(sorted == "unit 1 has two rows for time 2 (rows 2 and 3): each unit may appear once per period")
        let unsorted = DiDData.message {
            _ = try PanelData(unit: [1, 2, 1, 1], time: [2, 1, 1, 2], outcome: [1, 2, 3, 4], group: [0, 0, 0, 0])
        }
        #expect(unsorted == "unit 1 has two rows for time 2 (rows 1 and 4): each unit may appear once per period")
    }

    @Test func groupMustBeConstantWithinUnitAndNonNegative() {
        let changing = DiDData.message {
            _ = try PanelData(unit: [1, 1, 2, 2], time: [1, 2, 1, 2], outcome: [1, 2, 3, 4], group: [2, 3, 0, 0])
        }
        #expect(changing?.contains("'group' of unit 1 changes over time (2, then 3 at row 2)") == true)
        let negative = DiDData.message {
            _ = try PanelData(unit: [1, 1], time: [1, 2], outcome: [1, 2], group: [-1, -1])
        }
        #expect(negative?.contains("'group' is -1 at row 1") == true)
        let lengths = DiDData.message {
            _ = try PanelData(unit: [1, 1], time: [1], outcome: [1, 2], group: [0, 0])
        }
        #expect(lengths?.contains("'time' has 1 values but 'unit' has 2") == true)
    }

    @Test func shuffledRowsGiveTheSameEstimates() throws {
        // The radix sort puts rows back in (unit, period) order: identical fits.
        let csv = try NumericCSV(Fixtures.datasetURL("mpdta.csv"))
        var order = Array(0..<2500)
        var stream = RandomStream(seed: 1, stream: 0)
        stream.shuffle(&order)
        func pick<T>(_ a: [T]) -> [T] { order.map { a[$0] } }
        let shuffled = try PanelData(unit: pick(csv.ints("countyreal")), time: pick(csv.ints("year")), outcome: pick(csv["lemp"]),
                                     group: pick(csv.ints("first.treat")), covariates: [("lpop", pick(csv["lpop"]))])
        let sorted = try DiDData.mpdta()
        #expect(shuffled.unitIDs == sorted.unitIDs && shuffled.periods == sorted.periods)
        let a = try TWFE.fit(shuffled), b = try TWFE.fit(sorted)
        #expect(a["D"]?.estimate == b["D"]?.estimate && a["D"]?.standardError == b["D"]?.standardError)
        let spec = GroupTimeATTSpecification(covariates: ["lpop"])
        let ca = try CallawaySantAnna(panel: shuffled, specification: spec).estimate()
        let cb = try CallawaySantAnna(panel: sorted, specification: spec).estimate()
        #expect(ca.cells == cb.cells)
        // A NaN in the shuffled input is reported at its input row.
        var y = pick(csv["lemp"])
        y[1234] = .nan
        let message = DiDData.message {
            _ = try PanelData(unit: pick(csv.ints("countyreal")), time: pick(csv.ints("year")), outcome: y, group: pick(csv.ints("first.treat")))
        }
        #expect(message?.hasPrefix("'y' is nan at row 1235 (unit ") == true)
    }

    @Test func timeVaryingCovariateIsFound() throws {
        let p = try PanelData(unit: [1, 1, 2, 2], time: [1, 2, 1, 2], outcome: [1, 2, 3, 4], group: [0, 0, 2, 2],
                              covariates: [("sex", [1, 1, 0, 0]), ("age", [30, 30, 40, 41])])
        #expect(p.firstTimeVaryingCovariate(among: ["sex", "age"])?.name == "age")
        #expect(p.firstTimeVaryingCovariate(among: ["sex", "age"])?.unit == 2)
    }
}
