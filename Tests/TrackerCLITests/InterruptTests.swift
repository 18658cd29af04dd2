#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import TrackerCLI

/// Serialized: the flag and the SIGINT disposition are process-wide.
@Suite(.serialized) struct InterruptTests {
    @Test func aRealSIGINTSetsTheFlagInsteadOfKillingTheProcess() {
        Interrupt.install()
        defer { Interrupt.uninstall() }
        #expect(!Interrupt.wasRequested)
        // The test runner may block SIGINT on its worker threads; unblock it on
        // this one so that raise() delivers here, before it returns.
        var unblock = sigset_t(), previous = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
        raise(SIGINT)
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        #expect(Interrupt.wasRequested)
        Interrupt.reset()
        #expect(!Interrupt.wasRequested)
    }

    @Test func requestSetsTheFlagFromCode() {
        Interrupt.reset()
        Interrupt.request()
        #expect(Interrupt.wasRequested)
        Interrupt.reset()
    }
}
