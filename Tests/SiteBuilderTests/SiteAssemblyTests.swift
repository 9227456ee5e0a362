import Testing

@testable import SiteBuilder

@Suite struct SiteAssemblyTests {
    @Test func permutingInPlaceGivesWhatMappingTheOrderGives() {
        var rng = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 3, 7, 64, 1_000] {
            let values = (0..<count).map { "v\($0)-\(Int.random(in: 0..<1_000, using: &rng))" }
            var orders = [Array(0..<count), Array((0..<count).reversed()), (0..<count).shuffled(using: &rng)]
            if count > 1 { orders.append(Array(1..<count) + [0]) }  // one cycle through every element
            for order in orders {
                var permuted = values
                permuted.permute(by: order)
                #expect(permuted == order.map { values[$0] }, "count \(count)")
            }
        }
    }

    @Test func absorbingTakesTheOtherWholeOrAppendsIt() {
        var empty: [String] = []
        empty.absorb(["a", "b"])
        #expect(empty == ["a", "b"])
        var some = ["x"]
        some.absorb(["a", "b"])
        #expect(some == ["x", "a", "b"])
        some.absorb([])
        #expect(some == ["x", "a", "b"])
    }
}
