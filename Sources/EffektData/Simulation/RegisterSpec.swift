import Foundation

/// The `spec.json` and `insatser.csv` of a simulated register.
enum RegisterSpec {
    static let personsColumns = ["person_id", "fodelsear", "kon", "utrikes_fodd", "utbildning", "stadsdel", "hushallstyp", "forsorjningshinder"]
    static let paymentsColumns = ["person_id", "manad", "belopp_kr"]
    static let episodesColumns = ["person_id", "insats", "startdatum", "slutdatum", "avslutsorsak"]
    static let catalogueColumns = ["kod", "namn", "kostnad_per_deltagare", "kostnad_per_manad"]

    static func header(_ columns: [String]) -> [UInt8] { Array((columns.joined(separator: ";") + "\n").utf8) }

    static func datasetSpec(_ settings: SimulationSettings, insatser: [SimulatedInsats]) -> DatasetSpec {
        func file(_ path: String, _ roles: [String], _ columns: [String]) -> FileSpec {
            FileSpec(path: path, columns: Dictionary(uniqueKeysWithValues: zip(roles, columns)), delimiter: ";", decimal: ",",
                     encoding: settings.encoding.rawValue)
        }
        let files = DatasetSpec.Files(
            persons: file("persons.csv", ["id", "birth_year", "sex", "born_abroad", "education", "district", "household", "hinder"],
                          personsColumns),
            payments: file("payments.csv", ["id", "month", "amount"], paymentsColumns),
            episodes: file("episodes.csv", ["id", "insats", "start", "end", "exit_reason"], episodesColumns),
            catalogue: file("insatser.csv", ["code", "name", "cost_per_participant", "cost_per_month"], catalogueColumns))
        func book(_ pairs: [(String, String)]) -> [String: String] { Dictionary(uniqueKeysWithValues: pairs) }
        let codebooks: [String: [String: String]] = [
            "insats": book(insatser.map { ($0.code, $0.name) }),
            "district": book(Population.districts.map { ($0.code, $0.name) }),
            "hinder": book(Population.hinders.map { ($0.code, $0.label) }),
            "hinder_group": book(Population.hinders.map { ($0.code, Population.hinderGroups[$0.group].name) }),
            "sex": book(Population.sexes.map { ($0.code, $0.name) }),
            "born_abroad": book(Population.bornAbroadCodes.map { ($0.code, $0.name) }),
            "education": book(Population.educations.map { ($0.code, $0.name) }),
            "household": book(Population.households.map { ($0.code, $0.name) }),
            "exit_reason": book(ExitReasons.codes.map { ($0.code, $0.name) }),
        ]
        let window = StudyWindow(firstMonth: settings.firstMonth, lastMonth: settings.firstMonth + Int32(settings.months - 1))
        return DatasetSpec(name: "Simulerat register (effekt simulate, \(settings.persons) personer, \(settings.months) månader, seed \(settings.seed))",
                           window: window, files: files, codebooks: codebooks, missing: [""])
    }

    static func specJSON(_ settings: SimulationSettings, insatser: [SimulatedInsats]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(datasetSpec(settings, insatser: insatser))
        data.append(10)
        return data
    }

    /// `insatser.csv` text (UTF-8 before any re-encoding).
    static func catalogueText(_ insatser: [SimulatedInsats]) -> String {
        func kronor(_ value: Double?) -> String {
            guard let value else { return "" }
            var b = ByteBuffer()
            b.append(ore: Int64((value * 100).rounded()))
            return String(decoding: b.bytes, as: UTF8.self)
        }
        var text = catalogueColumns.joined(separator: ";") + "\n"
        for insats in insatser {
            text += "\(insats.code);\(insats.name);\(kronor(insats.costPerParticipant));\(kronor(insats.costPerMonth))\n"
        }
        return text
    }
}
