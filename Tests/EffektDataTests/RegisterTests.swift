import EffektData
import Foundation
import Testing

/// A small register written to a temporary folder, with the problems `validate` must find.
struct RegisterFixture {
    let folder: URL

    init(persons: String, payments: String, episodes: String, catalogue: String, window: (String, String) = ("2019-01", "2021-12")) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-register-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try persons.write(to: folder.appendingPathComponent("persons.csv"), atomically: true, encoding: .utf8)
        try payments.write(to: folder.appendingPathComponent("payments.csv"), atomically: true, encoding: .utf8)
        try episodes.write(to: folder.appendingPathComponent("episodes.csv"), atomically: true, encoding: .utf8)
        try catalogue.write(to: folder.appendingPathComponent("insatser.csv"), atomically: true, encoding: .utf8)
        let spec = """
        {"name": "test", "window": {"first_month": "\(window.0)", "last_month": "\(window.1)"},
         "files": {
           "persons": {"path": "persons.csv", "columns": {"id": "person_id", "birth_year": "fodelsear", "sex": "kon", "district": "stadsdel", "hinder": "hinder"}},
           "payments": {"path": "payments.csv", "decimal": ",", "columns": {"id": "person_id", "month": "manad", "amount": "belopp_kr"}},
           "episodes": {"path": "episodes.csv", "columns": {"id": "person_id", "insats": "insats", "start": "startdatum", "end": "slutdatum", "exit_reason": "avslutsorsak"}},
           "catalogue": {"path": "insatser.csv", "decimal": ",", "columns": {"code": "kod", "name": "namn", "cost_per_participant": "kostnad"}}},
         "codebooks": {"district": {"01": "Rinkeby-Kista", "02": "Spånga-Tensta"}, "exit_reason": {"10": "Arbete", "99": "Okänd"}}}
        """
        try spec.write(to: folder.appendingPathComponent("spec.json"), atomically: true, encoding: .utf8)
    }

    var specURL: URL { folder.appendingPathComponent("spec.json") }

    func build() throws -> (Register?, ValidationReport) {
        let spec = try DatasetSpec.load(specURL)
        let tables = try RegisterTables.read(spec: spec, base: folder, threads: 1)
        return Register.build(from: tables)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite struct RegisterTests {
    static let persons = "person_id;fodelsear;kon;stadsdel;hinder\n101;1980;K;01;01\n102;1990;M;02;23\n103;1975;K;01;10\n"
    static let catalogue = "kod;namn;kostnad\nAT;Arbetsträning;50000\nSJ;Stockholmsjobb;25000\n"

    @Test func aCleanRegisterBuildsItsPanel() throws {
        let fixture = try RegisterFixture(
            persons: Self.persons,
            payments: "person_id;manad;belopp_kr\n101;2019-01;4512,50\n101;2019-02;4000\n102;201903;3000,25\n",
            episodes: "person_id;insats;startdatum;slutdatum;avslutsorsak\n101;AT;2019-03-15;2019-09-30;10\n102;SJ;2020-01-02;;\n",
            catalogue: "kod;namn;kostnad\nAT;Arbetsträning;50000\nSJ;Stockholmsjobb;25000\n")
        defer { fixture.remove() }
        let (register, report) = try fixture.build()
        #expect(!report.hasErrors, "\(report.findings)")
        let r = try #require(register)
        #expect(r.panel.persons == 3 && r.panel.months == 36)
        #expect(r.panel.kronor(0, 0) == 4512.5 && r.panel.kronor(0, 1) == 4000 && r.panel.kronor(1, 2) == 3000.25)
        #expect(r.panel.kronorSum(0, 0, 3) == 8512.5)
        #expect(r.panel.monthsOnAssistance(0, 0, 12) == 2)
        #expect(r.panel.firstStart(insats: 0, person: 0) == 2)        // AT in 2019-03
        #expect(r.panel.firstStart(insats: 1, person: 1) == 12)       // SJ in 2020-01
        #expect(r.panel.firstStart(insats: 0, person: 2) == PersonMonthPanel.never)
        #expect(r.catalogue.map(\.code) == ["AT", "SJ"])
        #expect(r.catalogue[0].costPerParticipant == 50000)
        #expect(r.episodes.endDay[1] == EpisodeList.open)
        let history = r.panel.history(0, before: 3)
        #expect(history.kronorLast3 == 8512.5 && history.monthsLast12 == 2)
        let variables = r.covariates(persons: [0, 1], months: [12, 24])
        guard case let .numeric(age, _)? = variables.variable(named: "age") else { Issue.record("no age"); return }
        #expect(age == [40, 31])    // 2020 − 1980, 2021 − 1990
        guard case let .categorical(codes, levels)? = variables.variable(named: "hinder_group") else { Issue.record("no hinder group"); return }
        #expect(codes.map { levels[Int($0)] } == ["arbetslöshet", "social/medicinsk"])
    }

    @Test func validationFindsEveryKindOfProblemWithLines() throws {
        let fixture = try RegisterFixture(
            persons: Self.persons + "101;1981;K;03;01\n",
            payments: "person_id;manad;belopp_kr\n101;2019-01;4512,50\n101;2019-01;100\n999;2019-02;10\n102;2019-03;-5\n103;2024-01;100\n",
            episodes: "person_id;insats;startdatum;slutdatum;avslutsorsak\n101;AT;2019-05-01;2019-03-01;10\n102;XX;2020-01-01;;\n103;AT;2019-01-01;2019-06-30;77\n103;AT;2019-06-01;2019-12-31;99\n",
            catalogue: Self.catalogue)
        defer { fixture.remove() }
        let (register, report) = try fixture.build()
        #expect(register == nil)
        func finding(_ code: String, _ file: String) -> ValidationReport.Finding? {
            report.findings.first { $0.code == code && $0.file == file }
        }
        #expect(finding("duplicate-person", "persons.csv")?.exampleLines == [5])
        #expect(finding("unknown-code", "persons.csv")?.exampleLines == [5])             // district 03
        #expect(finding("duplicate-person-month", "payments.csv")?.exampleLines == [3])
        #expect(finding("unknown-id", "payments.csv")?.exampleLines == [4])
        #expect(finding("negative-amount", "payments.csv")?.exampleLines == [5])
        #expect(finding("negative-amount", "payments.csv")?.column == 3)
        #expect(finding("outside-window", "payments.csv")?.severity == .warning)
        #expect(finding("end-before-start", "episodes.csv")?.exampleLines == [2])
        #expect(finding("unknown-insats", "episodes.csv")?.exampleLines == [3])
        #expect(finding("overlapping-episodes", "episodes.csv")?.exampleLines == [5])
        #expect(finding("unknown-code", "episodes.csv")?.exampleLines == [4])            // exit reason 77
        #expect(report.errorCount == 6)
    }

    @Test func specProblemsNameTheKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-spec-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"window": {"first_month": "2019-01", "last_month": "2020-13"}, "files": {}}"#.write(to: folder, atomically: true, encoding: .utf8)
        do {
            _ = try DatasetSpec.load(folder)
            Issue.record("a bad spec was accepted")
        } catch {
            #expect("\(error)".contains("window.last_month") && "\(error)".contains("2020-13"), "\(error)")
        }
    }

    @Test func aMissingFileIsNamed() throws {
        let fixture = try RegisterFixture(persons: Self.persons, payments: "x", episodes: "x", catalogue: Self.catalogue)
        defer { fixture.remove() }
        try FileManager.default.removeItem(at: fixture.folder.appendingPathComponent("payments.csv"))
        #expect(throws: DataError.self) { try fixture.build() }
        do { _ = try fixture.build() } catch { #expect("\(error)".contains("payments file named in the spec does not exist"), "\(error)") }
    }
}
