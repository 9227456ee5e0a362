import CampaignCore

extension DeployTarget {
    /// Picks the target named `named` among site.yml's `deploy.targets`, or the only one when no name
    /// is given; throws a usage `DeployError` that lists the targets there are. Shared by
    /// `campaign deploy` and the desk's publish action.
    public static func choose(
        _ targets: [SiteConfig.DeployTargetEntry], named: String?
    ) throws -> (name: String, url: String) {
        let names = targets.map(\.name).joined(separator: "、")
        if let named {
            guard let found = targets.first(where: { $0.name == named }) else {
                throw DeployError(
                    .usage,
                    targets.isEmpty
                        ? "site.yml 中没有 deploy.targets (no deploy targets in site.yml)"
                        : "site.yml 中没有名为 '\(named)' 的发布目标，可用：\(names) (unknown target)")
            }
            return (found.name, found.url)
        }
        guard let only = targets.first else {
            throw DeployError(
                .usage,
                "site.yml 中没有发布目标：请添加 deploy: {targets: [{name: …, url: s3://… 或 ssh://…}]}"
                    + " (no deploy targets in site.yml)")
        }
        guard targets.count == 1 else {
            throw DeployError(.usage, "site.yml 有多个发布目标（\(names)），请用 --target 选择一个 (choose one with --target)")
        }
        return (only.name, only.url)
    }
}
