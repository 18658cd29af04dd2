import CPUFeatures
import Foundation

import TrackerCLI

// Release builds of the engine use AVX2 and FMA instructions; on an older CPU
// they would die of SIGILL mid-command. Check first, before any engine code runs.
#if !DEBUG
if tracker_cpu_supports_release_target() != 1 {
    FileHandle.standardError.write(Data("""
        Error: this release build of tracker needs an x86-64 CPU with AVX2 and FMA (Intel Haswell, AMD \
        Excavator or newer), and this CPU lacks them; run a debug build ('swift build') instead, which runs \
        on any x86-64 CPU, only slower.

        """.utf8))
    exit(1)
}
#endif

// A blocked signal mask survives exec: started by a parent that blocks SIGINT
// (some test runners and supervisors do), tracker would never see Ctrl-C and
// could not save its run. Take delivery of it and of SIGTERM again.
var deliverable = sigset_t()
sigemptyset(&deliverable)
sigaddset(&deliverable, SIGINT)
sigaddset(&deliverable, SIGTERM)
sigprocmask(SIG_UNBLOCK, &deliverable, nil)

exit(TrackerCLI.main(CommandLine.arguments))
