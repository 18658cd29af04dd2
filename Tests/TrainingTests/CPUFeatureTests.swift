import Foundation
import CPUFeatures
import Testing

@Suite struct CPUFeatureTests {
    /// The check must agree with the CPU's own flags; on x86-64 Linux these
    /// are listed in /proc/cpuinfo.
    @Test func theReleaseTargetCheckMatchesTheCPUFlags() throws {
        let supported = tracker_cpu_supports_release_target() == 1
        #if arch(x86_64) && os(Linux)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ").map(String.init)) } ?? []
        #expect(supported == (flags.contains("avx2") && flags.contains("fma")))
        #else
        #expect(supported)
        #endif
    }
}
