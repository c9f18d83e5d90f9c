// Collects items from many concurrent jobs into one batch and resolves each caller when the batch
// is committed. A batch goes out when it is full or when its first item has waited maxWaitMs;
// one batch is in flight at a time, so the store sees large writes rather than many small ones.

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class Batcher<T> {
  private pending: Pending<T>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Resolves once the batch holding this item has been written; rejects with the write's error. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxSize) this.kick();
      else if (!this.timer) this.timer = setTimeout(() => this.kick(), this.maxWaitMs);
    });
  }

  get size(): number {
    return this.pending.length;
  }

  /** Writes everything pending now (used at shutdown). */
  async drain(): Promise<void> {
    while (this.pending.length || this.flushing) {
      this.kick();
      await this.flushing;
    }
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushing || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.maxSize);
    this.flushing = this.write(batch.map((entry) => entry.item))
      .then(
        () => batch.forEach((entry) => entry.resolve()),
        (error: unknown) => {
          const reason = error instanceof Error ? error : new Error(String(error));
          batch.forEach((entry) => entry.reject(reason));
        },
      )
      .finally(() => {
        this.flushing = undefined;
        // Items that arrived while writing go out at once if full, else after the usual wait.
        if (this.pending.length >= this.maxSize) this.kick();
        else if (this.pending.length && !this.timer) this.timer = setTimeout(() => this.kick(), this.maxWaitMs);
      });
  }
}
