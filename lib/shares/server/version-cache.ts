// Server only. Opened versions, ready to send, kept in this process's memory (least recently used out first, by
// bytes). A version id never changes meaning, so a cached copy is always right — but each request still resolves the
// version in the database first, so an unpublished share stops being served at once by every instance.
export interface CachedVersion {
  /** The bundle as sent: TSB1 frames (lib/shares/frames.ts), gzip-compressed when that makes it smaller. */
  body: Uint8Array;
  contentType: string;
  etag: string;
}

export class VersionCache {
  private entries = new Map<string, CachedVersion>();
  private bytes = 0;

  constructor(private readonly capacity: number) {}

  get(versionId: string): CachedVersion | undefined {
    const hit = this.entries.get(versionId);
    if (!hit) return undefined;
    // Refresh its place: Map keeps insertion order, so the first key is the least recently used.
    this.entries.delete(versionId);
    this.entries.set(versionId, hit);
    return hit;
  }

  set(versionId: string, value: CachedVersion): void {
    const size = value.body.byteLength;
    if (size > this.capacity) return;
    const old = this.entries.get(versionId);
    if (old) {
      this.bytes -= old.body.byteLength;
      this.entries.delete(versionId);
    }
    this.entries.set(versionId, value);
    this.bytes += size;
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.capacity) break;
      this.entries.delete(key);
      this.bytes -= entry.body.byteLength;
    }
  }

  get size(): number {
    return this.bytes;
  }
}
