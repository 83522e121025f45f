import { EventSource } from 'eventsource';

/** Opens `count` plain EventSource connections to `url`; resolves once all are open. */
export async function openEventSources(url: string, count: number, onMessage: (data: string) => void): Promise<EventSource[]> {
  const sources: EventSource[] = [];
  for (let i = 0; i < count; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, count - i) }, () => {
        const source = new EventSource(url);
        sources.push(source);
        source.onmessage = (event) => onMessage(event.data as string);
        return new Promise<void>((resolve, reject) => {
          source.onopen = () => resolve();
          source.onerror = (err) => reject(new Error(`EventSource failed: ${String((err as { message?: string }).message)}`));
        });
      }),
    );
  }
  return sources;
}

/** Milliseconds since the epoch, with sub-millisecond precision, comparable across processes. */
export const now = () => performance.timeOrigin + performance.now();
