/** The last `size` items by `seq`, oldest first: what the inspector shows and serves. */
export class History<T extends { seq: number }> {
  private readonly items = new Map<number, T>();

  constructor(readonly size: number) {}

  add(item: T): void {
    this.items.set(item.seq, item);
    if (this.items.size > this.size) this.items.delete(this.items.keys().next().value!);
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
