import Foundation
import Testing
@testable import EffektData

@Suite struct CSVEncodingTests {
    /// "id;stadsdel\n1;Skärholmen\n2;Älvsjö\n3;åäö\n" in Windows-1252.
    let latin: [UInt8] = Array("id;stadsdel\n1;Sk".utf8) + [0xE4] + Array("rholmen\n2;".utf8) + [0xC4] + Array("lvsj".utf8) + [0xF6]
        + Array("\n3;".utf8) + [0xE5, 0xE4, 0xF6] + Array("\n".utf8)

    @Test func windows1252IsDetectedAndDecoded() throws {
        let table = try CSVText.read(bytes: latin)
        #expect(try CSVText.strings(table, "stadsdel") == ["Skärholmen", "Älvsjö", "åäö"])
        let given = try CSVText.read(bytes: latin, CSVOptions(encoding: .windows1252))
        #expect(given == table)
    }

    @Test func windows1252HighCharacters() throws {
        let table = try CSVText.read(bytes: Array("x\n".utf8) + [0x80, 0x96, 0x9C, 0xA0, 0xFF, 0x0A], CSVOptions(encoding: .windows1252))
        #expect(try CSVText.strings(table, "x") == ["€–œ\u{A0}ÿ"])
    }

    @Test func latin1HeaderNames() throws {
        let bytes: [UInt8] = Array("l".utf8) + [0xF6] + Array("pnr;belopp\n1;2\n".utf8)
        #expect(try CSVText.read(bytes: bytes).names == ["löpnr", "belopp"])
    }

    @Test func utf8WithAndWithoutByteOrderMark() throws {
        let text = "id;stadsdel\n1;Skärholmen\n2;Älvsjö\n3;åäö\n"
        let plain = try CSVText.read(text)
        let marked = try CSVText.read(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(plain.names == ["id", "stadsdel"])
        #expect(marked.names == ["id", "stadsdel"])
        #expect(try CSVText.strings(marked, "stadsdel") == ["Skärholmen", "Älvsjö", "åäö"])
        #expect(plain == marked)
    }

    @Test func invalidUTF8WhenUTF8WasGiven() {
        let error = CSVText.error(bytes: latin, CSVOptions(encoding: .utf8), name: "persons.csv")
        #expect(error?.line == 2)
        #expect(error?.column == 2)
        #expect(error?.description == "persons.csv:2:2: file is not valid UTF-8 at line 2; it may be Windows-1252 (pass encoding: .windows1252)")
    }

    @Test func invalidUTF8AfterAUTF8Header() {
        let bytes: [UInt8] = Array("id;område\n1;Sk".utf8) + [0xE4] + Array("rholmen\n".utf8)
        #expect(CSVText.error(bytes: bytes)?.description.contains("file is not valid UTF-8 at line 2") == true)
    }

    @Test func givenEncodingIsHonoured() throws {
        let table = try CSVText.read("x\nå\n", CSVOptions(encoding: .windows1252))
        #expect(try CSVText.strings(table, "x") == ["Ã¥"])
    }

    @Test func utf16IsRefused() {
        let error = CSVText.error(bytes: [0xFF, 0xFE] + Array("i\0d\0".utf8))
        #expect(error?.message == "the file is UTF-16 encoded")
    }

    @Test func missingTokensInEitherEncoding() throws {
        let options = CSVOptions(missing: ["", "–"])
        let utf8 = try CSVText.read("x;y\n1;–\n2;b\n", options)
        #expect(try CSVText.strings(utf8, "y") == [nil, "b"])
        let latin = try CSVText.read(bytes: Array("x;y\n1;".utf8) + [0x96] + Array("\n2;".utf8) + [0xE5] + Array("\n".utf8), options)
        #expect(try CSVText.strings(latin, "y") == [nil, "å"])
    }
}
