/// Row ids of the store's main tables. Plain integers, as SQL users see them.
public typealias RunID = Int64
public typealias DatasetID = Int64
public typealias SweepID = Int64
public typealias CheckpointID = Int64
