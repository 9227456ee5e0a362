import ArgumentParser
import CampaignCLI

await CampaignCommand.main()
