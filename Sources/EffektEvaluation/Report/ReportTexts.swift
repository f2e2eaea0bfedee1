import EffektEstimators
import EffektReports

/// Every word of the evaluation report in the report's language. Sections ask for texts here and
/// never spell out Swedish or English themselves, so the two reports have the same structure and
/// a translation is one place to read. Numbers arrive already formatted (see `ReportContext`).
struct ReportTexts {
    let language: ReportLanguage

    private func pick(_ swedish: String, _ english: String) -> String {
        language == .swedish ? swedish : english
    }

    // MARK: Document

    var markdownFileName: String { pick("rapport.md", "report.md") }
    var htmlFileName: String { pick("rapport.html", "report.html") }
    var title: String { pick("Insatsernas effekt på försörjningsstödet", "The effect of the insatser on social assistance") }

    func subtitle(dataset: String, window: String, insatser: Int) -> String {
        pick("Data: \(dataset), \(window). \(insatser) insatser utvärderade.",
             "Data: \(dataset), \(window). \(insatser) insatser evaluated.")
    }

    var summaryHeading: String { pick("Sammanfattning", "Summary") }
    var perInsatsHeading: String { pick("Per insats", "Per insats") }
    var methodHeading: String { pick("Metod", "Method") }

    func monthName(_ month: Int) -> String {
        let swedish = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
                       "november", "december"]
        let english = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                       "November", "December"]
        return pick(swedish[month - 1], english[month - 1])
    }

    func window(from first: String, to last: String) -> String {
        pick("\(first) – \(last)", "\(first) – \(last)")
    }

    // MARK: Shared words

    /// "sannolikt mellan 1 200 och 7 800 kr", from the formatted range "mellan 1 200 och 7 800 kr".
    func likely(_ range: String) -> String { pick("sannolikt \(range)", "likely \(range)") }
    func months(_ count: String) -> String { pick("\(count) mån", "\(count) mo") }
    func monthsLong(_ count: Int) -> String { pick(count == 1 ? "1 månad" : "\(count) månader", count == 1 ? "1 month" : "\(count) months") }
    var monthsUnit: String { pick("mån", "months") }
    /// An interval in a table cell: "−21 200 till −16 900".
    func interval(_ lower: String, _ upper: String) -> String { pick("\(lower) till \(upper)", "\(lower) to \(upper)") }

    // MARK: Footnotes

    var nonFiniteFootnote: Footnote {
        Footnote(id: "ej-beraknad", text: pick("Kan inte beräknas: variabeln varierar inte bland deltagarna.",
                                               "Cannot be computed: the variable does not vary among participants."))
    }

    var unknownCostFootnote: Footnote {
        Footnote(id: "kostnad-okand", text: pick("Insatsens kostnad saknas i insatskatalogen; netto och lönsamhet kan inte beräknas.",
                                                 "The insats has no cost in the catalogue; net savings and break-even cannot be computed."))
    }

    var notEstimatedFootnote: Footnote {
        Footnote(id: "ej-skattad", text: pick("Ingen skattning: för få personer i delgruppen för att skatta, eller skattningen misslyckades.",
                                              "No estimate: too few persons in the subgroup to estimate, or the estimation failed."))
    }

    func failedFootnote(code: String, reason: String) -> Footnote {
        Footnote(id: "fel-\(code)", text: pick("Kunde inte skattas: \(reason)", "Could not be estimated: \(reason)"))
    }

    // MARK: Summary

    var summaryInsats: String { "Insats" }
    var summaryParticipants: String { pick("Deltagare", "Participants") }
    var summaryCost: String { pick("Kostnad", "Cost") }
    func summarySaving(_ horizon: Int) -> String { pick("Besparing \(horizon) mån", "Saving \(horizon) months") }
    func summaryNet(_ horizon: Int) -> String { pick("Netto \(horizon) mån", "Net \(horizon) months") }
    var summaryBreakEven: String { pick("Lönar sig efter", "Pays off after") }
    func summaryReduction(_ horizon: Int) -> String { pick("Minskning av försörjningsstödet, \(horizon) mån", "Reduction in social assistance, \(horizon) months") }
    var summaryPerYear: String { pick("Netto per år", "Net per year") }
    var summaryVerdict: String { pick("Slutsats", "Conclusion") }
    var totalRow: String { pick("**Totalt**", "**Total**") }

    func verdict(_ verdict: Verdict) -> String {
        switch verdict {
        case .paysOff: pick("Lönar sig", "Pays off")
        case .reduces: pick("Minskar kostnaderna", "Reduces costs")
        case .increases: pick("Ökar kostnaderna", "Increases costs")
        case .uncertain: pick("Osäkert", "Uncertain")
        }
    }

    func tooFew(_ count: String) -> String { pick("För få deltagare (\(count))", "Too few participants (\(count))") }
    var tooFewSuppressed: String { pick("För få deltagare", "Too few participants") }
    var failed: String { pick("Kunde inte skattas", "Could not be estimated") }

    func breakEven(point: Int, earliest: Int?, latest: Int?, horizon: Int) -> String {
        let lo = earliest ?? point
        switch latest {
        case let hi? where hi == lo: return pick("\(point) mån", "\(point) months")
        case let hi?: return pick("\(point) mån (sannolikt \(lo)–\(hi))", "\(point) months (likely \(lo)–\(hi))")
        case nil: return pick("\(point) mån (tidigast \(lo), kanske inte inom \(horizon))",
                              "\(point) months (at the earliest \(lo), perhaps not within \(horizon))")
        }
    }

    func noBreakEven(horizon: Int, earliest: Int?) -> String {
        guard let earliest else { return pick("Inte inom \(horizon) mån", "Not within \(horizon) months") }
        return pick("Inte inom \(horizon) mån (i bästa fall efter \(earliest))", "Not within \(horizon) months (at best after \(earliest))")
    }

    func summaryTableNote(longHorizon: Int) -> String {
        pick("Alla belopp per deltagare. *Besparing*: hur mycket mindre försörjningsstöd en deltagare fick jämfört med liknande personer som inte började "
             + "insatsen samma månad (negativt = mer). *Netto*: besparing minus insatsens kostnad per deltagare (negativt = insatsen "
             + "kostar mer än den sparar). *Sannolikt mellan*: 95 procents osäkerhetsintervall. *Lönar sig efter*: första månaden "
             + "då besparingen täcker kostnaden. *Slutsats*, utifrån osäkerhetsintervallen efter \(longHorizon) månader: *Lönar sig* om nettot "
             + "tydligt är positivt, *Minskar kostnaderna* om besparingen tydligt är positiv, *Ökar kostnaderna* om den tydligt är "
             + "negativ, annars *Osäkert*. *Tydligt* betyder också att effekten håller när man tar hänsyn till att flera insatser "
             + "prövas samtidigt (Holms justering): annars ser ungefär en insats av tjugo tydlig ut av en slump.",
             "All amounts per participant. *Saving*: how much less social assistance a participant received than similar people who did not start the "
             + "insats in the same month (negative = more). *Net*: saving minus the insats's cost per participant (negative = the "
             + "insats costs more than it saves). *Likely between*: 95% uncertainty interval. *Pays off after*: the first month "
             + "in which the saving covers the cost. *Conclusion*, from the uncertainty intervals after \(longHorizon) months: *Pays off* when "
             + "the net is clearly positive, *Reduces costs* when the saving is clearly positive, *Increases costs* when it is "
             + "clearly negative, otherwise *Uncertain*. *Clearly* also means that the effect holds when allowing for several "
             + "insatser being tested at once (Holm's adjustment): otherwise about one insats in twenty looks clear by chance.")
    }

    var summaryPerYearParticipants: String { pick("Deltagare per år", "Participants per year") }

    func yearTableNote(longHorizon: Int) -> String {
        pick("*Netto per år*: netto per deltagare efter \(longHorizon) månader gånger antalet deltagare per år i dessa data. *Minskning*: "
             + "försörjningsstödet till deltagarna jämfört med hur det sannolikt hade blivit utan insatsen (negativt = ökning); "
             + "stadens budget för 2008 räknade med 10\u{00A0}% färre mottagare.",
             "*Net per year*: net per participant after \(longHorizon) months times participants per year in these data. *Reduction*: "
             + "participants' social assistance against what it would likely have been without the insats (negative = increase); "
             + "the city's 2008 budget assumed 10% fewer recipients.")
    }

    /// One sentence: which insatser clearly reduce costs (and pay off), which increase them, and
    /// how many are uncertain.
    func countsSentence(estimated: Int, reduces: [String], paysOff: [String], increases: [String], longHorizon: Int) -> String {
        // More than three names make the sentence unreadable: then a count, and the table names them.
        func list(_ names: [String]) -> String {
            guard names.count <= 3 else {
                return pick("\(names.count) av de \(estimated) insatserna", "\(names.count) of the \(estimated) insatser")
            }
            guard names.count > 1 else { return names.first ?? "" }
            return names.dropLast().joined(separator: ", ") + listAnd + names.last!
        }
        let uncertain = estimated - reduces.count - increases.count
        var sentence: String
        if language == .swedish {
            if reduces.isEmpty {
                sentence = estimated == 1 ? "Insatsen minskar inte tydligt kostnaderna inom \(longHorizon) månader"
                    : "Ingen av de \(estimated) insatserna minskar tydligt kostnaderna inom \(longHorizon) månader"
            } else {
                sentence = "\(list(reduces)) minskar tydligt kostnaderna för försörjningsstöd inom \(longHorizon) månader"
                if paysOff.isEmpty {
                    sentence += reduces.count == 1 ? ", men sparar inte tydligt mer än \(reduces.count == 1 ? "den" : "de") kostar"
                        : ", men ingen av dem sparar tydligt mer än den kostar"
                } else if paysOff.count == reduces.count {
                    sentence += " och sparar mer än \(paysOff.count == 1 ? "den" : "de") kostar"
                } else {
                    sentence += "; \(list(paysOff)) sparar också mer än \(paysOff.count == 1 ? "den" : "de") kostar"
                }
            }
            if !increases.isEmpty { sentence += "; \(list(increases)) ökar kostnaderna" }
            if uncertain > 0 && estimated > 1 {
                sentence += "; för \(uncertain == 1 ? "en insats" : "\(uncertain) insatser") är det osäkert om kostnaderna minskar eller ökar"
            }
        } else {
            if reduces.isEmpty {
                sentence = estimated == 1 ? "The insats does not clearly reduce costs within \(longHorizon) months"
                    : "None of the \(estimated) insatser clearly reduces costs within \(longHorizon) months"
            } else {
                let verb = reduces.count == 1 ? "reduces" : "reduce"
                sentence = "\(list(reduces)) clearly \(verb) social-assistance costs within \(longHorizon) months"
                if paysOff.isEmpty {
                    sentence += reduces.count == 1 ? ", but does not clearly save more than it costs" : ", but none of them clearly saves more than it costs"
                } else if paysOff.count == reduces.count {
                    sentence += paysOff.count == 1 ? " and saves more than it costs" : " and save more than they cost"
                } else {
                    sentence += "; \(list(paysOff)) also \(paysOff.count == 1 ? "saves more than it costs" : "save more than they cost")"
                }
            }
            if !increases.isEmpty { sentence += "; \(list(increases)) \(increases.count == 1 ? "increases" : "increase") costs" }
            if uncertain > 0 && estimated > 1 {
                sentence += "; for \(uncertain == 1 ? "one insats" : "\(uncertain) insatser") it is uncertain whether costs fall or rise"
            }
        }
        return sentence + "."
    }

    func largestSavingSentence(name: String, saving: String, likely: String, horizon: Int) -> String {
        pick("Störst minskning gav \(name): en deltagare fick i genomsnitt \(saving) mindre i försörjningsstöd under de första "
             + "\(horizon) månaderna, \(likely).",
             "The largest reduction came from \(name): a participant received on average \(saving) less in social assistance "
             + "over the first \(horizon) months, \(likely).")
    }

    func budgetSentence(reductions: String) -> String {
        pick("Stadens budget för 2008 räknade med 10\u{00A0}% färre mottagare tack vare Jobbtorg; jämfört med hur det sannolikt hade "
             + "blivit utan insatsen blev deltagarnas försörjningsstöd \(reductions).",
             "The city's 2008 budget assumed Jobbtorg would bring 10% fewer recipients; against what it would likely have been "
             + "without the insats, participants' social assistance was \(reductions).")
    }

    /// "77,4 % lägre för Stockholmsjobb", "8,6 % högre för Starta eget".
    func reductionItem(name: String, reduction: String, lower: Bool) -> String {
        lower ? pick("\(reduction) lägre för \(name)", "\(reduction) lower for \(name)")
              : pick("\(reduction) högre för \(name)", "\(reduction) higher for \(name)")
    }

    func reductionSpan(_ low: String, _ high: String) -> String { pick("mellan \(low) och \(high)", "between \(low) and \(high)") }
    var listAnd: String { pick(" och ", " and ") }

    var otherBenefitsSentence: String {
        pick("Om deltagarna i stället får andra ersättningar, till exempel a-kassa eller sjukpenning, syns det inte i dessa data; "
             + "besparingen för samhället som helhet kan därför vara mindre än här.",
             "Shifts to other benefits, such as unemployment insurance or sickness benefit, are not seen in these data; the "
             + "saving to the public sector as a whole may therefore be smaller than shown here.")
    }

    func totalSentence(total: String, count: Int) -> String {
        pick("Med lika många deltagare per år som i dessa data blir nettot för \(count == 1 ? "insatsen" : "de \(count) insatserna") "
             + "tillsammans \(total) per år (negativt = insatserna kostar mer än de sparar i försörjningsstöd); osäkerheten framgår per insats.",
             "With as many participants per year as in these data, the net for \(count == 1 ? "the insats" : "the \(count) insatser") "
             + "together is \(total) a year (negative = the insatser cost more than they save in social assistance); see each insats for the uncertainty.")
    }

    var noEstimatesSentence: String {
        pick("Inga skattningar kan redovisas: insatserna har för få deltagare, skattningen misslyckades eller den bygger på för få "
             + "personer för att visas; se tabellen.",
             "No estimates can be shown: the insatser have too few participants, the estimation failed, or it rests on too few "
             + "persons to be shown; see the table.")
    }

    // MARK: Per insats

    func insatsFacts(participants: String, matched: String, controls: String, cost: String) -> String {
        pick("Deltagare: \(participants); matchade: \(matched); olika jämförelsepersoner: \(controls); kostnad per deltagare: \(cost).",
             "Participants: \(participants); matched: \(matched); distinct comparison persons: \(controls); cost per participant: \(cost).")
    }

    var unknown: String { pick("okänd", "unknown") }

    func notEstimatedInsats(_ count: String) -> String {
        pick("Insatsen har för få deltagare (\(count)) för att skattas.", "The insats has too few participants (\(count)) to be estimated.")
    }

    func failedInsats(_ reason: String) -> String {
        pick("Insatsen kunde inte skattas: \(reason)", "The insats could not be estimated: \(reason)")
    }

    func figuresSuppressed(_ minCell: String) -> String {
        pick("Figurerna och tabellerna visas inte: skattningen bygger på färre än \(minCell) personer.",
             "Figures and tables are not shown: the estimate is built on fewer than \(minCell) persons.")
    }

    var eventStudyHeading: String { pick("Effekt per månad", "Effect by month") }
    func eventStudyTitle(_ name: String) -> String { pick("\(name): förändring av försörjningsstödet per månad", "\(name): change in social assistance by month") }
    var eventStudyX: String { pick("Månader från start (0 = första månaden i insatsen)", "Months from the start (0 = first month of the insats)") }
    var eventStudyY: String { pick("Skillnad, kr per deltagare och månad", "Difference, SEK per participant and month") }
    var eventStudySeries: String { pick("Skattad skillnad mot jämförelsegruppen, 95\u{00A0}% konfidensintervall", "Estimated difference from the comparison group, 95% confidence interval") }
    var startLabel: String { pick("Start", "Start") }
    var eventStudyNote: String {
        pick("Under noll betalades mindre ut till deltagarna än till jämförelsegruppen. Månaderna före start är en kontroll: "
             + "där bör kurvan ligga nära noll, eftersom insatsen inte kan ha verkat än.",
             "Below zero, participants were paid less than the comparison group. The months before the start are a check: "
             + "there the curve should lie near zero, since the insats cannot have worked yet.")
    }

    var balanceHeading: String { pick("Balans efter matchning", "Balance after matching") }
    func balanceTitle(_ name: String) -> String { pick("\(name): balans före och efter matchning", "\(name): balance before and after matching") }
    var balanceX: String { pick("Absolut standardiserad medelvärdesskillnad |SMD|", "Absolute standardised mean difference |SMD|") }
    var balanceBefore: String { pick("Före matchning (alla i riskmängden)", "Before matching (whole risk set)") }
    var balanceAfter: String { pick("Efter matchning", "After matching") }
    var balanceThreshold: String { pick("Gräns för god balans (0,1)", "Threshold of good balance (0.1)") }

    func balanceGood(terms: Int, largest: String, largestBefore: String) -> String {
        pick("Alla \(terms) variabler har |SMD| under 0,1 efter matchning (största: \(largest); före matchning \(largestBefore)). "
             + "Deltagare och jämförelsepersoner liknar varandra i de variabler som matchningen använder.",
             "All \(terms) terms have |SMD| below 0.1 after matching (largest: \(largest); before matching \(largestBefore)). "
             + "Participants and comparison persons are alike in the variables the matching uses.")
    }

    func balanceBad(count: Int, terms: Int, list: String) -> String {
        pick("**Varning: \(count) av \(terms) variabler har fortfarande |SMD| ≥ 0,1 efter matchning: \(list).** "
             + "Skillnaden mellan grupperna i dessa variabler kan påverka skattningen.",
             "**Warning: \(count) of \(terms) terms still have |SMD| ≥ 0.1 after matching: \(list).** "
             + "The difference between the groups in these terms may affect the estimate.")
    }

    var balanceNonFinite: String { pick("kan inte standardiseras", "cannot be standardised") }

    var overlapHeading: String { pick("Överlapp", "Overlap") }
    func overlapTitle(_ name: String) -> String { pick("\(name): sannolikhet att börja, deltagare och möjliga jämförelsepersoner", "\(name): propensity to start, participants and possible comparison persons") }
    func overlapX(low: String, high: String) -> String {
        pick("Linjär prediktor (log-odds), omskalad: 0 = \(low), 1 = \(high)", "Linear predictor (log-odds), rescaled: 0 = \(low), 1 = \(high)")
    }
    var overlapY: String { pick("Täthet", "Density") }
    var overlapTreated: String { pick("Deltagare", "Participants") }
    var overlapControls: String { pick("Möjliga jämförelsepersoner (urval ur riskmängden)", "Possible comparison persons (sample of the risk set)") }
    var overlapNote: String {
        pick("Deltagare (ovanför axeln) och möjliga jämförelsepersoner (nedanför) efter modellens sannolikhet att börja insatsen. "
             + "Där det finns deltagare men nästan inga jämförelsepersoner är matchningen svår. Värden utanför skalan räknas i ytterstaplarna.",
             "Participants (above the axis) and possible comparison persons (below) by the model's propensity to start the insats. "
             + "Where there are participants but hardly any comparison persons, matching is hard. Values outside the scale are counted in the outermost bars.")
    }

    var effectsHeading: String { pick("Effekter", "Effects") }
    var effectsOutcome: String { pick("Utfall", "Outcome") }
    var effectsHorizon: String { pick("Mån", "Months") }
    var effectsEstimate: String { pick("Effekt", "Effect") }
    var effectsCI: String { pick("95\u{00A0}% KI", "95% CI") }
    var effectsControl: String { pick("Utan insats", "Without") }
    var effectsNote: String {
        pick("Summerat över månaderna från start. Bistånd, kr: skillnad i utbetalt försörjningsstöd per deltagare. Mottagit bistånd och "
             + "självförsörjande: skillnad i antal månader. *Utan insats*: samma summa för de matchade jämförelsepersonerna. "
             + "Holm-p och BH-q är justerade för att flera insatser prövas (per utfall och horisont).",
             "Summed over the months from the start. Assistance, SEK: difference in social assistance paid per participant. Received "
             + "assistance and self-sufficient: difference in number of months. *Without*: the same sum for the matched "
             + "comparison persons. Holm p and BH q are adjusted for testing several insatser (per outcome and horizon).")
    }

    func outcome(_ outcome: PanelOutcome) -> String {
        switch outcome {
        case .kronor: pick("Bistånd, kr", "Assistance, SEK")
        case .receipt: pick("Mottagit bistånd, mån", "Received assistance, months")
        case .selfSufficient: pick("Självförsörjande, mån", "Self-sufficient, months")
        }
    }

    var subgroupHeading: String { pick("Delgrupper", "Subgroups") }
    var subgroupVariable: String { pick("Delgrupp", "Subgroup") }
    var subgroupParticipants: String { pick("Deltagare", "Participants") }
    var subgroupControls: String { pick("Jämförelse", "Comparison") }
    func subgroupEffect(_ horizon: Int) -> String { pick("\(horizon) mån", "\(horizon) mo") }
    var subgroupNote: String {
        pick("Effekt på försörjningsstödet i kronor per deltagare, summerat från start, med 95 % konfidensintervall; delgrupp efter "
             + "deltagarens egenskaper vid start. *Deltagare*: matchade deltagare i delgruppen.",
             "Effect on social assistance in kronor per participant, summed from the start, with 95% confidence interval; subgroup by "
             + "the participant's characteristics at the start. *Participants*: matched participants in the subgroup.")
    }
    var noSubgroups: String { pick("Inga delgrupper skattades.", "No subgroups were estimated.") }

    func variableLabel(_ name: String) -> String? {
        switch name {
        case "age": pick("Ålder", "Age")
        case "I(age^2)": pick("Ålder i kvadrat", "Age squared")
        case "sex": pick("Kön", "Sex")
        case "born_abroad": pick("Född utomlands", "Born abroad")
        case "education": pick("Utbildning", "Education")
        case "district": pick("Stadsdel", "District")
        case "household": pick("Hushållstyp", "Household")
        case "hinder_group": pick("Försörjningshinder", "Reason for assistance")
        case "kr_3m": pick("Försörjningsstöd, kr, senaste 3 mån", "Assistance, SEK, last 3 months")
        case "kr_6m": pick("Försörjningsstöd, kr, senaste 6 mån", "Assistance, SEK, last 6 months")
        case "kr_12m": pick("Försörjningsstöd, kr, senaste 12 mån", "Assistance, SEK, last 12 months")
        case "months_12m": pick("Månader med bistånd, senaste 12", "Months on assistance, last 12")
        case "months_24m": pick("Månader med bistånd, senaste 24", "Months on assistance, last 24")
        default: nil
        }
    }

    func ageLevel(_ level: String) -> String {
        switch level {
        case "under 30": pick("under 30 år", "under 30")
        case "50+": pick("50 år och äldre", "50 and over")
        default: pick("\(level) år", level)
        }
    }

    var diagnosticsHeading: String { pick("Kontroller av skattningen", "Checks of the estimate") }

    func pretrend(p: String, statistic: String, df: Int, ok: Bool) -> String {
        let test = pick("Test av att deltagare och jämförelsepersoner följde samma utveckling före start (Wald, χ² = \(statistic), \(df) frihetsgrader): p = \(p)",
                        "Test that participants and comparison persons followed the same path before the start (Wald, χ² = \(statistic), \(df) df): p = \(p)")
        return test + (ok ? pick(" – inga tecken på olika utveckling.", " – no sign of different paths.")
                          : pick(". **Varning: grupperna utvecklades olika redan före start; effekten kan vara snedvriden.**",
                                 ". **Warning: the groups already moved apart before the start; the effect may be biased.**"))
    }
    var pretrendMissing: String { pick("Testet av utvecklingen före start kunde inte beräknas.", "The test of the pre-start paths could not be computed.") }

    func placebo(estimate: String, interval: String, ok: Bool) -> String {
        let text = pick("Placebo (starten flyttad 12 månader tidigare, då insatsen inte kan ha verkat): skillnad under 12 månader \(estimate), 95\u{00A0}% KI \(interval)",
                        "Placebo (start moved 12 months earlier, when the insats cannot have worked): difference over 12 months \(estimate), 95% CI \(interval)")
        return text + (ok ? pick(" – förenligt med ingen effekt, som väntat.", " – consistent with no effect, as expected.")
                          : pick(". **Placeboskillnaden är inte noll.** Det väntas när deltagare väljs ut på sina utbetalningar under "
                                 + "året före start (utbetalningarna stiger inför en start), eftersom placeboperioden är just det året; "
                                 + "huvudskattningen matchar på den historiken vid den verkliga starten. Om urvalet inte sker på "
                                 + "utbetalningarna talar skillnaden i stället för att jämförelsegruppen skiljer sig från deltagarna; "
                                 + "se då också förtrendtestet.",
                                 ". **The placebo difference is not zero.** That is expected when participants are selected on their "
                                 + "payments in the year before the start (payments rise before a start), because the placebo period is "
                                 + "that very year; the main estimate matches on that history at the real start. If selection is not on "
                                 + "payments, the difference instead says that the comparison group differs from the participants; "
                                 + "see the pre-trend test too."))
    }

    func placeboSuppressed(_ mark: String) -> String {
        pick("Placebo (starten flyttad 12 månader tidigare): \(mark)", "Placebo (start moved 12 months earlier): \(mark)")
    }
    var placeboMissing: String { pick("Placebotestet (start 12 månader tidigare) kunde inte beräknas.", "The placebo test (start 12 months earlier) could not be computed.") }

    func rosenbaum(_ gamma: String) -> String {
        pick("Känslighet för okända skillnader (Rosenbaum): effekten på 12 månader förblir statistiskt säker tills en okänd faktor "
             + "ändrar oddsen att delta med en faktor Γ = \(gamma).",
             "Sensitivity to unobserved differences (Rosenbaum): the 12-month effect stays statistically significant until an unobserved "
             + "factor changes the odds of taking part by a factor Γ = \(gamma).")
    }
    var rosenbaumNotSignificant: String {
        pick("Känslighet för okända skillnader (Rosenbaum): Γ = 1, effekten på 12 månader är inte statistiskt säker ens utan okända skillnader.",
             "Sensitivity to unobserved differences (Rosenbaum): Γ = 1, the 12-month effect is not significant even without unobserved differences.")
    }
    var rosenbaumMissing: String {
        pick("Känslighet för okända skillnader (Rosenbaum): Γ kunde inte beräknas eller är över 50.",
             "Sensitivity to unobserved differences (Rosenbaum): Γ could not be computed or is above 50.")
    }

    func overlapShares(participants: String, controls: String, before: Int, after: Int) -> String {
        pick("Andra insatser under perioden: \(participants) av deltagarna och \(controls) av jämförelsepersonerna deltog i någon annan insats "
             + "från \(before) månader före till \(after) månader efter start. Effekten gäller alltså insatsen inklusive det som följer på den.",
             "Other insatser in the period: \(participants) of participants and \(controls) of comparison persons took part in another insats "
             + "from \(before) months before to \(after) months after the start. The effect is thus that of the insats including what follows it.")
    }

    var warningsHeading: String { pick("Anmärkningar från skattningen (på engelska):", "Notes from the estimation:") }

    var costHeading: String { pick("Kostnad och besparing", "Cost and saving") }
    var costHorizon: String { pick("Mån", "Months") }
    var costSaving: String { pick("Besparing", "Saving") }
    var costNet: String { pick("Netto", "Net") }
    var costTableNote: String {
        pick("Per deltagare, summerat från start. Netto = besparing − kostnad per deltagare.",
             "Per participant, summed from the start. Net = saving − cost per participant.")
    }
    var costLikely: String { pick("Sannolikt mellan", "Likely between") }
    func costTitle(_ name: String) -> String { pick("\(name): besparing per deltagare mot kostnaden", "\(name): saving per participant against the cost") }
    var costX: String { pick("Månader från start", "Months from the start") }
    var costY: String { pick("Minskat försörjningsstöd, kr per deltagare", "Reduced social assistance, SEK per participant") }
    var costEffectLabel: String { pick("Besparing per deltagare (95\u{00A0}% KI)", "Saving per participant (95% CI)") }
    func costLine(_ cost: String) -> String { pick("Kostnad per deltagare: \(cost)", "Cost per participant: \(cost)") }
    func horizonLabel(_ horizon: Int) -> String { pick("\(horizon) mån", "\(horizon) months") }

    func costBasis(_ basis: String) -> String {
        switch basis {
        case "katalogens kostnad per deltagare": pick(basis, "the catalogue's cost per participant")
        case "katalogens kostnad per månad × deltagarnas genomsnittliga tid i insatsen":
            pick(basis, "the catalogue's cost per month × participants' mean time in the insats")
        case "okänd": pick(basis, "unknown")
        default: basis
        }
    }

    func costFacts(cost: String, basis: String) -> String {
        pick("Kostnad per deltagare: \(cost) (\(basis)).", "Cost per participant: \(cost) (\(basis)).")
    }
    func breakEvenFact(_ text: String) -> String { pick("Lönar sig efter: \(text).", "Pays off after: \(text).") }
    func perYearFact(participants: String, net: String, likely: String) -> String {
        pick("Med \(participants) deltagare per år blir nettot \(net) per år, \(likely).",
             "With \(participants) participants a year the net is \(net) a year, \(likely).")
    }
    func reductionFact(_ value: String, likely: String, horizon: Int) -> String {
        pick("Minskning av försörjningsstödet jämfört med utan insatsen (\(horizon) månader): \(value), \(likely). Budgeten 2008 räknade med 10\u{00A0}%.",
             "Reduction in social assistance against no insats (\(horizon) months): \(value), \(likely). The 2008 budget assumed 10%.")
    }

    // MARK: Method

    var designHeading: String { pick("Design", "Design") }
    func design(caliper: String?, ratio: Int, eligibility: Int, exactDistrict: Bool, excludeOther: Bool) -> String {
        let matching = caliper.map { pick("inom en caliper på \($0) standardavvikelser av den linjära prediktorn", "within a caliper of \($0) standard deviations of the linear predictor") }
            ?? pick("utan caliper", "without a caliper")
        let ratioText = ratio == 1 ? "1:1" : "1:\(ratio)"
        var text = pick(
            "Matchning i riskmängd per kalendermånad (Sianesi 2004): varje person som börjar en insats en viss månad jämförs med personer "
            + "som också fick försörjningsstöd \(eligibility == 1 ? "månaden" : "de \(eligibility) månaderna") före och ännu inte hade börjat insatsen. "
            + "En jämförelseperson kan börja insatsen senare; skattningen besvarar alltså frågan *börja nu jämfört med inte nu*. "
            + "Sannolikheten att börja (propensity score) skattas med en logistisk regression på bakgrundsvariabler och utbetalningshistorik vid start. "
            + "Matchningen är närmaste granne \(ratioText) utan återläggning inom samma månad, \(matching) (Austin 2011).",
            "Risk-set matching per calendar month (Sianesi 2004): every person who starts an insats in a month is compared with people "
            + "who also received assistance in the \(eligibility == 1 ? "month" : "\(eligibility) months") before and had not yet started the insats. "
            + "A comparison person may start the insats later; the estimate thus answers *starting now against not now*. "
            + "The propensity to start is a logistic regression on background variables and payment history at the start. "
            + "Matching is nearest neighbour \(ratioText) without replacement within the month, \(matching) (Austin 2011).")
        if exactDistrict { text += pick(" Matchningen är dessutom exakt på stadsdel.", " Matching is also exact on district.") }
        if excludeOther {
            text += pick(" Personer med en annan insats under perioden är uteslutna på båda sidor.",
                         " People with another insats in the period are left out on both sides.")
        }
        return text
    }
    func formula(_ formula: String) -> String { pick("Modellens formel: \(formula).", "Model formula: \(formula).") }

    var estimatorHeading: String { pick("Skattning", "Estimation") }
    func estimator(first: String, last: String, horizons: String, selfSufficient: Int) -> String {
        pick("Effekten skattas som skillnad-i-skillnader på de matchade paren i händelsetid, från månad \(first) till \(last) relativt start: "
             + "för varje par jämförs förändringen mot parets egen nivå före start. Effekten per månad summeras till \(horizons) månader. "
             + "Standardfelen är klustrade på matchade grupper (Abadie och Spiess 2022): ett par, och alla par som delar en person, "
             + "eftersom samma person kan vara jämförelseperson flera månader. "
             + "Utfall: utbetalt försörjningsstöd i kronor, om personen fick bistånd, och *självförsörjande* (inget bistånd den månaden "
             + "och de \(selfSufficient - 1) månaderna före). p-värden justeras över insatserna med Holm (1979) och Benjamini–Hochberg (1995). "
             + "Känsligheten för okända skillnader prövas med Rosenbaums gränser (2002).",
             "The effect is a difference-in-differences on the matched pairs in event time, from month \(first) to \(last) relative to the start: "
             + "each pair's change is measured against the pair's own level before the start. Monthly effects are summed to \(horizons) months. "
             + "Standard errors are clustered on matched sets (Abadie and Spiess 2022): a pair, together with every pair that shares a person, "
             + "since one person can be a comparison person in several months. "
             + "Outcomes: social assistance paid in kronor, whether the person received assistance, and *self-sufficient* (no assistance "
             + "that month nor the \(selfSufficient - 1) months before). p-values are adjusted across insatser with Holm (1979) and "
             + "Benjamini–Hochberg (1995). Sensitivity to unobserved differences uses Rosenbaum bounds (2002).")
    }

    var dataHeading: String { pick("Data och urval", "Data and sample") }
    func dataWindow(_ window: String, dataset: String, minParticipants: Int) -> String {
        pick("Data: \(dataset), \(window). Insatser med färre än \(minParticipants) deltagare skattas inte.",
             "Data: \(dataset), \(window). Insatser with fewer than \(minParticipants) participants are not estimated.")
    }
    var countsInsats: String { "Insats" }
    var countsStarts: String { pick("Började", "Started") }
    var countsNotEligible: String { pick("Utan bistånd före", "Not on assistance") }
    var countsOther: String { pick("Annan insats", "Other insats") }
    var countsParticipants: String { pick("Utvärderade", "Evaluated") }
    var countsMatched: String { pick("Matchade", "Matched") }
    var countsUnmatched: String { pick("Ej matchade", "Unmatched") }
    var countsControls: String { pick("Jämförelse", "Comparison") }
    func countsNote(history: Int, showOther: Bool) -> String {
        pick("*Började*: första start i en månad som kan utvärderas (med \(history) månaders historik före och hela uppföljningen efter i data). "
             + "*Utan bistånd före*: uteslutna eftersom de inte fick försörjningsstöd månaden före start; frågan gäller personer med bistånd. "
             + (showOther ? "*Annan insats*: uteslutna på grund av en annan insats under perioden. " : "")
             + "*Utvärderade*: deltagare i skattningen. *Ej matchade*: ingen jämförelseperson inom calipern; de ingår inte i skattningen. "
             + "*Jämförelse*: olika personer som används som jämförelsepersoner.",
             "*Started*: first start in a month that can be evaluated (with \(history) months of history before and the whole follow-up after in the data). "
             + "*Not on assistance*: left out because they received no assistance the month before the start; the question concerns people "
             + "on assistance. " + (showOther ? "*Other insats*: left out because of another insats in the period. " : "")
             + "*Evaluated*: participants in the estimation. *Unmatched*: no comparison person within the caliper; not in the estimate. "
             + "*Comparison*: distinct persons used as comparison persons.")
    }

    var smallCellHeading: String { pick("Små grupper och integritet", "Small groups and privacy") }
    func smallCell(_ minCell: String) -> String {
        pick("Antal under \(minCell) och skattningar som bygger på färre än \(minCell) personer redovisas inte; de visas som – med en fotnot. "
             + "Rapporten innehåller inga personuppgifter.",
             "Counts under \(minCell) and estimates built on fewer than \(minCell) persons are not shown; they appear as – with a footnote. "
             + "The report contains no personal data.")
    }

    var referencesHeading: String { pick("Referenser", "References") }
    var references: [String] {
        [
            "Abadie, A. & Spiess, J. (2022). Robust post-matching inference. *Journal of the American Statistical Association* 117(538), 983–995.",
            "Austin, P. C. (2011). Optimal caliper widths for propensity-score matching when estimating differences in means and differences in proportions in observational studies. *Pharmaceutical Statistics* 10(2), 150–161.",
            "Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate: a practical and powerful approach to multiple testing. *Journal of the Royal Statistical Society B* 57(1), 289–300.",
            "Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian Journal of Statistics* 6(2), 65–70.",
            "Rosenbaum, P. R. (2002). *Observational Studies*, 2nd ed. New York: Springer.",
            "Sianesi, B. (2004). An evaluation of the Swedish system of active labor market programs in the 1990s. *Review of Economics and Statistics* 86(1), 133–155.",
        ]
    }
}
