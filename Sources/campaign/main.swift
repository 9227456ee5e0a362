import CampaignCLI

#if canImport(Glibc)
    import Glibc

    // Give freed memory back to the system once 1 MB is free at the top of the heap. glibc's default
    // threshold grows with the largest block freed, so after the first big page buffers a build kept
    // tens of megabytes it no longer used (docs/performance.md, "Earlier in the round"). `mallopt` is declared in
    // <malloc.h>, which the Glibc module does not bring in: it is looked up by name.
    if let mallopt = dlsym(nil, "mallopt") {
        let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
        _ = unsafeBitCast(mallopt, to: (@convention(c) (Int32, Int32) -> Int32).self)(trimThreshold, 1 << 20)
    }
#endif

await CampaignCommand.runMain()
