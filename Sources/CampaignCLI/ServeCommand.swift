import ArgumentParser
import CampaignCore
import DevServer
import Foundation
import SiteBuilder

/// `campaign serve`: builds, serves Output/ on a local port, and rebuilds and reloads the browser on every change.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve Output/ locally, and rebuild and reload the browser when Content/ or Theme/ change.",
        discussion: """
            A failed build keeps the previous Output/ and shows its errors in the browser and here. \
            The live-reload script is added only while serving; the files in Output/ stay as published.
            """)

    @OptionGroup var inputs: InputOptions

    @Option(help: "The TCP port to listen on.")
    var port: Int = 1313

    @Option(help: "The address to listen on; 127.0.0.1 keeps the preview on this computer.")
    var host: String = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let options = try inputs.buildOptions(writeOutput: true)
        if let refusal = SiteBuilder.outputRefusal(options) {
            Reporter.print(BuildReport(diagnostics: [refusal]), format: inputs.format, action: "build")
            throw ExitCode(2)
        }
        let format = inputs.format
        let session = SiteSession(options: options)
        let rebuild: DevServer.Rebuild = { changed in await Self.build(session, changed: changed, format: format) }
        let hub = ReloadHub()
        await hub.record(await Self.build(session, changed: [], format: format, first: true))
        let server = DevServer(
            configuration: .init(
                host: host, port: port, outputURL: options.outputURL,
                watchedFolders: [options.contentURL, options.themeURL]),
            hub: hub, rebuild: rebuild)
        let address = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)\(await hub.sitePath)/"
        do {
            try await server.run {
                Console.current.out("Serving \(InputOptions.display(inputs.output)) at \(address) (Ctrl-C to stop)")
                Console.current.out("Watching \(options.contentDisplay) and \(options.themeDisplay) for changes")
            }
        } catch {
            Console.current.err("error: can not serve on \(host):\(port): \(error)")
            throw ExitCode(2)
        }
    }

    /// One build: prints its diagnostics, summary and time; returns the error lines for the browser and
    /// the sub-path of `base_url` when the build replaced Output/ (or, for the first build, whenever site.yml
    /// could be read: Output/ then holds an earlier build of the same site).
    static func build(_ session: SiteSession, changed: [URL], format: ReportFormat, first: Bool = false) async
        -> BuildOutcome
    {
        let clock = ContinuousClock()
        let start = clock.now
        let report = await session.build(changed: changed)
        let elapsed = clock.now - start
        Reporter.print(report, format: format, action: "build")
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let (rendered, reused) = (await session.lastRendered, await session.lastReused)
        Console.current.out("built in \(milliseconds) ms (\(rendered) rendered, \(reused) reused)")
        return BuildOutcome(
            errors: report.diagnostics.filter { $0.severity == .error }.map(\.description),
            sitePath: report.published || first ? report.sitePath : nil)
    }
}
