package dev.vigil.evaluator.bucket;

/**
 * Everything the engine remembers between events: buckets, proactive timers and composite child
 * firings. Live evaluation backs it with Redis, backtest with memory.
 */
public interface EngineState extends BucketStore, TimerStore, ChildFiringStore {
}
