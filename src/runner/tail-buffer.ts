// Keeps only the last bytes of a child's output: enough to explain a failure, bounded in memory.

/** Default bytes of stdout/stderr kept per run. */
export const TAIL_BYTES = 8192;

/** A rolling buffer of the most recent output of one stream. */
export class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limitBytes: number = TAIL_BYTES) {}

  push(chunk: Buffer | string): void {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.chunks.push(buffer);
    this.size += buffer.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= this.limitBytes && this.chunks.length > 1) {
      this.size -= this.chunks.shift()!.length;
    }
  }

  /** The kept text, cut at the limit (a leading partial UTF-8 character is dropped by the decoder). */
  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limitBytes)).toString('utf8');
  }
}
