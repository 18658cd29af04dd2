import Testing
@testable import ChildProcess

@Suite("Protocol messages: what a child may send, and the reason when it may not")
struct ExecMessageDecoderTests {
    func decode(_ text: String) -> ExecMessageDecoder.Decoded { ExecMessageDecoder.decode(Array(text.utf8)) }

    func message(_ text: String) throws -> ExecMessage {
        guard case .message(let message) = decode(text) else {
            Issue.record("rejected: \(text) -> \(decode(text))")
            throw CancellationError()
        }
        return message
    }

    @Test func stepWithMetricsKeepsTheirOrder() throws {
        let decoded = try message(#"{"step": 3, "metrics": {"train_loss": 0.41, "val_loss": 0.52, "epoch_time": 2}}"#)
        #expect(decoded.step == 3)
        #expect(decoded.metrics == [.init(name: "train_loss", value: 0.41), .init(name: "val_loss", value: 0.52), .init(name: "epoch_time", value: 2)])
    }

    @Test func nanAndInfinityMetricsArrive() throws {
        let decoded = try message(#"{"step": 0, "metrics": {"loss": NaN, "grad": Infinity}}"#)
        #expect(decoded.metrics.count == 2)
        #expect(decoded.metrics[0].value.isNaN)
        #expect(decoded.metrics[1].value == .infinity)
    }

    @Test func paramsKeepTheirTypes() throws {
        let decoded = try message(#"{"params": {"lr": 0.001, "epochs": 20, "optimizer": "adamw", "amsgrad": false}}"#)
        #expect(decoded.params == [
            .init(key: "lr", value: .real(0.001)), .init(key: "epochs", value: .integer(20)),
            .init(key: "optimizer", value: .text("adamw")), .init(key: "amsgrad", value: .bool(false)),
        ])
    }

    @Test func checkpointTakesTheStepAndKind() throws {
        #expect(try message(#"{"checkpoint": "best.pt", "step": 3, "kind": "best"}"#).checkpoint == .init(path: "best.pt", step: 3, kind: .best))
        #expect(try message(#"{"checkpoint": "x.pt", "step": 9}"#).checkpoint?.kind == .manual)
    }

    @Test func theOtherMessagesAndACombination() throws {
        #expect(try message(#"{"kept_step": 7}"#).keptStep == 7)
        #expect(try message(#"{"tags": ["baseline", "v2"]}"#).tags == ["baseline", "v2"])
        #expect(try message(#"{"notes": "warm restart"}"#).notes == "warm restart")
        let combined = try message(#"{"step": 4, "metrics": {"val_loss": 0.3}, "checkpoint": "b.pt", "kind": "best", "kept_step": 4, "tags": ["t"]}"#)
        #expect(combined.metrics.count == 1)
        #expect(combined.checkpoint == .init(path: "b.pt", step: 4, kind: .best))
        #expect(combined.keptStep == 4)
        #expect(combined.tags == ["t"])
    }

    @Test func anUnknownFieldWarnsAndTheRestCounts() throws {
        let decoded = try message(#"{"step": 1, "metrics": {"a": 1}, "epoch": 1}"#)
        #expect(decoded.metrics.count == 1)
        #expect(decoded.warnings.count == 1)
        #expect(decoded.warnings.first?.hasPrefix("unknown field \"epoch\" ignored") == true)
    }

    @Test(arguments: [
        ("[1, 2]", "a JSON object is expected, got an array ([1, 2])"),
        ("not json", "not JSON: unexpected character 'o' at byte 2"),
        (#"{"step": 3.5, "metrics": {"a": 1}}"#, #"step is not an integer (got 3.5): send e.g. "step": 3"#),
        (#"{"step": "3", "metrics": {"a": 1}}"#, #"step is not an integer (got "3"): send e.g. "step": 3"#),
        (#"{"step": -1, "metrics": {"a": 1}}"#, "step is negative (-1): steps count from 0"),
        (#"{"step": 1, "metrics": {"val_loss": "0.5"}}"#, #"metric "val_loss" is a string ("0.5"): send a number"#),
        (#"{"step": 1, "metrics": {"val_loss": null}}"#, #"metric "val_loss" is null: send a number (NaN for a missing value)"#),
        (#"{"step": 1, "metrics": {"": 1}}"#, "a metric name is empty"),
        (#"{"step": 1, "metrics": [1]}"#, "metrics must be an object of name: number, got an array ([1])"),
        (#"{"metrics": {"a": 1}}"#, #"metrics need a step: add "step": N"#),
        (#"{"checkpoint": "a.pt", "step": 1, "kind": "final"}"#, #"checkpoint kind "final" is unknown: use best|last|periodic|manual"#),
        (#"{"checkpoint": "a.pt"}"#, #"checkpoint "a.pt" needs a step: add "step": N"#),
        (#"{"kind": "best", "step": 1}"#, #""kind" without "checkpoint": kind says what the checkpoint is"#),
        (#"{"params": {"layers": [1, 2]}}"#, #"param "layers" is an array ([1, 2]): send a number, string or bool"#),
        (#"{"tags": ["a", ""]}"#, #"a tag must be a non-empty string, got """#),
        (#"{"kept_step": 1.5}"#, #"kept_step is not an integer (got 1.5): send e.g. "kept_step": 3"#),
        (#"{"step": 3}"#, #"a step alone records nothing: add "metrics" or "checkpoint""#),
        ("{}", "nothing to record: the object is empty"),
    ])
    func malformedLinesGetOnePreciseReason(text: String, reason: String) {
        #expect(decode(text) == .malformed(reason))
    }

    @Test func onlyUnknownFieldsRecordNothing() {
        guard case .malformed(let reason) = decode(#"{"loss": 0.3}"#) else { Issue.record("accepted"); return }
        #expect(reason.hasPrefix("nothing to record: no known field"))
    }

    @Test func binaryGarbageIsNotUTF8() {
        #expect(ExecMessageDecoder.decode([0xFF, 0xFE, 0x00, 0x7B]) == .malformed("not UTF-8 text (binary data?): write one JSON object per line"))
    }
}
