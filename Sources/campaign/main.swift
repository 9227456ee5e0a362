import CampaignCLI

await CampaignCommand.runMain()
