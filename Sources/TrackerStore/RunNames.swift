/// Human-friendly run names: adjective-noun-number, e.g. "brave-otter-17".
///
/// Uniqueness is the database's job (runs.name is UNIQUE): the store draws a
/// name, and on a collision draws again with a wider number range.
struct RunNameGenerator {
    static let adjectives = [
        "amber", "bold", "brave", "bright", "calm", "clever", "cosmic", "crisp", "daring", "eager",
        "fancy", "fearless", "gentle", "golden", "happy", "humble", "jolly", "keen", "lively", "lucky",
        "mellow", "merry", "mighty", "misty", "noble", "plucky", "polar", "proud", "quick", "quiet",
        "rapid", "royal", "rustic", "shiny", "silent", "silver", "snowy", "solar", "steady", "stormy",
        "sunny", "swift", "tidy", "vivid", "wandering", "warm", "wild", "wise", "witty", "zesty",
    ]
    static let nouns = [
        "badger", "bear", "beaver", "bison", "crane", "dolphin", "eagle", "falcon", "ferret", "finch",
        "fox", "gecko", "heron", "ibis", "jaguar", "koala", "lemur", "lion", "lynx", "marmot",
        "mole", "moose", "narwhal", "newt", "ocelot", "orca", "osprey", "otter", "owl", "panda",
        "pelican", "puffin", "quail", "rabbit", "raven", "robin", "salmon", "seal", "sparrow", "stork",
        "swan", "tapir", "tiger", "toucan", "trout", "turtle", "walrus", "whale", "wolf", "yak",
    ]

    private var generator: SplitMix64

    init(seed: UInt64?) {
        generator = SplitMix64(seed: seed ?? UInt64.random(in: 0...UInt64.max))
    }

    /// A name; `attempt` (from 0) widens the number range after collisions so
    /// that a crowded database still finds a free name quickly.
    mutating func next(attempt: Int = 0) -> String {
        let adjective = Self.adjectives[Int(generator.next() % UInt64(Self.adjectives.count))]
        let noun = Self.nouns[Int(generator.next() % UInt64(Self.nouns.count))]
        let upper: UInt64 = attempt < 3 ? 100 : attempt < 6 ? 10_000 : 1_000_000
        let number = 1 + generator.next() % (upper - 1)
        return "\(adjective)-\(noun)-\(number)"
    }
}

/// A tiny seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
