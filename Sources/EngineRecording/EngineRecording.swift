// The engine's side of recording: a `TrainingObserver` that writes to a
// TrackerKit run. Callers name both vocabularies; re-exported so they need
// not import the two modules underneath.
@_exported import TrackerKit
@_exported import Training
