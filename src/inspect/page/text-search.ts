import type { Api } from './api.js';

/** Events that arrive while words are searched are looked for in batches this far apart. */
const FOLLOW_MS = 250;

/**
 * The free-text filter. `listen` holds the bodies and the page only the rows, so the words
 * are looked for there: the seqs of the events holding them, kept up to date as events arrive.
 */
export class TextSearch {
  private words = '';
  private found: Set<number> | null = null;
  /** The newest event the last search covered. */
  private searchedUpTo = 0;
  private request: AbortController | null = null;
  private followTimer: number | undefined;

  constructor(
    private readonly api: Api,
    /** The newest event the page holds. */
    private readonly newest: () => number,
    /** More events were found after some arrived. */
    private readonly onMore: () => void,
  ) {}

  /** The events found holding the words; null without words. */
  get matches(): ReadonlySet<number> | null {
    return this.found;
  }

  /**
   * New words (or, with `again`, a new list): everything in memory is searched again; the same
   * words as before are not. Resolves false when newer words replaced these meanwhile.
   */
  async set(text: string, again = false): Promise<boolean> {
    if (!again && text.trim() === this.words && (this.words === '' || this.found !== null)) return true;
    window.clearTimeout(this.followTimer);
    this.followTimer = undefined;
    this.request?.abort();
    this.words = text.trim();
    this.searchedUpTo = 0;
    if (this.words === '') {
      this.found = null;
      return true;
    }
    const seqs = await this.search(0);
    if (seqs === null) return false;
    this.found = new Set(seqs);
    return true;
  }

  /** Events arrived: the ones after the last search are looked at soon, a batch at a time. */
  follow(): void {
    if (this.words === '' || this.found === null || this.followTimer !== undefined || this.request !== null) return;
    this.followTimer = window.setTimeout(() => {
      this.followTimer = undefined;
      void this.search(this.searchedUpTo).then((seqs) => {
        if (seqs === null || this.found === null) return;
        for (const seq of seqs) this.found.add(seq);
        this.onMore();
        if (this.newest() > this.searchedUpTo) this.follow();
      });
    }, FOLLOW_MS);
  }

  /** Null when replaced by a newer search, or when `listen` could not answer (it restarted: the list starts again anyway). */
  private async search(after: number): Promise<number[] | null> {
    const request = new AbortController();
    this.request = request;
    const upTo = this.newest();
    try {
      const seqs = await this.api.search(this.words, after, request.signal);
      if (request.signal.aborted) return null;
      this.searchedUpTo = Math.max(this.searchedUpTo, upTo);
      return seqs;
    } catch {
      return null;
    } finally {
      if (this.request === request) this.request = null;
    }
  }
}
