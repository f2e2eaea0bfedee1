import Testing
@testable import EffektData

@Suite struct DataErrorTests {
    @Test func readsLikeACompilerDiagnostic() {
        let e = DataError(file: "payments.csv", line: 18234, column: 3, message: "expected a number of kronor, found \"12 3a4\"")
        #expect(e.description == "payments.csv:18234:3: expected a number of kronor, found \"12 3a4\"")
        #expect(DataError(file: "spec.json", message: "empty file").description == "spec.json: empty file")
    }
}
