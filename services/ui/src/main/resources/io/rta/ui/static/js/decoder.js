// Decoding worker of the viewer (a module worker started by app.js): reads one time segment of a long periodic read,
// decodes its chunks and folds the samples of its clip into a min/max summary over the whole read's range, and
// transfers the summary's state back (app.js merges the segments' states). Messages:
//   in:  {id, base, token, identity, channel, conversion, offset, start, end (ns strings), range, buckets, clip}
//        {abort: id}
//   out: {id, state, chunks, bytes, samples} | {id, error, status, body, aborted, rta (an RtaError: the read's answer)}
import { RtaClient, RtaError, MinMaxSummary, valueTransform } from './rta.js';

const running = new Map();   // id -> AbortController

self.onmessage = async ({ data: m }) => {
  if (m.abort !== undefined) {
    const ac = running.get(m.abort);
    if (ac) ac.abort();
    return;
  }
  const ac = new AbortController();
  running.set(m.id, ac);
  try {
    const client = new RtaClient({ base: m.base, token: async () => m.token });
    const transform = valueTransform(m.conversion, m.offset);
    const r = await client.readChannel(m.identity, m.channel, BigInt(m.start), BigInt(m.end), {
      signal: ac.signal,
      transform: transform || undefined,
      summarize: { threshold: 0, buckets: m.buckets, range: m.range, clip: m.clip, raw: true },
    });
    self.postMessage({ id: m.id, state: r.state, chunks: r.chunks, bytes: r.bytes, samples: r.samples },
      MinMaxSummary.transferables(r.state));
  } catch (e) {
    self.postMessage({ id: m.id, error: String((e && e.message) || e), status: (e && e.status) || 0, body: (e && e.body) || null,
      aborted: !!(e && e.name === 'AbortError'), rta: e instanceof RtaError });
  } finally {
    running.delete(m.id);
  }
};
