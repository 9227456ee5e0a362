import Foundation

extension SiteRenderer {
    /// Renders one unit, or, under `campaign serve`, reuses its result from the previous build when
    /// `inputs` (everything the unit is made from, besides what `layoutFingerprint` covers) equal those
    /// of that build, keeping the files it wrote.
    ///
    /// Like `memoized(_:fingerprint:render:)`, but comparing the inputs instead of hashing them: content
    /// kept between builds compares equal without reading its bytes again, which matters for units made
    /// from long texts (a notice, with its ledger and photos).
    func memoized<Inputs: Equatable & Sendable, Value: Sendable>(
        _ key: String, inputs: Inputs, render: (SiteRenderer) -> Value
    ) -> Value {
        guard let memo else { return render(self) }
        let inputs = MemoInputs(layout: layoutFingerprint, unit: inputs)
        if let (value, paths) = memo.hit(key, inputs: inputs, as: Value.self) {
            do {
                for path in paths { try sink.keep(path) }
                return value
            } catch {
                // A file of the previous build is gone: render the unit again.
            }
        }
        let recorder = RecordingSink(sink)
        var unit = self
        unit.sink = recorder
        let value = render(unit)
        memo.store(key, inputs: inputs, value: value, paths: recorder.paths.sorted())
        return value
    }
}

/// A unit's inputs with what every page shares.
struct MemoInputs<Unit: Equatable & Sendable>: Equatable, Sendable {
    var layout: Int
    var unit: Unit
}
