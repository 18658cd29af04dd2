import Foundation
import Synchronization
import Testing
@testable import TrackerStore

/// `RunTransfer` (`tracker push`): an SQLite file's runs copied into an
/// SQLite file and into a PostgreSQL schema.
@Suite struct RunTransferTests {
    @Test(arguments: TestBackend.all)
    func pushingTwiceAddsNothingAndEveryValueArrives(backend: TestBackend) throws {
        let directory = try ScratchDirectory()
        var source = try TransferFixture(in: directory, seed: 7)
        try source.populate(seed: 7)
        let target = try Store(path: try backend.location(in: directory))
        defer { target.close() }

        let first = try RunTransfer(from: source.store, to: target).push()
        #expect(first.pushed == source.finished.count)
        #expect(first.stillRunning == ["still-going"])
        #expect(first.checkpoints == 4)
        let points = try source.finished.map { try source.store.count(metricsOf: $0.id) }.reduce(0, +)
        #expect(first.points == points)
        let counts = try target.transferCounts()
        #expect(counts["blobs"] == 3, "the two runs' identical best weights are one blob")

        let second = try RunTransfer(from: source.store, to: target).push()
        #expect(second.pushed == 0 && second.updated == 0 && second.points == 0)
        #expect(second.skipped == source.finished.count)
        #expect(try target.transferCounts() == counts)

        for original in source.finished {
            let uuid = try #require(original.uuid)
            let copy = try #require(try target.runCarrying(uuid: uuid))
            try expectSameRun(original, in: source.store, as: copy, in: target)
        }
    }

    @Test(arguments: TestBackend.all)
    func aRunsSweepAndDataSetMapToTheTargetsOwnAndLineageFollows(backend: TestBackend) throws {
        let directory = try ScratchDirectory()
        var source = try TransferFixture(in: directory, seed: 11)
        try source.populate(seed: 11)
        let target = try Store(path: try backend.location(in: directory), options: Self.seededOptions(99))
        defer { target.close() }
        // The target knows digits' content already (as version 2), has
        // other content as moons version 1, and its own sweep and run
        // under names the source uses.
        _ = try target.registerDataset(DatasetSpec(
            name: "digits", fingerprint: TransferFixture.fingerprint("older digits"), rows: 10, features: 64, task: .classification))
        let knownDigits = try target.registerDataset(DatasetSpec(
            name: "digits", fingerprint: TransferFixture.fingerprint("digits-content"), rows: 1797, features: 64,
            task: .classification, classes: 10)).dataset
        _ = try target.registerDataset(DatasetSpec(
            name: "moons", fingerprint: TransferFixture.fingerprint("other moons"), rows: 5, features: 2,
            task: .classification, target: "label"))
        let otherRetune = try target.createSweep(SweepSpec(name: "retune", space: "{}"))
        _ = try target.createRun(RunSpec(name: "trial-0"))

        // The child sweep's runs first: its parent is not there yet.
        let child = try #require(source.childSweep), parent = try #require(source.parentSweep)
        let firstPush = try RunTransfer(from: source.store, to: target).push(RunFilter(sweepID: child.id))
        #expect(firstPush.pushed == 2)
        let childSweepID = try #require(try target.runCarrying(uuid: source.finished[0].uuid!)?.sweepID)
        let childCopy = try target.sweep(id: childSweepID)
        #expect(childCopy.uuid == child.uuid)
        #expect(childCopy.name == "retune-2")
        #expect(childCopy.id != otherRetune.id)
        #expect(childCopy.parentSweepID == nil)
        #expect(childCopy.datasetID == knownDigits.id)
        #expect(try target.runCarrying(uuid: source.finished[0].uuid!)?.datasetID == knownDigits.id)
        #expect(try target.runCarrying(uuid: source.finished[0].uuid!)?.name == "trial-0-2")
        #expect(try target.runCarrying(uuid: source.finished[1].uuid!)?.name == "trial-1")
        #expect(try target.runCarrying(uuid: source.finished[1].uuid!)?.sweepID == childCopy.id)

        // Then the parent's: the lineage is joined up, moons becomes version 2 here.
        try RunTransfer(from: source.store, to: target).push(RunFilter(sweepID: parent.id))
        let lineage = try target.sweepLineage(of: childCopy.id)
        #expect(lineage.map(\.uuid) == [parent.uuid, child.uuid])
        let parentCopy = lineage[0]
        #expect(parentCopy.name == "tune" && parentCopy.status == .finished)
        let moonsID = try #require(parentCopy.datasetID)
        let moons = try target.dataset(id: moonsID)
        #expect(moons.fingerprint == TransferFixture.fingerprint("moons-content"))
        #expect(moons.version == 2)
        #expect(moons.target == "label" && moons.source == "/data/moons.csv")
        #expect(try target.datasetVersions(named: "digits").count == 2, "no new digits version")
    }

    @Test(arguments: TestBackend.all)
    func aPushRefusedMidwayLeavesWholeRunsAndCompletesWhenRunAgain(backend: TestBackend) throws {
        let directory = try ScratchDirectory()
        var source = try TransferFixture(in: directory, seed: 13)
        try source.populate(seed: 13)
        let target = try Store(path: try backend.location(in: directory))
        defer { target.close() }
        try refuseMetricsOfTheThirdRun(in: target)

        #expect(throws: (any Error).self) { try RunTransfer(from: source.store, to: target).push() }
        // The first two runs, whole; nothing of the third, its data set and sweep included.
        let copied = try target.runs()
        #expect(copied.count == 2)
        for run in copied {
            let original = try #require(try source.store.runCarrying(uuid: run.uuid ?? ""))
            try expectSameRun(original, in: source.store, as: run, in: target)
        }
        #expect(try target.count("sweeps") == 1 && target.count("datasets") == 1)

        try allowMetrics(in: target)
        let completion = try RunTransfer(from: source.store, to: target).push()
        #expect(completion.skipped == 2)
        #expect(completion.pushed == source.finished.count - 2)

        let clean = try Store(path: try backend.location(in: directory))
        defer { clean.close() }
        try RunTransfer(from: source.store, to: clean).push()
        #expect(try target.transferCounts() == clean.transferCounts())
    }

    @Test(arguments: TestBackend.all)
    func aPushStoppedBetweenRunsKeepsThoseCopiedAndGoesOnWhenRunAgain(backend: TestBackend) throws {
        struct Stop: Error {}
        let directory = try ScratchDirectory()
        var source = try TransferFixture(in: directory, seed: 31)
        try source.populate(seed: 31)
        let target = try Store(path: try backend.location(in: directory))
        defer { target.close() }
        #expect(throws: Stop.self) {
            try RunTransfer(from: source.store, to: target).push { if $0.done == 1 { throw Stop() } }
        }
        #expect(try target.runs().map(\.uuid) == [source.finished[0].uuid])
        let rest = try RunTransfer(from: source.store, to: target).push()
        #expect(rest.skipped == 1 && rest.pushed == source.finished.count - 1)
    }

    @Test(arguments: TestBackend.all)
    func aCrashedCopyIsReplacedOnceTheSourceResumedAndFinishedIt(backend: TestBackend) throws {
        let directory = try ScratchDirectory()
        let source = try TransferFixture(in: directory, seed: 17)
        var generator = SplitMix64(seed: 17)
        let run = try source.store.createRun(RunSpec(name: "resumable", tags: ["a"]))
        try source.log(run.id, epochs: 5, using: &generator)
        try source.store.saveCheckpoint(run.id, kind: .last, step: 4, bytes: [1, 2, 3])
        try source.store.finishRun(run.id, status: .crashed, stopReason: .crashed)
        let target = try Store(path: try backend.location(in: directory))
        defer { target.close() }
        try RunTransfer(from: source.store, to: target).push()
        let crashedCopy = try #require(try target.runCarrying(uuid: run.uuid!))
        #expect(crashedCopy.status == .crashed)

        try source.store.reopenRun(run.id, fromStep: 4)
        try source.log(run.id, epochs: 9, from: 5, using: &generator)
        try source.store.saveCheckpoint(run.id, kind: .last, step: 8, bytes: [4, 5, 6])
        try source.store.finishRun(run.id)
        let again = try RunTransfer(from: source.store, to: target).push()
        #expect(again.updated == 1 && again.pushed == 0)
        let finishedCopy = try #require(try target.runCarrying(uuid: run.uuid!))
        #expect(finishedCopy.id == crashedCopy.id)
        try expectSameRun(try source.store.run(id: run.id), in: source.store, as: finishedCopy, in: target)
        #expect(try target.count("blobs") == 1, "the replaced checkpoint's blob is gone")

        let third = try RunTransfer(from: source.store, to: target).push()
        #expect(third.skipped == 1 && third.updated == 0)
    }

    @Test(arguments: TestBackend.all)
    func twoPushesOfOneFileAtOnceStoreEachRunOnce(backend: TestBackend) throws {
        let directory = try ScratchDirectory()
        var source = try TransferFixture(in: directory, seed: 19)
        try source.populate(seed: 19)
        let location = try backend.location(in: directory)
        try Store(path: location).close()
        let sourcePath = source.path
        let summaries = Mutex<[RunTransferSummary]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do {
                var readOnly = Store.Options()
                readOnly.readOnly = true
                let from = try Store(path: sourcePath, options: readOnly), to = try Store(path: location)
                defer { from.close(); to.close() }
                let summary = try RunTransfer(from: from, to: to).push()
                summaries.withLock { $0.append(summary) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let both = summaries.withLock { $0 }
        #expect(both.map(\.pushed).reduce(0, +) == source.finished.count)
        #expect(both.map(\.skipped).reduce(0, +) == source.finished.count)
        let target = try Store(path: location)
        defer { target.close() }
        #expect(try target.count("runs") == source.finished.count)
        #expect(try target.count("sweeps") == 2 && target.count("datasets") == 2)
    }

    @Test(arguments: TestBackend.all)
    func aRunTheTargetImportedItselfIsNotPushedAgainButNamed(backend: TestBackend) throws {
        let directory = try ScratchDirectory()
        var source = try TransferFixture(in: directory, seed: 23)
        try source.populate(seed: 23)
        let target = try Store(path: try backend.location(in: directory))
        defer { target.close() }
        let own = try target.createRun(RunSpec(name: "imported-here"))
        try target.setOrigin(of: own.id, source: .mlflow, externalID: "abc123")
        try target.finishRun(own.id)

        let summary = try RunTransfer(from: source.store, to: target).push()
        #expect(summary.pushed == source.finished.count - 1)
        #expect(summary.warnings.count == 1)
        #expect(summary.warnings.first?.contains("mlflow run abc123") == true)
        #expect(summary.warnings.first?.contains("imported-here") == true)
        #expect(try target.count("runs") == source.finished.count)
    }

    @Test(arguments: TestBackend.all)
    func aDeadRunningRunIsPushedAsCrashedEvenFromAReadOnlySource(backend: TestBackend) throws {
        let directory = try ScratchDirectory()
        let source = try TransferFixture(in: directory, seed: 29)
        var generator = SplitMix64(seed: 29)
        let run = try source.store.createRun(RunSpec(name: "orphan"))
        try source.log(run.id, epochs: 3, using: &generator)
        // Its writer is a process that has exited.
        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/sh")
        exited.arguments = ["-c", "exit 0"]
        try exited.run()
        exited.waitUntilExit()
        try source.store.database.execute("UPDATE runs SET pid = ? WHERE id = ?", Int64(exited.processIdentifier), run.id)
        source.store.close()
        var readOnly = Store.Options()
        readOnly.readOnly = true
        let reader = try Store(path: source.path, options: readOnly)
        defer { reader.close() }
        let target = try Store(path: try backend.location(in: directory))
        defer { target.close() }

        let summary = try RunTransfer(from: reader, to: target).push()
        #expect(summary.pushed == 1 && summary.stillRunning.isEmpty)
        let copy = try #require(try target.runCarrying(uuid: run.uuid ?? ""))
        #expect(copy.status == .crashed && copy.stopReason == .crashed)
        // Opened writable, the source marks it crashed just as the copy says: nothing to push again.
        let writer = try Store(path: source.path)
        defer { writer.close() }
        #expect(try writer.run(id: run.id).status == .crashed)
        let again = try RunTransfer(from: writer, to: target).push()
        #expect(again.skipped == 1 && again.updated == 0)
        try expectSameRun(try writer.run(id: run.id), in: writer, as: copy, in: target)
    }

    // MARK: Helpers

    private static func seededOptions(_ seed: UInt64) -> Store.Options {
        var options = Store.Options()
        options.nameSeed = seed
        return options
    }

    /// Everything of `original` but its store-local ids and (when taken) name.
    private func expectSameRun(_ original: Run, in source: Store, as copy: Run, in target: Store) throws {
        var expected = original
        expected.id = copy.id
        expected.name = copy.name
        expected.datasetID = copy.datasetID
        expected.sweepID = copy.sweepID
        #expect(copy == expected)
        #expect(try target.params(of: copy.id) == source.params(of: original.id))
        #expect(try target.tags(of: copy.id) == source.tags(of: original.id))
        #expect(try target.summaryRows(of: copy.id) == source.summaryRows(of: original.id))
        for metric in try source.summaries(of: original.id).keys {
            let copied = try target.history(of: copy.id, metric: metric)
            let originals = try source.history(of: original.id, metric: metric)
            #expect(copied.map(\.step) == originals.map(\.step) && copied.map(\.value) == originals.map(\.value))
        }
        let copiedCheckpoints = try target.checkpoints(of: copy.id)
        let originalCheckpoints = try source.checkpoints(of: original.id)
        #expect(copiedCheckpoints.map(\.kind) == originalCheckpoints.map(\.kind))
        #expect(copiedCheckpoints.map(\.step) == originalCheckpoints.map(\.step))
        #expect(copiedCheckpoints.map(\.createdAt) == originalCheckpoints.map(\.createdAt))
        #expect(try copiedCheckpoints.map(target.checkpointBytes) == originalCheckpoints.map(source.checkpointBytes))
        #expect(try target.sourceRecord(of: copy.id) == source.sourceRecord(of: original.id))
        let (copiedOrigin, originalOrigin) = (try target.origin(of: copy.id), try source.origin(of: original.id))
        #expect(copiedOrigin.source == originalOrigin.source && copiedOrigin.externalID == originalOrigin.externalID)
        if let datasetID = original.datasetID {
            let copiedID = try #require(copy.datasetID)
            let dataset = try source.dataset(id: datasetID), copied = try target.dataset(id: copiedID)
            #expect([copied.name, copied.fingerprint, copied.target] == [dataset.name, dataset.fingerprint, dataset.target])
        }
    }

    private func refuseMetricsOfTheThirdRun(in store: Store) throws {
        switch store.database.backend {
        case .sqlite:
            try store.database.execute("""
                CREATE TRIGGER refuse_third BEFORE INSERT ON metrics WHEN (SELECT count(*) FROM runs) >= 3
                BEGIN SELECT RAISE(ABORT, 'the target refuses'); END
                """)
        case .postgresql:
            try store.database.execute("""
                CREATE FUNCTION refuse_third() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (SELECT count(*) FROM runs) >= 3 THEN RAISE EXCEPTION 'the target refuses'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER refuse_third BEFORE INSERT ON metrics FOR EACH ROW EXECUTE FUNCTION refuse_third();
                """)
        }
    }

    private func allowMetrics(in store: Store) throws {
        try store.database.execute(store.database.backend == .sqlite
            ? "DROP TRIGGER refuse_third" : "DROP TRIGGER refuse_third ON metrics; DROP FUNCTION refuse_third()")
    }
}

extension Store {
    fileprivate func count(metricsOf run: RunID) throws -> Int {
        try database.scalar("SELECT count(*) FROM metrics WHERE run_id = ?", run, as: Int.self) ?? -1
    }

    /// A run's summary rows with metric names, `value_at_best` included.
    fileprivate func summaryRows(of run: RunID) throws -> [String] {
        try database.rows("""
            SELECT k.name, s.count, s.last_step, s.last_value, s.min_step, s.min_value, s.max_step, s.max_value, s.value_at_best
            FROM run_summary AS s JOIN metric_keys AS k ON k.id = s.key_id WHERE s.run_id = ? ORDER BY k.name
            """, run) { row in try (0..<9).map { "\(try row.value(at: $0))" }.joined(separator: "|") }
    }
}
