/// Picks which points of a long curve a figure draws.
///
/// Min/max per bucket: the x range is cut into `buckets` equal slices (one
/// per pixel column, say) and each slice keeps its lowest and highest
/// points, so a spike survives however many points surround it. The first
/// and last points are always kept. Returns indices, in order, into the
/// original arrays, so that any value computed on the full history (the
/// smoothed curve above all) is looked up, never recomputed, at the kept points.
public enum Downsampling {
    /// Indices of the points to keep. `series` are the y columns that must
    /// keep their extremes (e.g. the raw and the smoothed values), all
    /// aligned with `xs`, which must be sorted ascending.
    public static func minMaxIndices(xs: [Double], series: [[Double]], buckets: Int) -> [Int] {
        let count = xs.count
        guard buckets >= 1, count > 2 * buckets + 2, let first = xs.first, let last = xs.last, last > first else {
            return Array(xs.indices)
        }
        var keep = [Bool](repeating: false, count: count)
        keep[0] = true
        keep[count - 1] = true
        let width = (last - first) / Double(buckets)
        var start = 0
        while start < count {
            let bucket = min(buckets - 1, Int((xs[start] - first) / width))
            var end = start + 1
            while end < count, min(buckets - 1, Int((xs[end] - first) / width)) == bucket { end += 1 }
            for ys in series {
                var lowest = start, highest = start
                for index in start..<end {
                    // NaN compares false both ways: a NaN point is never an extreme.
                    if ys[index] < ys[lowest] || !ys[lowest].isFinite { lowest = index }
                    if ys[index] > ys[highest] || !ys[highest].isFinite { highest = index }
                }
                keep[lowest] = true
                keep[highest] = true
            }
            start = end
        }
        return keep.indices.filter { keep[$0] }
    }
}
