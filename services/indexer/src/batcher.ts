// Collects items from many concurrent jobs into batches and resolves each caller when the batch
// holding its item is committed. Meilisearch spends less CPU per document on larger batches
// (measured here with its indexing memory bounded, on 2,000 news-sized documents: 1.70 ms each in
// batches of 25, 0.78 of 100, 0.69 of 250, 0.64 of 1,000), so a batch goes out when
//   - it is full (maxSize), or
//   - no item has arrived for quietMs (a trickle: send now, latency matters more), or
//   - its first item has waited maxWaitMs (a steady stream: wait for a larger batch, but not long).
// Up to maxInFlight batches are written at once, so the store has the next one ready.

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface BatcherOptions {
  maxSize: number;
  maxWaitMs: number;
  quietMs: number;
  maxInFlight?: number;
}

export class Batcher<T> {
  private pending: Pending<T>[] = [];
  private oldestTimer: NodeJS.Timeout | undefined;
  private quietTimer: NodeJS.Timeout | undefined;
  /** When the quiet time last started again (each arrival, and each end of a flight with items left). */
  private quietSince = 0;
  private readonly flights = new Set<Promise<void>>();
  private readonly maxInFlight: number;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly options: BatcherOptions,
  ) {
    this.maxInFlight = options.maxInFlight ?? 2;
  }

  /** Resolves once the batch holding this item has been written; rejects with the write's error. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxSize) this.kick();
      else this.arm();
    });
  }

  get size(): number {
    return this.pending.length;
  }

  /** Writes everything pending now and waits for every write (used at shutdown). */
  async drain(): Promise<void> {
    while (this.pending.length || this.flights.size) {
      this.kick();
      await Promise.race(this.flights);
    }
  }

  private arm(): void {
    if (!this.pending.length) return;
    if (!this.oldestTimer) this.oldestTimer = setTimeout(() => this.kick(), this.options.maxWaitMs);
    // One quiet timer that looks again when it fires, rather than a timer cleared and created per item.
    this.quietSince = Date.now();
    this.quietTimer ??= setTimeout(() => this.quietElapsed(), this.options.quietMs);
  }

  private quietElapsed(): void {
    const left = this.quietSince + this.options.quietMs - Date.now();
    if (left > 0) this.quietTimer = setTimeout(() => this.quietElapsed(), left);
    else this.kick();
  }

  private kick(): void {
    clearTimeout(this.oldestTimer);
    clearTimeout(this.quietTimer);
    this.oldestTimer = this.quietTimer = undefined;
    if (this.pending.length === 0) return;
    if (this.flights.size >= this.maxInFlight) return; // the end of a flight kicks again
    const batch = this.pending.splice(0, this.options.maxSize);
    const flight: Promise<void> = this.write(batch.map((entry) => entry.item))
      .then(
        () => batch.forEach((entry) => entry.resolve()),
        (error: unknown) => {
          const reason = error instanceof Error ? error : new Error(String(error));
          batch.forEach((entry) => entry.reject(reason));
        },
      )
      .finally(() => {
        this.flights.delete(flight);
        // Items that arrived meanwhile go out at once if a batch is full, else on the usual timers.
        if (this.pending.length >= this.options.maxSize) this.kick();
        else this.arm();
      });
    this.flights.add(flight);
  }
}
