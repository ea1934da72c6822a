// A least-recently-used map bounded by total weight (e.g. bytes), so memory stays capped whatever the chat sizes.
// Map iteration order is insertion order: re-inserting on access keeps the least recently used first.

export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private total = 0;

  constructor(private readonly maxWeight: number) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** The value without making it recently used. */
  peek(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Stores the value unless it alone is heavier than the whole cache (or the cache holds nothing); evicts the least
   * recently used to fit. */
  set(key: K, value: V, weight: number): void {
    this.delete(key);
    if (this.maxWeight <= 0 || weight > this.maxWeight) return;
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.total -= entry.weight;
    }
  }

  /** Deletes the key, or only while it still maps to `value` when one is given (a late failure must not drop a newer copy). */
  delete(key: K, value?: V): void {
    const entry = this.entries.get(key);
    if (!entry || (value !== undefined && entry.value !== value)) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.total;
  }
}
