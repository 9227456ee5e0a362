import CFuzzerDriver
import Foundation

// The harness is chosen by `FUZZ_TARGET`; libFuzzer's driver reads its own flags from the arguments.
let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
guard let harness = Harness(rawValue: name) else {
    let names = Harness.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(Data("FUZZ_TARGET must be one of: \(names)\n".utf8))
    exit(2)
}
Harness.selected = harness

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        Harness.selected.run(UnsafeBufferPointer(start: data, count: size))
        return 0
    })
