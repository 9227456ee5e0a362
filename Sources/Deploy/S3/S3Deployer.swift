import Foundation

/// A deploy to an S3-compatible store: plan from the real listing, upload by phase in parallel,
/// delete last.
struct S3Deployer: Sendable {
    var name: String
    var location: S3Location
    var credentials: Credentials
    var options: DeployOptions

    func run(_ site: LocalSite) async throws -> DeployReport {
        let client = S3Client(
            location: location, credentials: credentials, retry: options.retry, concurrency: options.concurrency)
        do {
            let report = try await run(site, client: client)
            await client.shutdown()
            return report
        } catch {
            await client.shutdown()
            throw error
        }
    }

    private func run(_ site: LocalSite, client: S3Client) async throws -> DeployReport {
        var remote = try await client.list()
        // ETags that are not an MD5 (multipart, KMS): ask for the SHA-256 the deploy stored.
        let unknown = DeployPlan.pathsNeedingChecksum(local: site.files, remote: remote)
        let checksums = try await concurrentMap(unknown) { path in (path, try await client.checksum(of: path)) }
        for (path, sum) in checksums { remote[path]?.sha256 = sum ?? "" }

        let plan = DeployPlan(local: site.files, remote: remote)
        var report = DeployReport(target: name, dryRun: options.dryRun, unchanged: plan.unchanged)
        let cappedOut = plan.deletions.count > options.maxDeletes
        if options.dryRun {
            report.uploaded = plan.uploads.map(\.file.path)
            if cappedOut { report.skippedDeletions = plan.deletions } else { report.deleted = plan.deletions }
            return report
        }

        let total = plan.uploads.count
        let counter = Counter()
        for phase in PublishClass.Phase.allCases {
            let batch = plan.uploads.filter { $0.phase == phase }
            guard !batch.isEmpty else { continue }
            let results = await uploadAll(batch, site: site, client: client, counter: counter, total: total)
            // In plan order, whatever order the parallel uploads finished in.
            let arrived = Set(results.filter { $0.error == nil }.map(\.path))
            report.uploaded += batch.map(\.file.path).filter(arrived.contains)
            if let failed = results.first(where: { $0.error != nil }), let error = failed.error {
                let failures = results.filter { $0.error != nil }.count
                throw DeployError(
                    .remote,
                    "\(error.message)\n共 \(failures) 个文件上传失败；已上传 \(report.uploaded.count) 个，未删除任何文件。"
                        + "修复后再次运行 campaign deploy 会接着完成，不会重传已到达的文件"
                        + " (uploads failed; nothing deleted; run again to resume)",
                    partial: report)
            }
        }
        if cappedOut {
            report.skippedDeletions = plan.deletions
        } else if !plan.deletions.isEmpty {
            do {
                try await client.delete(plan.deletions)
            } catch let error as DeployError {
                throw DeployError(error.kind, error.message, partial: report)
            }
            report.deleted = plan.deletions
        }
        return report
    }

    struct UploadResult: Sendable {
        var path: String
        var error: DeployError?
    }

    /// Uploads a phase with at most `concurrency` requests in flight; after the first failure no
    /// new upload starts (those in flight finish).
    private func uploadAll(
        _ uploads: [PlannedUpload], site: LocalSite, client: S3Client, counter: Counter, total: Int
    ) async -> [UploadResult] {
        let limit = max(options.concurrency, 1)
        let progress = options.progress
        return await withTaskGroup(of: UploadResult.self) { group in
            var results: [UploadResult] = []
            var next = 0
            var failed = false
            func start() {
                let upload = uploads[next]
                next += 1
                group.addTask {
                    let url = site.folder.appendingPathComponent(upload.file.path)
                    do {
                        let data = try Data(contentsOf: url, options: .mappedIfSafe)
                        try await client.put(upload.file, data: data)
                        let done = counter.increment()
                        progress?(DeployProgress(done: done, total: total, path: upload.file.path))
                        return UploadResult(path: upload.file.path, error: nil)
                    } catch let error as DeployError {
                        return UploadResult(path: upload.file.path, error: error)
                    } catch {
                        return UploadResult(
                            path: upload.file.path,
                            error: DeployError(.remote, "无法读取 \(upload.file.path)：\(error) (cannot read the file)"))
                    }
                }
            }
            while next < uploads.count && next < limit { start() }
            while let result = await group.next() {
                results.append(result)
                if result.error != nil { failed = true }
                if !failed && next < uploads.count { start() }
            }
            return results
        }
    }

    /// Runs `body` over `items` with at most `concurrency` at once, keeping no order.
    private func concurrentMap<T: Sendable>(
        _ items: [String], _ body: @escaping @Sendable (String) async throws -> T
    ) async throws -> [T] {
        let limit = max(options.concurrency, 1)
        return try await withThrowingTaskGroup(of: T.self) { group in
            var results: [T] = []
            var next = 0
            while next < items.count && next < limit {
                let item = items[next]
                group.addTask { try await body(item) }
                next += 1
            }
            while let result = try await group.next() {
                results.append(result)
                if next < items.count {
                    let item = items[next]
                    group.addTask { try await body(item) }
                    next += 1
                }
            }
            return results
        }
    }
}

/// A thread-safe count of finished uploads, for the progress line.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
