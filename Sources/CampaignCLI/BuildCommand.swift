import ArgumentParser
import CampaignCore
import SiteBuilder

/// `campaign build`: writes the website and LED feeds into Output/.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the site into Output/ (replaced only when the build succeeds).")

    @OptionGroup var inputs: InputOptions

    func run() async throws {
        var options = try inputs.buildOptions(writeOutput: true)
        let line = ProgressLine.forConsole(Console.current, format: inputs.format)
        options.progress = line?.callback
        let report = await SiteBuilder.build(options)
        line?.clear()
        Reporter.print(report, format: inputs.format, action: "build")
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
