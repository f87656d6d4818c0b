// Live session stream over a WebSocket (sub-protocol mat.ocs.rta.stream-lz4): every server message is a K4os LZ4
// pickle of a StreamDataBurst; the client sends uncompressed StreamRequests.
import { unpickle } from './lz4.js';
import { Reader, Writer } from './protobuf.js';
import { nsToSeconds, decodeEvent, readRow, pathSegment } from './rta.js';

export const STREAM_PROTOCOL = 'mat.ocs.rta.stream-lz4';
export const TOKEN_PROTOCOL_PREFIX = 'rta.bearer.';

/** Encodes StreamRequest{subscribe = StreamSubscription{all_events, all_data_channels, data_channel_ids}}. */
export function encodeSubscription({ allEvents = false, allDataChannels = false, channelIds = [] } = {}) {
  const w = new Writer();
  w.tag(2, 2).fork();
  if (allEvents) w.tag(1, 0).bool(true);
  if (allDataChannels) w.tag(2, 0).bool(true);
  w.packedUint32(3, channelIds.map((id) => {
    const n = Number(id);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`channel id ${id} is not a uint32`);
    return n;
  }));
  w.ldelim();
  return w.finish();
}

function splitNs(ns) {
  const s = ns / 1000000000n;
  return [Number(s), Number(ns - s * 1000000000n)];
}

function decodePeriodic(r) {
  let channelId = 0;
  let startNs = 0n;
  let interval = 0;
  let samples = 0;
  let buffer = new Uint8Array(0);
  for (let t = r.tag(); t !== 0; t = r.tag()) {
    switch (t) {
      case 8: channelId = r.uint32(); break;
      case 17: startNs = r.sfixed64(); break;
      case 24: interval = r.int64(); break;
      case 32: samples = r.int32(); break;
      case 42: buffer = r.bytes(); break;
      default: r.skip(t & 7);
    }
  }
  return { channelId, t0: nsToSeconds(startNs), t0Ns: startNs, interval: interval / 1e9, intervalNs: interval, samples, buffer };
}

/** RowData -> {ids (buffer order), t (s), tNs, buffer}: the values are located with the config's types. */
function decodeRow(r) {
  const { ids, tNs, bufPos, bufLen } = readRow(r);
  return { ids, t: nsToSeconds(tNs), tNs, buffer: r.buf.subarray(bufPos, bufPos + bufLen) };
}

function decodeTimestamped(r) {
  let channelId = 0;
  let startNs = 0n;
  let scale = 0;
  const deltas = [];
  let buffer = new Uint8Array(0);
  for (let t = r.tag(); t !== 0; t = r.tag()) {
    switch (t) {
      case 8: channelId = r.uint32(); break;
      case 17: startNs = r.sfixed64(); break;
      case 24: scale = r.int64(); break;
      case 32: deltas.push(r.int64()); break;
      case 34: r.repeated(2, (x) => x.int64(), deltas); break;
      case 42: buffer = r.bytes(); break;
      default: r.skip(t & 7);
    }
  }
  const [s0, f0] = splitNs(startNs);
  const t = new Float64Array(deltas.length);
  let sum = 0;
  for (let i = 0; i < deltas.length; i++) {
    sum += deltas[i];
    t[i] = s0 + (f0 + sum * scale) / 1e9;
  }
  return { channelId, t, t0Ns: startNs, buffer };
}

function decodeTimeRange(r) {
  let start = 0n;
  let end = 0n;
  for (let t = r.tag(); t !== 0; t = r.tag()) {
    if (t === 9) start = r.sfixed64();
    else if (t === 17) end = r.sfixed64();
    else r.skip(t & 7);
  }
  return { start, end };
}

/**
 * Decodes one server message (a pickled StreamDataBurst) and calls the handlers in order.
 * Exported for tests. Returns the number of StreamData items.
 */
export function dispatchBurst(bytes, handlers) {
  const burst = unpickle(bytes);
  const r = new Reader(burst, 0, burst.length, 'StreamDataBurst');
  let items = 0;
  for (let tag = r.tag(); tag !== 0; tag = r.tag()) {
    if (tag !== 10) { r.skip(tag & 7); continue; }
    const d = r.sub('StreamData');
    items++;
    for (let t = d.tag(); t !== 0; t = d.tag()) {
      switch (t) {
        case 18: {
          const text = d.string();
          let obj;
          try {
            obj = JSON.parse(text);
          } catch (e) {
            throw new Error(`session_json is not JSON: ${e.message}`);
          }
          handlers.onSessionJson?.(obj);
          break;
        }
        case 26: {
          const { start, end } = decodeTimeRange(d.sub('StreamTimeRange'));
          handlers.onTimeRange?.(nsToSeconds(start), nsToSeconds(end), start, end);
          break;
        }
        // (decode before calling: an optional call `f?.(arg)` would skip consuming the field when f is absent)
        case 34: {
          const item = decodeTimestamped(d.sub('TimestampedData'));
          handlers.onTimestamped?.(item);
          break;
        }
        case 42: {
          const item = decodePeriodic(d.sub('PeriodicData'));
          handlers.onPeriodic?.(item);
          break;
        }
        case 50: {
          const item = decodeRow(d.sub('RowData'));
          handlers.onRow?.(item);
          break;
        }
        case 58: {
          const item = decodeEvent(d.sub('Event'));
          handlers.onEvent?.(item);
          break;
        }
        default: d.skip(t & 7);
      }
    }
  }
  return items;
}

function streamUrl(base, identity) {
  const u = new URL(`sessions/${pathSegment(identity)}/stream`, base);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  return u;
}

export class LiveStream {
  /**
   * @param {string} identity
   * @param {{base?: URL|string, token?: string|null, WebSocket?: typeof WebSocket, onSessionJson?, onTimeRange?,
   *   onPeriodic?, onTimestamped?, onRow?, onEvent?, onClose?, onError?}} options
   */
  constructor(identity, options = {}) {
    const here = typeof location === 'undefined' ? undefined : location.href;
    let base = options.base ? new URL(options.base, here) : new URL('../rta/v2/', here);
    if (!base.pathname.endsWith('/')) base = new URL(base.pathname + '/', base);
    this.url = streamUrl(base, identity);
    this.handlers = options;
    this.pending = [];
    this.closed = false;
    this.messages = 0;
    const protocols = [STREAM_PROTOCOL];
    if (options.token) protocols.push(TOKEN_PROTOCOL_PREFIX + options.token);
    const WS = options.WebSocket ?? globalThis.WebSocket;
    if (!WS) throw new Error('this environment has no WebSocket');
    const ws = new WS(this.url.href, protocols);
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      for (const msg of this.pending) ws.send(msg);
      this.pending = [];
    };
    ws.onmessage = (event) => this._message(event.data);
    ws.onerror = () => {
      // the browser tells nothing more; the close event follows
      if (!this.closed) this._error(new Error(`live stream ${this.url.href}: WebSocket error`));
    };
    ws.onclose = (event) => {
      this.closed = true;
      this.handlers.onClose?.({ code: event.code, reason: event.reason });
    };
  }

  _error(err) {
    if (this.handlers.onError) this.handlers.onError(err);
    else console.error(err);
  }

  _message(data) {
    this.messages++;
    try {
      if (typeof data === 'string') throw new Error('text message on a binary stream');
      let bytes;
      if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
      else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      else throw new Error(`unexpected message type ${Object.prototype.toString.call(data)}`);
      dispatchBurst(bytes, this.handlers);
    } catch (e) {
      this._error(new Error(`live stream message ${this.messages}: ${e.message}`));
    }
  }

  /** Widens the subscription (sent once the socket is open). */
  subscribe({ allEvents = false, channelIds = [], allDataChannels = false } = {}) {
    const msg = encodeSubscription({ allEvents, allDataChannels, channelIds });
    if (this.closed) return;
    if (this.ws.readyState === 1) this.ws.send(msg);
    else this.pending.push(msg);
  }

  close(code = 1000, reason = '') {
    if (this.ws.readyState === 0 || this.ws.readyState === 1) this.ws.close(code, reason);
  }
}
