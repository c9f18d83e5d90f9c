// Collects items from many concurrent jobs into batches and resolves each caller when the batch
// holding its item is committed. A batch goes out when it is full or when its first item has
// waited maxWaitMs. Up to maxInFlight batches are written at once, so the store always has the
// next batch queued while it works on one (Meilisearch merges queued additions into one run).

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class Batcher<T> {
  private pending: Pending<T>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly flights = new Set<Promise<void>>();

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
    private readonly maxInFlight = 2,
  ) {}

  /** Resolves once the batch holding this item has been written; rejects with the write's error. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxSize) this.kick();
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
    if (!this.timer && this.pending.length) this.timer = setTimeout(() => this.kick(), this.maxWaitMs);
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    if (this.flights.size >= this.maxInFlight) return; // the end of a flight kicks again
    const batch = this.pending.splice(0, this.maxSize);
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
        // Items that arrived meanwhile go out at once if a batch is full, else after the usual wait.
        if (this.pending.length >= this.maxSize) this.kick();
        else this.arm();
      });
    this.flights.add(flight);
  }
}
