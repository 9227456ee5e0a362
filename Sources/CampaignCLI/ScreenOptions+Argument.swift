import ArgumentParser
import LEDFeed

// The screen settings of `campaign led fit` are parsed by the argument parser, which lists the allowed values
// in the help and refuses any other as a usage error (exit 2).

extension KinsokuLevel: ExpressibleByArgument {}
extension LEDCharset: ExpressibleByArgument {}
extension LEDMode: ExpressibleByArgument {}
