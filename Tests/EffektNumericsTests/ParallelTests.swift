import EffektNumerics
import Testing

@Suite struct ParallelTests {
    @Test func resultsComeBackInChunkOrderWhateverTheWorkers() {
        for workers in [1, 2, 7] {
            let out = Parallel.map(chunks: 100, workers: workers) { $0 * $0 }
            #expect(out == (0..<100).map { $0 * $0 })
        }
    }

    @Test func floatingPointReductionIsBitIdentical() {
        let values = (0..<100_000).map { 1 / Double($0 + 1) }
        let chunks = Parallel.ranges(count: values.count, chunkSize: 4096)
        func total(_ workers: Int) -> Double {
            Parallel.map(chunks: chunks.count, workers: workers) { c in chunks[c].reduce(0.0) { $0 + values[$1] } }.reduce(0, +)
        }
        #expect(total(1) == total(2))
        #expect(total(2) == total(8))
    }

    @Test func firstErrorInChunkOrderIsRethrown() {
        struct Failure: Error, Equatable { let chunk: Int }
        #expect(throws: Failure(chunk: 3)) {
            _ = try Parallel.map(chunks: 10, workers: 2) { (c: Int) throws -> Int in
                if c == 3 || c == 8 { throw Failure(chunk: c) }
                return c
            }
        }
    }

    @Test func rangesCoverEverythingOnce() {
        #expect(Parallel.ranges(count: 10, chunkSize: 4) == [0..<4, 4..<8, 8..<10])
        #expect(Parallel.ranges(count: 10, parts: 3) == [0..<3, 3..<6, 6..<10])
        #expect(Parallel.ranges(count: 0, parts: 3).isEmpty)
    }
}
