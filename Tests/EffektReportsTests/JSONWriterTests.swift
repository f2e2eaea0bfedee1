import EffektReports
import Foundation
import Testing

@Suite struct JSONWriterTests {
    let value: JSONValue = [
        "insats": "Stockholmsjobb",
        "deltagare": 1039,
        "effekt": ["skattning": -4512.5, "ki": [-7000.25, -2024.75], "se": 0.1],
        "undertryckt": nil,
        "publicerad": true,
        "not": "citat \"x\"\\ny rad\n\u{1}",
        "tom": [:],
        "lista": [],
        "ickeändlig": .number(.infinity),
    ]

    @Test func writesInTheGivenOrderWithFixedLayout() {
        #expect(JSONWriter().render(value) == """
            {
              "insats": "Stockholmsjobb",
              "deltagare": 1039,
              "effekt": {
                "skattning": -4512.5,
                "ki": [
                  -7000.25,
                  -2024.75
                ],
                "se": 0.1
              },
              "undertryckt": null,
              "publicerad": true,
              "not": "citat \\"x\\"\\\\ny rad\\n\\u0001",
              "tom": {},
              "lista": [],
              "ickeändlig": null
            }

            """)
    }

    @Test func sameValueSameBytesAndFoundationReadsIt() throws {
        let first = Data(JSONWriter().render(value).utf8)
        let second = Data(JSONWriter().render(value).utf8)
        #expect(first == second)
        let parsed = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
        #expect(parsed["insats"] as? String == "Stockholmsjobb")
        #expect(parsed["not"] as? String == "citat \"x\"\\ny rad\n\u{1}")
    }

    @Test func doublesRoundTripAndPrintShortest() throws {
        #expect(JSONWriter().render(.number(0.1 + 0.2)) == "0.30000000000000004\n")
        #expect(JSONWriter().render(.number(3)) == "3\n")
        #expect(JSONWriter().render(.number(-0.0)) == "0\n")
        #expect(JSONWriter().render(.number(1e21)) == "1e+21\n")
        #expect(JSONWriter().render(.number(2.5e-8)) == "2.5e-8\n")
        #expect(JSONWriter().render(.number(.nan)) == "null\n")
        let values = SampleDoubles.finite(count: 2_000)
        let text = JSONWriter().render(.array(values.map(JSONValue.number)))
        let parsed = text.split(whereSeparator: { "[],\n ".contains($0) }).map { Double($0) }
        #expect(parsed == values.map { $0 })
    }
}
