/** The last `size` items by `seq`, oldest first, and no more than `maxWeight` in all: what the inspector shows and serves. */
export class History<T extends { seq: number }> {
  private readonly items = new Map<number, T>();
  private weight = 0;
  private last = 0;

  constructor(
    readonly size: number,
    private readonly weigh: (item: T) => number = () => 0,
    private readonly maxWeight = Infinity,
  ) {}

  add(item: T): void {
    this.items.set(item.seq, item);
    this.last = item.seq;
    this.weight += this.weigh(item);
    // The newest item stays, however heavy: the page can always show what just arrived.
    while (this.items.size > this.size || (this.weight > this.maxWeight && this.items.size > 1)) {
      const [seq, oldest] = this.items.entries().next().value!;
      this.items.delete(seq);
      this.weight -= this.weigh(oldest);
    }
  }

  /** The seq of the newest item added; 0 before any. */
  get newest(): number {
    return this.last;
  }

  get(seq: number): T | undefined {
    return this.items.get(seq);
  }

  /** Oldest first; with `afterSeq`, only the later ones (the items kept are in arrival order). */
  list(afterSeq = 0): T[] {
    const out: T[] = [];
    for (const item of this.items.values()) if (item.seq > afterSeq) out.push(item);
    return out;
  }
}
