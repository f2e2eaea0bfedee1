import Foundation
import Testing
@testable import EffektData

@Suite struct SimulationOutputTests {
    let directory = SimulatedRegisters.calibration.directory

    func spec() throws -> DatasetSpec {
        try JSONDecoder().decode(DatasetSpec.self, from: Data(contentsOf: directory.appendingPathComponent("spec.json")))
    }

    @Test func specDecodesAndMatchesTheFiles() throws {
        let spec = try spec()
        #expect(MonthText.format(spec.window.firstMonth) == "2016-01")
        #expect(spec.window.count == 72)
        for file in [spec.files.persons, spec.files.payments, spec.files.episodes, spec.files.catalogue] {
            #expect(file.delimiter == ";" && file.decimal == "," && file.encoding == "utf-8")
            let header = SimulatedRegisters.rows(directory, file.path).header.split(separator: ";").map(String.init)
            #expect(Set(file.columns.values) == Set(header), "\(file.path)")
        }
        #expect(spec.files.persons.columns["hinder"] == "forsorjningshinder")
        #expect(spec.files.catalogue.columns["cost_per_month"] == "kostnad_per_manad")
        #expect(spec.codebooks?["district"]?["03"] == "Spånga-Tensta")
    }

    @Test func everyCodeIsInItsCodebook() throws {
        let books = try spec().codebooks!
        let persons = SimulatedRegisters.rows(directory, "persons.csv")
        #expect(persons.header == "person_id;fodelsear;kon;utrikes_fodd;utbildning;stadsdel;hushallstyp;forsorjningshinder")
        for (column, book) in [(2, "sex"), (3, "born_abroad"), (4, "education"), (5, "district"), (6, "household"), (7, "hinder"), (7, "hinder_group")] {
            let codes = Set(persons.rows.map { String($0[column]) })
            #expect(codes.isSubset(of: Set(books[book]!.keys)), "\(book): \(codes.subtracting(books[book]!.keys))")
        }
        let episodes = SimulatedRegisters.rows(directory, "episodes.csv")
        #expect(episodes.header == "person_id;insats;startdatum;slutdatum;avslutsorsak")
        #expect(Set(episodes.rows.map { String($0[1]) }) == Set(books["insats"]!.keys), "every insats has episodes")
        let reasons = Set(episodes.rows.map { String($0[4]) }.filter { !$0.isEmpty })
        #expect(reasons.isSubset(of: Set(books["exit_reason"]!.keys)))
        let catalogue = SimulatedRegisters.rows(directory, "insatser.csv")
        #expect(catalogue.header == "kod;namn;kostnad_per_deltagare;kostnad_per_manad")
        #expect(Set(catalogue.rows.map { String($0[0]) }) == Set(books["insats"]!.keys))
        #expect(catalogue.rows.first { $0[0] == "SJOBB" }?[3] == "18500,00")
        #expect(catalogue.rows.first { $0[0] == "CV" }?[2] == "10000,00")
    }

    @Test func paymentsArePseudonymousSortedAndSwedishFormatted() throws {
        let persons = SimulatedRegisters.rows(directory, "persons.csv").rows
        let ids = persons.map { Int($0[0])! }
        #expect(Set(ids).count == ids.count)
        #expect(ids.min()! > 20_000 && ids != ids.sorted(), "ids are not 1…N in order")
        let payments = SimulatedRegisters.rows(directory, "payments.csv")
        #expect(payments.header == "person_id;manad;belopp_kr")
        let known = Set(ids.map { Substring(String($0)) })
        var previous: (Substring, Substring) = ("", "")
        var seen = Set<Substring>()
        for row in payments.rows.prefix(200_000) {
            #expect(row.count == 3)
            #expect(known.contains(row[0]))
            let month = row[1], amount = row[2]
            #expect(month.count == 7 && month.dropFirst(4).first == "-" && month >= "2016-01" && month <= "2021-12")
            let parts = amount.split(separator: ",")
            #expect(parts.count == 2 && parts[1].count == 2 && parts[0].allSatisfy(\.isNumber) && Int(parts[0])! >= 100)
            if row[0] == previous.0 { #expect(month > previous.1) } else { #expect(!seen.contains(row[0])); seen.insert(row[0]) }
            previous = (row[0], month)
        }
    }

    @Test func everyStartInTheFilesFollowsAMonthWithAPayment() {
        var paidMonths = Set<String>()
        for row in SimulatedRegisters.rows(directory, "payments.csv").rows { paidMonths.insert("\(row[0]);\(row[1])") }
        let episodes = SimulatedRegisters.rows(directory, "episodes.csv").rows
        var open = 0
        for row in episodes {
            let year = Int(row[2].prefix(4))!, month = Int(row[2].dropFirst(5).prefix(2))!
            let previous = month == 1 ? String(format: "%04d-12", year - 1) : String(format: "%04d-%02d", year, month - 1)
            #expect(paidMonths.contains("\(row[0]);\(previous)"), "start \(row[2]) of \(row[0]) without a payment in \(previous)")
            if row[3].isEmpty { open += 1; #expect(row[4].isEmpty) } else { #expect(row[3] >= row[2] && row[3].count == 10) }
        }
        #expect(open > 0 && open < episodes.count)
    }

    @Test func truthJSONHasTheAgreedShape() throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("truth.json"))) as! [String: Any]
        #expect((object["definition"] as? String)?.contains("start now vs not now") == true)
        #expect(object["seed"] as? Int == 1)
        let list = object["insatser"] as! [[String: Any]]
        #expect(list.count == InsatsCatalogue.all.count)
        for item in list {
            #expect(Set((item["cumulative_att"] as! [String: Double]).keys) == ["6", "12", "18", "24"])
            #expect((item["monthly_att"] as! [Double]).count == 36)
            #expect((item["monthly_att_receipt"] as! [Double]).count == 36)
            #expect((item["participants"] as! Int) > 0)
        }
    }

    @Test func windows1252EncodesTheLabels() throws {
        let run = SimulatedRegisters.write(persons: 200, months: 30, seed: 2, workers: 2, encoding: .windows1252)
        let utf8 = SimulatedRegisters.write(persons: 200, months: 30, seed: 2, workers: 2)
        defer { SimulatedRegisters.remove(run.directory, utf8.directory) }
        let bytes = try Data(contentsOf: run.directory.appendingPathComponent("insatser.csv"))
        #expect(bytes.contains(0xE5))     // å
        #expect(!bytes.contains(0xC3))    // no UTF-8 lead byte
        let text = String(data: bytes, encoding: .windowsCP1252)
        #expect(text == (try String(contentsOf: utf8.directory.appendingPathComponent("insatser.csv"), encoding: .utf8)))
        let spec = try JSONDecoder().decode(DatasetSpec.self, from: Data(contentsOf: run.directory.appendingPathComponent("spec.json")))
        #expect(spec.files.catalogue.encoding == "windows-1252")
        for name in ["persons.csv", "payments.csv", "episodes.csv"] {
            #expect(try Data(contentsOf: run.directory.appendingPathComponent(name)) == Data(contentsOf: utf8.directory.appendingPathComponent(name)))
        }
    }

    @Test func byteFormatting() {
        var b = ByteBuffer()
        b.append(ore: 451_250); b.append(59); b.append(ore: 5); b.append(59); b.append(ore: 100_000_000)
        b.append(59); b.append(integer: 7, width: 2); b.append(59); b.append(integer: 2016, width: 4); b.append(59); b.append(integer: 0)
        #expect(String(decoding: b.bytes, as: UTF8.self) == "4512,50;0,05;1000000,00;07;2016;0")
        #expect(CalendarText.label(2019 * 12 + 2) == "2019-03")
    }

    @Test func rejectsImpossibleSettings() {
        #expect(throws: SimulationError.self) { try RegisterSimulator(SimulationSettings(persons: 0, months: 12, seed: 1)) }
        #expect(throws: SimulationError.self) { try RegisterSimulator(SimulationSettings(persons: 10, months: 0, seed: 1)) }
        #expect(throws: SimulationError.self) { try RegisterSimulator(SimulationSettings(persons: 10, months: 5_000, seed: 1)) }
    }
}
