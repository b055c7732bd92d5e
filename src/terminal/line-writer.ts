/** Past this many buffered characters, output is written at once. */
const HIGH_WATER = 64 * 1024;

export interface LineWriter {
  write(text: string): void;
  flush(): void;
}

/**
 * Groups output written in one turn of the event loop into one write: under a burst of
 * events this saves a system call per line. On a terminal, lines go out as they come.
 */
export function createLineWriter(stream: NodeJS.WritableStream & { isTTY?: boolean }): LineWriter {
  if (stream.isTTY) return { write: (text) => void stream.write(text), flush: () => undefined };
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    stream.write(text);
  };
  return {
    write(text) {
      pending += text;
      if (pending.length >= HIGH_WATER) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
