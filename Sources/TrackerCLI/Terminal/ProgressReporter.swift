import Foundation
import Plots

/// Where one epoch of training stands, as the progress line shows it.
public struct EpochProgress: Sendable, Equatable {
    public var epoch: Int
    public var trainLoss: Double
    public var valLoss: Double?
    /// The best value of the monitored metric so far and its epoch.
    public var best: (epoch: Int, value: Double)?
    public var monitor: String

    public init(epoch: Int, trainLoss: Double, valLoss: Double? = nil, best: (epoch: Int, value: Double)? = nil, monitor: String = "val_loss") {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.valLoss = valLoss
        self.best = best
        self.monitor = monitor
    }

    public static func == (lhs: EpochProgress, rhs: EpochProgress) -> Bool {
        lhs.epoch == rhs.epoch && lhs.trainLoss == rhs.trainLoss && lhs.valLoss == rhs.valLoss
            && lhs.best?.epoch == rhs.best?.epoch && lhs.best?.value == rhs.best?.value && lhs.monitor == rhs.monitor
    }
}

/// Shows training progress: on a terminal one line rewritten in place with
/// `\r` (epoch, losses, best so far, time left); in a pipe or a log file a
/// plain line every `every` epochs, because `\r` there is noise.
public final class ProgressReporter {
    public enum Style: Sendable, Equatable {
        case live
        case lines(every: Int)
    }

    public let totalEpochs: Int
    public let style: Style
    private let write: (String) -> Void
    private let now: () -> Double
    private let start: Double
    private var lastLineLength = 0
    private var lastEpochShown: Int?

    /// - Parameters:
    ///   - write: where text goes (stderr, so stdout stays clean for data).
    ///   - now: seconds on a monotonic clock; injectable for tests.
    public init(
        totalEpochs: Int, style: Style, write: @escaping (String) -> Void,
        now: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime }
    ) {
        self.totalEpochs = totalEpochs
        self.style = style
        self.write = write
        self.now = now
        self.start = now()
    }

    /// Live on a terminal, otherwise a line about every tenth of the run.
    public static func style(for terminal: TerminalInfo, totalEpochs: Int) -> Style {
        terminal.stderrIsTerminal ? .live : .lines(every: max(1, totalEpochs / 10))
    }

    public func update(_ progress: EpochProgress) {
        let text = line(for: progress, elapsed: now() - start)
        switch style {
        case .live:
            // Pad over the previous line instead of relying on an erase escape,
            // which some terminals (and CI log viewers) do not honour.
            let padding = String(repeating: " ", count: max(0, lastLineLength - text.count))
            write("\r" + text + padding)
            lastLineLength = text.count
            lastEpochShown = progress.epoch
        case .lines(let every):
            if progress.epoch == 1 || progress.epoch % every == 0 || progress.epoch == totalEpochs {
                write(text + "\n")
                lastEpochShown = progress.epoch
            }
        }
    }

    /// Ends the live line so what follows starts on a fresh one.
    public func finish() {
        if style == .live, lastEpochShown != nil { write("\n") }
        lastEpochShown = nil
        lastLineLength = 0
    }

    func line(for progress: EpochProgress, elapsed: Double) -> String {
        let width = String(totalEpochs).count
        let epoch = String(repeating: " ", count: max(0, width - String(progress.epoch).count)) + String(progress.epoch)
        var parts = ["epoch \(epoch)/\(totalEpochs)", "train_loss \(NumberFormatting.compact(progress.trainLoss))"]
        if let valLoss = progress.valLoss { parts.append("val_loss \(NumberFormatting.compact(valLoss))") }
        if let best = progress.best {
            parts.append("best \(progress.monitor) \(NumberFormatting.compact(best.value)) @ \(best.epoch)")
        }
        parts.append("elapsed \(Self.duration(elapsed))")
        if progress.epoch > 0, progress.epoch < totalEpochs {
            let remaining = elapsed / Double(progress.epoch) * Double(totalEpochs - progress.epoch)
            parts.append("ETA \(Self.duration(remaining))")
        }
        return parts.joined(separator: "  ")
    }

    /// `0.4s`, `42s`, `3m05s`, `1h02m`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 10 { return String(format: "%.1fs", seconds) }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return String(format: "%dm%02ds", total / 60, total % 60) }
        return String(format: "%dh%02dm", total / 3600, total % 3600 / 60)
    }
}
