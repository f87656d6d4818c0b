// RTA API client for the viewer: JSON endpoints, and the chunked protobuf data streams
// (application/vnd.mat.protobuf+chunked) decoded incrementally as the response arrives.
import { decodeBlockInto, MAX_UNPACKED_LENGTH } from './lz4.js';
import { Reader } from './protobuf.js';

/** An API answer other than 2xx (status > 0), a network failure (status 0) or data the viewer cannot use. */
export class RtaError extends Error {
  constructor(message, status = 0, body = null) {
    super(message);
    this.name = 'RtaError';
    this.status = status;
    this.body = body;
  }
}

const NS_PER_S = 1000000000n;
const MAX_HEADER_LENGTH = 1 << 20;
const MAX_PACKED_LENGTH = 64 << 20;
export const COMPRESSION_NONE = 0;
export const COMPRESSION_LZ4 = 1;

// ---------------------------------------------------------------------------------------------------------------
// time

/** ns since the Unix epoch (BigInt) -> seconds (Number, ~0.25 us resolution near today). */
export function nsToSeconds(ns) {
  if (typeof ns !== 'bigint') ns = BigInt(ns);
  const s = ns / NS_PER_S;
  return Number(s) + Number(ns - s * NS_PER_S) / 1e9;
}

/** seconds (Number) -> ns since the Unix epoch (BigInt), rounded to the nearest ns. */
export function secondsToNs(s) {
  if (!Number.isFinite(s)) throw new RangeError(`secondsToNs: ${s} is not a finite number`);
  const whole = Math.floor(s);
  let frac = Math.round((s - whole) * 1e9);
  return BigInt(whole) * NS_PER_S + BigInt(frac);
}

function nsParam(ns) {
  if (typeof ns === 'bigint') return ns.toString();
  if (typeof ns === 'number' && Number.isFinite(ns)) return BigInt(Math.trunc(ns)).toString();
  if (typeof ns === 'string' && /^-?\d+$/.test(ns)) return ns;
  throw new RangeError(`not a time in ns: ${ns}`);
}

// ---------------------------------------------------------------------------------------------------------------
// samples

const SAMPLE_SIZES = { u8: 1, s8: 1, u16: 2, s16: 2, u32: 4, s32: 4, f32: 4, '3f32': 12, f64: 8 };

/** Bytes per sample of a channel type; throws for an unknown type. */
export function sampleSize(type) {
  const size = SAMPLE_SIZES[type ?? 'f64'];
  if (size === undefined) throw new RtaError(`channel type '${type}' is not one of ${Object.keys(SAMPLE_SIZES).join(', ')}`);
  return size;
}

/**
 * Writes count samples of the given type, little-endian from view[pos], into out[o ...] as Numbers (3f32: first axis).
 * @param {DataView} view
 */
function writeSamples(view, pos, count, type, out, o) {
  switch (type) {
    case 'u8': for (let i = 0; i < count; i++) out[o + i] = view.getUint8(pos + i); break;
    case 's8': for (let i = 0; i < count; i++) out[o + i] = view.getInt8(pos + i); break;
    case 'u16': for (let i = 0; i < count; i++) out[o + i] = view.getUint16(pos + 2 * i, true); break;
    case 's16': for (let i = 0; i < count; i++) out[o + i] = view.getInt16(pos + 2 * i, true); break;
    case 'u32': for (let i = 0; i < count; i++) out[o + i] = view.getUint32(pos + 4 * i, true); break;
    case 's32': for (let i = 0; i < count; i++) out[o + i] = view.getInt32(pos + 4 * i, true); break;
    case 'f32': for (let i = 0; i < count; i++) out[o + i] = view.getFloat32(pos + 4 * i, true); break;
    case '3f32': for (let i = 0; i < count; i++) out[o + i] = view.getFloat32(pos + 12 * i, true); break;
    case 'f64': for (let i = 0; i < count; i++) out[o + i] = view.getFloat64(pos + 8 * i, true); break;
    default: throw new RtaError(`channel type '${type}' is not supported`);
  }
}

/**
 * Decodes a little-endian sample buffer.
 * @param {Uint8Array} buffer
 * @param {string} type u8 s8 u16 s16 u32 s32 f32 3f32 (first axis) f64
 * @param {number} [count] samples to decode (default: all the buffer holds)
 * @returns {Float64Array}
 */
export function decodeSamples(buffer, type, count) {
  type = type ?? 'f64';
  const size = sampleSize(type);
  const n = count ?? Math.floor(buffer.length / size);
  if (n * size > buffer.length) {
    throw new RtaError(`a ${buffer.length}-byte buffer holds fewer than ${n} ${type} samples`);
  }
  const out = new Float64Array(n);
  writeSamples(new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength), 0, n, type, out, 0);
  return out;
}

/** Most samples one readChannel returns (512 MiB per column); a longer read is refused with a clear message. */
export const MAX_SAMPLES = 1 << 26;

// Resizable ArrayBuffers (Chromium 111+) grow in place: the columns' memory is touched once, never copied, which
// matters more than anything else at 10 million samples (fresh pages cost far more than the decoding itself).
const RESIZABLE = (() => {
  try {
    const b = new ArrayBuffer(0, { maxByteLength: 8 });
    return b.resizable === true && typeof b.resize === 'function';
  } catch (e) {
    return false;
  }
})();

/**
 * Growable (t, v) columns. A decoder calls ensure(extra) before writing t[n .. n + extra) and v[...]; values it
 * wrote past n survive growth.
 */
class Columns {
  constructor(capacity = 1 << 14) {
    this.n = 0;
    if (RESIZABLE) {
      this.tb = new ArrayBuffer(capacity * 8, { maxByteLength: MAX_SAMPLES * 8 });
      this.vb = new ArrayBuffer(capacity * 8, { maxByteLength: MAX_SAMPLES * 8 });
      this.t = new Float64Array(this.tb); // length-tracking views: they follow resize()
      this.v = new Float64Array(this.vb);
    } else {
      this.t = new Float64Array(capacity);
      this.v = new Float64Array(capacity);
    }
  }

  ensure(extra) {
    const need = this.n + extra;
    const cap = this.t.length;
    if (need <= cap) return;
    if (need > MAX_SAMPLES) {
      throw new RtaError(`more than ${MAX_SAMPLES} samples: too many for the viewer to hold; choose a shorter time range`);
    }
    let grown = cap * 2;
    while (grown < need) grown *= 2;
    grown = Math.min(grown, MAX_SAMPLES);
    if (RESIZABLE) {
      this.tb.resize(grown * 8);
      this.vb.resize(grown * 8);
      return;
    }
    // whole arrays: a decoder may hold values past n (timestamp sums of the result in progress)
    const t = new Float64Array(grown);
    const v = new Float64Array(grown);
    t.set(this.t);
    v.set(this.v);
    this.t = t;
    this.v = v;
  }

  result() {
    const n = this.n;
    if (RESIZABLE) {
      // views of exactly n; the pages past n were never touched (shrinking with resize() costs far more)
      return { t: this.t.subarray(0, n), v: this.v.subarray(0, n) };
    }
    if (n === this.t.length) return { t: this.t, v: this.v };
    return { t: this.t.slice(0, n), v: this.v.slice(0, n) };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// chunk stream

/**
 * Incremental parser of an application/vnd.mat.protobuf+chunked stream. push() the bytes as they arrive; onChunk is
 * called with each complete chunk: (header, payload) where payload is the unpacked list (a view valid only during the
 * call) and header = {index, start: BigInt, end: BigInt, channelIds: number[], compression, unpackedLength,
 * packedLength}. Call finish() at the end of the stream: it throws when the stream stopped inside a chunk.
 */
export class ChunkStreamParser {
  constructor(onChunk) {
    this.onChunk = onChunk;
    this.buf = new Uint8Array(1 << 16);
    this.start = 0;
    this.end = 0;
    this.index = 0;
    this.bytes = 0;
    this.prevStart = 0n;
    this.prevDuration = 0n;
    this.compression = 0;
    this.scratch = new Uint8Array(1 << 16);
  }

  fail(problem) {
    throw new RtaError(`chunk ${this.index}: ${problem}`);
  }

  push(data) {
    this.bytes += data.length;
    let buf = this.buf;
    if (this.start === this.end) {
      this.start = this.end = 0;
    }
    if (this.end + data.length > buf.length) {
      const live = this.end - this.start;
      if (live + data.length <= buf.length) {
        buf.copyWithin(0, this.start, this.end);
      } else {
        let cap = buf.length * 2;
        while (cap < live + data.length) cap *= 2;
        const grown = new Uint8Array(cap);
        grown.set(buf.subarray(this.start, this.end));
        buf = this.buf = grown;
      }
      this.start = 0;
      this.end = live;
    }
    buf.set(data, this.end);
    this.end += data.length;
    this._drain();
  }

  _drain() {
    const buf = this.buf;
    for (;;) {
      const avail = this.end - this.start;
      if (avail < 4) return;
      const p = this.start;
      const headerLength = buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24);
      if (headerLength < 0) this.fail(`header length ${headerLength} is negative`);
      if (headerLength > MAX_HEADER_LENGTH) this.fail(`header length ${headerLength} exceeds the limit of ${MAX_HEADER_LENGTH} bytes`);
      if (avail < 4 + headerLength) return;
      // header fields (committed only once the whole chunk is here)
      const r = new Reader(buf, p + 4, p + 4 + headerLength, `ChunkTransferHeader of chunk ${this.index}`);
      let startDelta = 0n;
      let durationDelta = 0n;
      const channelIds = [];
      let compressionDelta = 0;
      let unpackedLength = 0;
      let packedLength = 0;
      for (let tag = r.tag(); tag !== 0; tag = r.tag()) {
        switch (tag) {
          case 8: startDelta = r.sint64Big(); break;
          case 16: durationDelta = r.sint64Big(); break;
          case 24: channelIds.push(r.uint32()); break;
          case 26: r.repeated(2, (x) => x.uint32(), channelIds); break;
          case 32: compressionDelta = r.int32(); break;
          case 40: unpackedLength = r.int32(); break;
          case 48: packedLength = r.int32(); break;
          default: r.skip(tag & 7);
        }
      }
      if (unpackedLength < 0) this.fail(`unpacked_length ${unpackedLength} is negative`);
      if (packedLength < 0) this.fail(`packed_length ${packedLength} is negative`);
      if (unpackedLength > MAX_UNPACKED_LENGTH) this.fail(`unpacked_length ${unpackedLength} exceeds the limit of ${MAX_UNPACKED_LENGTH} bytes`);
      if (packedLength > MAX_PACKED_LENGTH) this.fail(`packed_length ${packedLength} exceeds the limit of ${MAX_PACKED_LENGTH} bytes`);
      const frame = 4 + headerLength + packedLength;
      if (avail < frame) return; // wait for the payload (memory grows only as its bytes arrive)
      const startTime = this.prevStart + startDelta;
      const duration = this.prevDuration + durationDelta;
      if (duration < 0n) this.fail(`chunk_duration_delta ${durationDelta} gives a negative duration ${duration}`);
      const compression = this.compression + compressionDelta;
      const payloadStart = p + 4 + headerLength;
      let payload;
      if (compression === COMPRESSION_LZ4) {
        if (unpackedLength > 255 * packedLength + 255) {
          this.fail(`a ${packedLength}-byte LZ4 payload claims to unpack to ${unpackedLength} bytes, more than LZ4 can expand to`);
        }
        if (this.scratch.length < unpackedLength) {
          let cap = this.scratch.length * 2;
          while (cap < unpackedLength) cap *= 2;
          this.scratch = new Uint8Array(cap);
        }
        let got;
        try {
          got = decodeBlockInto(buf, payloadStart, payloadStart + packedLength, this.scratch, 0, unpackedLength);
        } catch (e) {
          this.fail(e.message);
        }
        if (got !== unpackedLength) this.fail(`LZ4 payload unpacks to ${got} bytes, not the unpacked_length ${unpackedLength}`);
        payload = this.scratch.subarray(0, unpackedLength);
      } else if (compression === COMPRESSION_NONE) {
        payload = buf.subarray(payloadStart, payloadStart + packedLength);
      } else {
        this.fail(`compression ${compression} is neither LZ4 (1) nor none (0)`);
      }
      this.prevStart = startTime;
      this.prevDuration = duration;
      this.compression = compression;
      this.start = p + frame;
      const header = {
        index: this.index, start: startTime, end: startTime + duration, channelIds, compression,
        unpackedLength, packedLength,
      };
      this.index++;
      this.onChunk(header, payload);
    }
  }

  finish() {
    const left = this.end - this.start;
    if (left === 0) return;
    if (left < 4) this.fail(`stream ends after ${left} of the 4 header length bytes`);
    const p = this.start;
    const headerLength = this.buf[p] | (this.buf[p + 1] << 8) | (this.buf[p + 2] << 16) | (this.buf[p + 3] << 24);
    if (left < 4 + headerLength) this.fail(`stream ends after ${left - 4} of the ${headerLength} header bytes`);
    this.fail(`stream ends after ${left - 4 - headerLength} payload bytes, before the end of the chunk`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// list decoders (payload -> Columns), no per-sample allocation

function splitNs(ns) {
  const s = ns / NS_PER_S;
  return [Number(s), Number(ns - s * NS_PER_S)];
}

/**
 * Calls each(channelId, startNs, interval, samples, view, bufPos) for every PeriodicData of a PeriodicDataList
 * payload that holds samples, after checking its buffer holds them (a clear error naming the channel otherwise).
 */
function eachPeriodicData(payload, type, what, each) {
  const size = sampleSize(type);
  const r = new Reader(payload, 0, payload.length, what);
  const view = r.view;
  for (let tag = r.tag(); tag !== 0; tag = r.tag()) {
    if (tag !== 10) { r.skip(tag & 7); continue; }
    const len = r.length();
    const end = r.pos + len;
    const outerEnd = r.end;
    r.end = end;
    let startNs = 0n;
    let interval = 0;
    let samples = 0;
    let bufPos = 0;
    let bufLen = 0;
    let channelId = 0;
    for (let t = r.tag(); t !== 0; t = r.tag()) {
      switch (t) {
        case 8: channelId = r.uint32(); break;
        case 17: startNs = r.sfixed64(); break;
        case 24: interval = r.int64(); break;
        case 32: samples = r.int32(); break;
        case 42: bufLen = r.length(); bufPos = r.pos; r.pos += bufLen; break;
        default: r.skip(t & 7);
      }
    }
    r.end = outerEnd;
    if (samples < 0) r.fail(`PeriodicData of channel ${channelId} has ${samples} samples`);
    if (samples * size > bufLen) {
      r.fail(`PeriodicData of channel ${channelId}: its ${bufLen}-byte buffer holds fewer than its ${samples} ${type} samples`);
    }
    if (samples > 0) each(channelId, startNs, interval, samples, view, bufPos);
  }
}

/** PeriodicDataList -> cols. Returns the number of samples added. */
export function decodePeriodicList(payload, type, cols, what = 'PeriodicDataList') {
  const before = cols.n;
  eachPeriodicData(payload, type, what, (channelId, startNs, interval, samples, view, bufPos) => {
    const [s0, f0] = splitNs(startNs);
    cols.ensure(samples);
    const t = cols.t;
    const o = cols.n;
    for (let i = 0; i < samples; i++) t[o + i] = s0 + (f0 + i * interval) / 1e9;
    writeSamples(view, bufPos, samples, type, cols.v, o);
    cols.n = o + samples;
  });
  return cols.n - before;
}

/**
 * PeriodicDataList folded into a MinMaxSummary: each PeriodicData's values are decoded into window (reused
 * Columns; its v only), transformed in place (transform(v)), and folded with their times computed, not stored.
 * Returns the number of samples.
 */
export function foldPeriodicList(payload, type, summary, window, transform, what = 'PeriodicDataList') {
  let added = 0;
  eachPeriodicData(payload, type, what, (channelId, startNs, interval, samples, view, bufPos) => {
    const [s0, f0] = splitNs(startNs);
    window.n = 0;
    window.ensure(samples);
    const v = window.v;
    writeSamples(view, bufPos, samples, type, v, 0);
    if (transform) transform(v.subarray(0, samples));
    summary.addPeriodic(s0, f0, interval, v, samples);
    added += samples;
  });
  return added;
}

/** TimestampedDataList -> cols. Returns the number of samples added. */
export function decodeTimestampedList(payload, type, cols, what = 'TimestampedDataList') {
  const size = sampleSize(type);
  const r = new Reader(payload, 0, payload.length, what);
  const view = r.view;
  const buf = payload;
  const before = cols.n;
  for (let tag = r.tag(); tag !== 0; tag = r.tag()) {
    if (tag !== 10) { r.skip(tag & 7); continue; }
    const len = r.length();
    const end = r.pos + len;
    const outerEnd = r.end;
    r.end = end;
    let startNs = 0n;
    let scale = 0;
    let bufPos = 0;
    let bufLen = 0;
    let channelId = 0;
    const o = cols.n;
    let k = 0; // deltas so far; t[o + k] holds the running sum of deltas (before scaling)
    let sum = 0;
    for (let t = r.tag(); t !== 0; t = r.tag()) {
      switch (t) {
        case 8: channelId = r.uint32(); break;
        case 17: startNs = r.sfixed64(); break;
        case 24: scale = r.int64(); break;
        case 32: // unpacked delta
          cols.ensure(k + 1 + (o - cols.n));
          sum += r.int64();
          cols.t[o + k++] = sum;
          break;
        case 34: { // packed deltas
          const n = r.length();
          const pend = r.pos + n;
          // count the varints (bytes without the continuation bit) to size the columns once
          let count = 0;
          for (let q = r.pos; q < pend; q++) if (buf[q] < 0x80) count++;
          cols.ensure(o + k + count - cols.n);
          const tcol = cols.t;
          const saved = r.end;
          r.end = pend;
          while (r.pos < pend) {
            const b = buf[r.pos];
            if (b < 0x80) { r.pos++; sum += b; } else sum += r.int64();
            tcol[o + k++] = sum;
          }
          r.end = saved;
          break;
        }
        case 42: bufLen = r.length(); bufPos = r.pos; r.pos += bufLen; break;
        default: r.skip(t & 7);
      }
    }
    r.end = outerEnd;
    if (k * size > bufLen) {
      r.fail(`TimestampedData of channel ${channelId}: its ${bufLen}-byte buffer holds fewer than its ${k} ${type} samples`);
    }
    if (k > 0) {
      const [s0, f0] = splitNs(startNs);
      const tcol = cols.t;
      for (let i = 0; i < k; i++) tcol[o + i] = s0 + (f0 + tcol[o + i] * scale) / 1e9;
      writeSamples(view, bufPos, k, type, cols.v, o);
      cols.n = o + k;
    }
  }
  return cols.n - before;
}

/**
 * Where one channel's value lies in a row's buffer: the byte offset of channelId among ids (the row's channel_ids, in
 * buffer order), each earlier channel taking its type's size; -1 when the row does not hold the channel. typeOf(id)
 * gives a channel's type (from the config); a row holding a channel the config does not type before the wanted one
 * cannot be read, and says so.
 */
export function rowOffset(ids, channelId, typeOf, what = 'RowData') {
  if (!ids.includes(channelId)) return -1;
  let offset = 0;
  for (const id of ids) {
    if (id === channelId) return offset;
    const type = typeOf(id);
    if (type == null) throw new RtaError(`${what}: channel ${id} of its row has no type in the session's configs, so channel ${channelId} after it cannot be located`);
    offset += sampleSize(type);
  }
  return -1;
}

/**
 * RowDataList -> cols: the value of channelId in every row that holds it (typeOf: a channel's type). Rows grouped
 * alike (the usual case) locate the channel once. Returns the number of samples added.
 */
export function decodeRowList(payload, channelId, typeOf, cols, what = 'RowDataList') {
  const type = typeOf(channelId) ?? 'f64';
  const size = sampleSize(type);
  const r = new Reader(payload, 0, payload.length, what);
  const view = r.view;
  const before = cols.n;
  let lastIds = null;
  let lastOffset = -1;
  for (let tag = r.tag(); tag !== 0; tag = r.tag()) {
    if (tag !== 10) { r.skip(tag & 7); continue; }
    const { ids, tNs, bufPos, bufLen } = readRow(r.sub(what));
    let offset;
    if (lastIds !== null && ids.length === lastIds.length && ids.every((id, i) => id === lastIds[i])) offset = lastOffset;
    else { offset = rowOffset(ids, channelId, typeOf, what); lastIds = ids; lastOffset = offset; }
    if (offset < 0) continue;
    if (offset + size > bufLen) {
      r.fail(`RowData of channels ${ids.join(',')}: its ${bufLen}-byte buffer ends before channel ${channelId}'s ${type} value at byte ${offset}`);
    }
    cols.ensure(1);
    const [s0, f0] = splitNs(tNs);
    cols.t[cols.n] = s0 + f0 / 1e9;
    writeSamples(view, bufPos + offset, 1, type, cols.v, cols.n);
    cols.n++;
  }
  return cols.n - before;
}

/** A RowData's fields, r reading it: {ids (buffer order), tNs, bufPos and bufLen (its buffer within r.buf)}. */
export function readRow(r) {
  const ids = [];
  let tNs = 0n;
  let bufPos = 0;
  let bufLen = 0;
  for (let t = r.tag(); t !== 0; t = r.tag()) {
    switch (t) {
      case 8: ids.push(r.uint32()); break;
      case 10: r.repeated(2, (x) => x.uint32(), ids); break;
      case 17: tNs = r.sfixed64(); break;
      case 26: bufLen = r.length(); bufPos = r.pos; r.pos += bufLen; break;
      default: r.skip(t & 7);
    }
  }
  return { ids, tNs, bufPos, bufLen };
}

/** Sorts the samples (t, v) by time in place when they are not in order already (stable: equal times keep order). */
export function sortByTime(t, v) {
  let sorted = true;
  for (let i = 1; i < t.length && sorted; i++) sorted = t[i - 1] <= t[i];
  if (sorted) return;
  const order = Array.from(t.keys()).sort((a, b) => t[a] - t[b] || a - b);
  const t0 = Float64Array.from(t);
  const v0 = Float64Array.from(v);
  for (let i = 0; i < order.length; i++) { t[i] = t0[order[i]]; v[i] = v0[order[i]]; }
}

/** One row's value of channelId (typeOf: a channel's type), or null when the row does not hold it. */
export function rowValue(ids, buffer, channelId, typeOf) {
  const offset = rowOffset(ids, channelId, typeOf);
  if (offset < 0) return null;
  const type = typeOf(channelId) ?? 'f64';
  if (offset + sampleSize(type) > buffer.length) {
    throw new RtaError(`RowData of channels ${ids.join(',')}: its ${buffer.length}-byte buffer ends before channel ${channelId}'s ${type} value at byte ${offset}`);
  }
  const out = new Float64Array(1);
  writeSamples(new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength), offset, 1, type, out, 0);
  return out[0];
}

function decodeEvent(r) {
  const ev = { id: 0, appName: '', t: 0, tNs: 0n, statusText: '', rawData: [] };
  for (let t = r.tag(); t !== 0; t = r.tag()) {
    switch (t) {
      case 8: ev.id = r.int32(); break;
      case 18: ev.appName = r.string(); break;
      case 25: ev.tNs = r.sfixed64(); break;
      case 34: ev.statusText = r.string(); break;
      case 41: ev.rawData.push(r.double()); break;
      case 42: r.repeated(2, (x) => x.double(), ev.rawData); break;
      default: r.skip(t & 7);
    }
  }
  ev.t = nsToSeconds(ev.tNs);
  return ev;
}

/** EventsList payload -> events appended to out. */
export function decodeEventsList(payload, out = [], what = 'EventsList') {
  const r = new Reader(payload, 0, payload.length, what);
  for (let tag = r.tag(); tag !== 0; tag = r.tag()) {
    if (tag === 10) out.push(decodeEvent(r.sub('Event')));
    else r.skip(tag & 7);
  }
  return out;
}

export { decodeEvent };

// ---------------------------------------------------------------------------------------------------------------
// helpers for the app

/**
 * One path segment of an API URL, percent-encoded. '.' and '..' are refused: a URL resolves them (and their
 * percent-encoded forms, which the URL parser decodes first) against the path, so a session named '..' would read
 * another route of the API, with the token.
 */
export function pathSegment(text) {
  const value = String(text);
  if (value === '.' || value === '..') throw new RangeError(`'${value}' cannot be read: it is not one segment of a URL`);
  return encodeURIComponent(value);
}

/** Channel ids -> an RTA channels expression (upper-case hex, comma-separated, sorted, duplicates dropped). */
export function channelsExpression(ids) {
  const unique = [...new Set(ids.map((id) => {
    const n = Number(id);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`channel id ${id} is not a uint32`);
    return n;
  }))].sort((a, b) => a - b);
  return unique.map((n) => n.toString(16).toUpperCase()).join(',');
}

/**
 * The in-place value transform the viewer plots with: the conversion (numeric ones; text conversions keep the raw
 * value, which is what gets plotted) and then the parameter's offset. v => v; null when it changes nothing.
 */
export function valueTransform(conversion, offset = 0) {
  const c = converter(conversion);
  const cv = conversion;
  const identity = !cv || (!cv.table && !cv.text && (!cv.rational || ['0,1,0,0,1,0', '0,1,0,0,0,1'].includes(String(cv.rational.coeffs))));
  const steps = [];
  const lin = c.linear;
  if (lin && !identity) {   // tight loop, the same arithmetic as c.apply
    const a = lin.scale, b = lin.offset, d = lin.divisor;
    steps.push((v) => { for (let i = 0; i < v.length; i++) v[i] = (a * v[i] + b) / d; });
  } else if (c.numeric !== false && !identity) {
    steps.push((v) => { for (let i = 0; i < v.length; i++) v[i] = +c.apply(v[i]); });
  }
  if (offset && c.numeric !== false) steps.push((v) => { for (let i = 0; i < v.length; i++) v[i] += offset; });
  if (!steps.length) return null;
  return steps.length === 1 ? (v) => { steps[0](v); return v; } : (v) => { steps[0](v); steps[1](v); return v; };
}

/**
 * A config Conversion -> {apply(raw) -> number|string, numeric, unit, format}.
 * rational: (c1 r^2 + c2 r + c3) / (c4 r^2 + c5 r + c6); table: interpolated between entries (clamped at the
 * ends), or else the entry with the largest raw value <= raw (the first entry below the table); text: the value
 * for an equal key, else default ('') with numeric false; formula (SFDL) cannot be evaluated here: identity with
 * unsupported = 'formula'; none / undefined: identity.
 */
export function converter(conversion) {
  const unit = conversion?.unit ?? '';
  const format = conversion?.format;
  const base = { numeric: true, unit, format, unsupported: null };
  if (!conversion) return { ...base, linear: { scale: 1, offset: 0, divisor: 1 }, apply: (raw) => raw };
  if (conversion.rational && Array.isArray(conversion.rational.coeffs)) {
    let [c1, c2, c3, c4, c5, c6] = conversion.rational.coeffs.map(Number);
    // Spec decision (README, "Spec decisions"): the spec writes 1:1 as [0,1,0,0,1,0] and a +5 offset as
    // [0,1,5,0,1,0], which its formula (c1 raw^2 + c2 raw + c3) / (c4 raw^2 + c5 raw + c6) read literally turns into
    // raw / raw; so when the denominator has no raw^2 and no constant term (c4 = c6 = 0), its c5 is the constant.
    if (c4 === 0 && c6 === 0 && c5 !== 0) { c6 = c5; c5 = 0; }
    if (c1 === 0 && c4 === 0 && c5 === 0) {
      if (c2 === 1 && c3 === 0 && c6 === 1) return { ...base, linear: { scale: 1, offset: 0, divisor: 1 }, apply: (raw) => raw };
      // linear: (scale * raw + offset) / divisor, the same arithmetic as apply, for callers' tight loops
      return { ...base, linear: { scale: c2, offset: c3, divisor: c6 }, apply: (raw) => (c2 * raw + c3) / c6 };
    }
    return { ...base, apply: (raw) => (c1 * raw * raw + c2 * raw + c3) / (c4 * raw * raw + c5 * raw + c6) };
  }
  if (conversion.table && Array.isArray(conversion.table.raw) && Array.isArray(conversion.table.calibrated)) {
    const n = Math.min(conversion.table.raw.length, conversion.table.calibrated.length);
    const raws = Float64Array.from(conversion.table.raw.slice(0, n));
    const cals = Float64Array.from(conversion.table.calibrated.slice(0, n));
    if (n === 0) return { ...base, apply: (raw) => raw };
    const interpolated = !!conversion.table.interpolated;
    // index of the last entry with raws[i] <= raw, or -1
    const floorIndex = (raw) => {
      let lo = 0;
      let hi = n - 1;
      if (!(raw >= raws[0])) return -1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (raws[mid] <= raw) lo = mid; else hi = mid - 1;
      }
      return lo;
    };
    if (interpolated) {
      return {
        ...base,
        apply: (raw) => {
          if (Number.isNaN(raw)) return NaN;
          const i = floorIndex(raw);
          if (i < 0) return cals[0];
          if (i >= n - 1) return cals[n - 1];
          const r0 = raws[i];
          const r1 = raws[i + 1];
          if (r1 === r0) return cals[i];
          return cals[i] + (cals[i + 1] - cals[i]) * (raw - r0) / (r1 - r0);
        },
      };
    }
    return {
      ...base,
      apply: (raw) => {
        if (Number.isNaN(raw)) return NaN;
        const i = floorIndex(raw);
        return cals[i < 0 ? 0 : i];
      },
    };
  }
  if (conversion.text && Array.isArray(conversion.text.keys)) {
    const map = new Map();
    const values = conversion.text.values ?? [];
    conversion.text.keys.forEach((k, i) => map.set(Number(k), values[i] ?? ''));
    const dflt = conversion.text.default ?? '';
    return {
      ...base,
      numeric: false,
      apply: (raw) => {
        const s = map.get(raw);
        return s === undefined ? dflt : s;
      },
    };
  }
  if (conversion.formula) {
    return { ...base, unsupported: 'formula', apply: (raw) => raw };
  }
  return { ...base, apply: (raw) => raw };
}

/** Index of the first element of the sorted a[lo, hi) that is >= x. */
function lowerBound(a, x, lo, hi) {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Index of the first element of the sorted a[lo, hi) that is > x. */
function upperBound(a, x, lo, hi) {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * Min/max decimation of time-ordered samples for [t0, t1] into at most about 4 points per bucket (first, min, max,
 * last of each bucket, in time order), plus the nearest sample outside each edge so lines reach the plot's edges.
 * When the range holds fewer than 2 * buckets samples they are returned exactly.
 */
export function minMaxDecimate(t, v, t0, t1, buckets) {
  const n = t.length;
  let lo = lowerBound(t, t0, 0, n);
  let hi = upperBound(t, t1, lo, n);
  const inner = hi - lo;
  if (lo > 0) lo--;
  if (hi < n) hi++;
  buckets = Math.max(1, Math.floor(buckets));
  if (inner < 2 * buckets || !(t1 > t0)) {
    return { t: t.slice(lo, hi), v: v.slice(lo, hi) };
  }
  const room = Math.min(inner, 4 * buckets) + 2;
  const outT = new Float64Array(room);
  const outV = new Float64Array(room);
  let m = 0;
  let i = lo;
  if (t[i] < t0) { outT[m] = t[i]; outV[m++] = v[i]; i++; }
  const last = hi > 0 && t[hi - 1] > t1 ? hi - 1 : hi;
  const width = (t1 - t0) / buckets;
  while (i < last) {
    let b = Math.floor((t[i] - t0) / width);
    if (b >= buckets) b = buckets - 1;
    if (b < 0) b = 0;
    let bEnd = t0 + (b + 1) * width;
    if (t[i] >= bEnd && b < buckets - 1) { b++; bEnd = t0 + (b + 1) * width; } // rounding at a bucket edge
    let j = b === buckets - 1 ? last : lowerBound(t, bEnd, i, last);
    if (j === i) j = i + 1;
    // bucket [i, j)
    let iMin = i;
    let iMax = i;
    let vMin = v[i];
    let vMax = v[i];
    for (let k = i + 1; k < j; k++) {
      const x = v[k];
      if (x < vMin) { vMin = x; iMin = k; } else if (x > vMax) { vMax = x; iMax = k; }
    }
    const a = iMin < iMax ? iMin : iMax;
    const c = iMin < iMax ? iMax : iMin;
    outT[m] = t[i]; outV[m++] = v[i];
    if (a !== i) { outT[m] = t[a]; outV[m++] = v[a]; }
    if (c !== a && c !== i) { outT[m] = t[c]; outV[m++] = v[c]; }
    if (j - 1 !== c && j - 1 !== i) { outT[m] = t[j - 1]; outV[m++] = v[j - 1]; }
    i = j;
  }
  if (last < hi) { outT[m] = t[last]; outV[m++] = v[last]; }
  return { t: outT.slice(0, m), v: outV.slice(0, m) };
}

// ---------------------------------------------------------------------------------------------------------------
// min/max summary (long reads)

/** Reads projected to hold more samples than this are folded into a MinMaxSummary instead of kept sample by sample. */
export const SUMMARY_THRESHOLD = 2000000;
/** Buckets of a summary: first/min/max/last of each (at most 4 points a bucket). */
export const SUMMARY_BUCKETS = 8192;

/**
 * First index i in [lo, hi] of periodic samples at s0 + (f0 + i * interval) / 1e9 seconds whose time is at or after
 * T: an estimate, then fixed against that exact formula.
 */
function periodicIndexAt(s0, f0, interval, T, lo, hi) {
  const time = (i) => s0 + (f0 + i * interval) / 1e9;
  let i = Math.ceil(((T - s0) * 1e9 - f0) / interval);
  if (!(i >= lo)) i = lo; else if (i > hi) i = hi;
  while (i > lo && time(i - 1) >= T) i--;
  while (i < hi && time(i) < T) i++;
  return i;
}

/**
 * A min/max summary of time-ordered (mostly; any order is handled) samples over [t0, t1] in `buckets` equal buckets:
 * per bucket the first, min, max and last sample (as minMaxDecimate keeps them), plus the nearest sample outside
 * each edge. Memory is O(buckets) whatever the number of samples folded in with add().
 */
export class MinMaxSummary {
  constructor(t0, t1, buckets = SUMMARY_BUCKETS) {
    if (!(t1 > t0)) t1 = t0 + 1e-9;
    this.t0 = t0;
    this.t1 = t1;
    this.buckets = Math.max(1, Math.floor(buckets));
    const B = this.buckets;
    this.inv = B / (t1 - t0);
    this.cnt = new Float64Array(B);
    this.fT = new Float64Array(B); this.fV = new Float64Array(B);
    this.lT = new Float64Array(B); this.lV = new Float64Array(B);
    this.nT = new Float64Array(B); this.nV = new Float64Array(B);
    this.xT = new Float64Array(B); this.xV = new Float64Array(B);
    this.beforeT = -Infinity; this.beforeV = NaN;
    this.afterT = Infinity; this.afterV = NaN;
    this.count = 0;   // samples inside [t0, t1]
    this.total = 0;   // samples folded in
    this.c0 = -Infinity; // clip [c0, c1): samples outside are not folded in at all (a segment of a parallel read)
    this.c1 = Infinity;
  }

  /** Folds only samples at times in [c0, c1) from now on (null: unbounded); returns this. */
  clip(c0, c1) {
    this.c0 = c0 === null || c0 === undefined ? -Infinity : c0;
    this.c1 = c1 === null || c1 === undefined ? Infinity : c1;
    return this;
  }

  /** The whole state, as plain data whose arrays can be transferred (postMessage) and merged (mergeState). */
  state() {
    const { t0, t1, buckets, cnt, fT, fV, lT, lV, nT, nV, xT, xV, beforeT, beforeV, afterT, afterV, count, total } = this;
    return { t0, t1, buckets, cnt, fT, fV, lT, lV, nT, nV, xT, xV, beforeT, beforeV, afterT, afterV, count, total };
  }

  /** The buffers of state() (for postMessage's transfer list). */
  static transferables(st) {
    return [st.cnt, st.fT, st.fV, st.lT, st.lV, st.nT, st.nV, st.xT, st.xV].map((a) => a.buffer);
  }

  /** Folds another summary's state() in: it must cover the same [t0, t1] with the same buckets. */
  mergeState(st) {
    if (st.t0 !== this.t0 || st.t1 !== this.t1 || st.buckets !== this.buckets) {
      throw new Error('summaries over different ranges or buckets cannot be merged');
    }
    const { cnt, fT, fV, lT, lV, nT, nV, xT, xV } = st;
    for (let b = 0; b < this.buckets; b++) {
      if (cnt[b]) this._merge(b, cnt[b], fT[b], fV[b], lT[b], lV[b], nT[b], nV[b], xT[b], xV[b]);
    }
    if (st.beforeT > this.beforeT) { this.beforeT = st.beforeT; this.beforeV = st.beforeV; }
    if (st.afterT < this.afterT) { this.afterT = st.afterT; this.afterV = st.afterV; }
    this.count += st.count;
    this.total += st.total;
    return this;
  }

  /** Folds samples t[from, to), v[from, to) in. */
  add(t, v, from = 0, to = t.length) {
    const { t0, t1, inv } = this;
    const B = this.buckets;
    this.total += to - from;
    let cb = -1; // bucket being accumulated in locals (runs of time-ordered samples stay in registers)
    let c = 0, ft = 0, fv = 0, lt = 0, lv = 0, nt = 0, nv = 0, xt = 0, xv = 0;
    let inRange = 0;
    let bStart = Infinity, bEnd = -Infinity; // [bStart, bEnd): times of bucket cb (fast path for ordered samples)
    const w = (t1 - t0) / B;
    const { c0, c1 } = this;
    for (let i = from; i < to; i++) {
      const x = t[i];
      const y = v[i];
      if (!(x >= c0 && x < c1)) { this.total--; continue; }
      let same = x >= bStart && x < bEnd;
      if (!same) {
        if (!(x >= t0 && x <= t1)) {
          if (x < t0) { if (x > this.beforeT) { this.beforeT = x; this.beforeV = y; } } else if (x > t1) { if (x < this.afterT) { this.afterT = x; this.afterV = y; } }
          continue;
        }
        let b = Math.floor((x - t0) * inv);
        if (b >= B) b = B - 1;
        if (b !== cb) {
          if (cb >= 0) this._merge(cb, c, ft, fv, lt, lv, nt, nv, xt, xv);
          cb = b; c = 1; ft = lt = nt = xt = x; fv = lv = nv = xv = y;
          bStart = t0 + b * w;
          bEnd = b === B - 1 ? t1 : t0 + (b + 1) * w;
          inRange++;
          continue;
        }
      }
      c++;
      inRange++;
      if (x >= lt) { lt = x; lv = y; } else if (x < ft) { ft = x; fv = y; }
      if (y < nv) { nv = y; nt = x; } else if (y > xv) { xv = y; xt = x; } else if (nv !== nv && y === y) { nv = xv = y; nt = xt = x; }
    }
    if (cb >= 0) this._merge(cb, c, ft, fv, lt, lv, nt, nv, xt, xv);
    this.count += inRange;
  }

  _merge(b, c, ft, fv, lt, lv, nt, nv, xt, xv) {
    const { cnt, fT, fV, lT, lV, nT, nV, xT, xV } = this;
    if (cnt[b] === 0) {
      cnt[b] = c; fT[b] = ft; fV[b] = fv; lT[b] = lt; lV[b] = lv; nT[b] = nt; nV[b] = nv; xT[b] = xt; xV[b] = xv;
      return;
    }
    cnt[b] += c;
    if (ft < fT[b]) { fT[b] = ft; fV[b] = fv; }
    if (lt >= lT[b]) { lT[b] = lt; lV[b] = lv; }
    if (nv < nV[b] || (nV[b] !== nV[b] && nv === nv)) { nV[b] = nv; nT[b] = nt; }
    if (xv > xV[b] || (xV[b] !== xV[b] && xv === xv)) { xV[b] = xv; xT[b] = xt; }
  }

  /**
   * Folds n periodic samples v[0, n) in without their times: sample i is at s0 + (f0 + i * interval) / 1e9 seconds
   * (the formula decodePeriodicList uses), so only the values are scanned per sample.
   */
  addPeriodic(s0, f0, interval, v, n) {
    if (n <= 0) return;
    const time = (i) => s0 + (f0 + i * interval) / 1e9;
    if (!(interval > 0)) { // degenerate: no spacing; the general path
      const t = new Float64Array(n);
      for (let i = 0; i < n; i++) t[i] = time(i);
      this.add(t, v, 0, n);
      return;
    }
    const indexAt = (T, lo, hi) => periodicIndexAt(s0, f0, interval, T, lo, hi);
    if (this.c0 > -Infinity || this.c1 < Infinity) { // clipped: the samples in [c0, c1) only, same times
      const a = this.c0 > -Infinity ? indexAt(this.c0, 0, n) : 0;
      const b = this.c1 < Infinity ? indexAt(this.c1, a, n) : n;
      if (a > 0 || b < n) {
        if (b > a) this._addPeriodic(s0, f0 + a * interval, interval, v.subarray(a, b), b - a);
        return;
      }
    }
    this._addPeriodic(s0, f0, interval, v, n);
  }

  _addPeriodic(s0, f0, interval, v, n) {
    const time = (i) => s0 + (f0 + i * interval) / 1e9;
    this.total += n;
    const { t0, t1, inv } = this;
    const B = this.buckets;
    const w = (t1 - t0) / B;
    const indexAt = (T, lo, hi) => periodicIndexAt(s0, f0, interval, T, lo, hi);
    const iLo = indexAt(t0, 0, n);
    let iHi = indexAt(t1, iLo, n); // first index past t1
    while (iHi < n && time(iHi) <= t1) iHi++;
    if (iLo > 0) { const x = time(iLo - 1); if (x > this.beforeT) { this.beforeT = x; this.beforeV = v[iLo - 1]; } }
    if (iHi < n) { const x = time(iHi); if (x < this.afterT) { this.afterT = x; this.afterV = v[iHi]; } }
    let i = iLo;
    while (i < iHi) {
      const x = time(i);
      let b = Math.floor((x - t0) * inv);
      if (b >= B) b = B - 1;
      if (b < 0) b = 0;
      const j = b === B - 1 ? iHi : Math.max(i + 1, indexAt(t0 + (b + 1) * w, i, iHi));
      let kMin = i, kMax = i, vMin = v[i], vMax = v[i];
      for (let k = i + 1; k < j; k++) {
        const y = v[k];
        if (y < vMin) { vMin = y; kMin = k; } else if (y > vMax) { vMax = y; kMax = k; } else if (vMin !== vMin && y === y) { vMin = vMax = y; kMin = kMax = k; }
      }
      this._merge(b, j - i, x, v[i], time(j - 1), v[j - 1], time(kMin), vMin, time(kMax), vMax);
      this.count += j - i;
      i = j;
    }
  }

  /**
   * The summary points in time order: {t, v, counts (samples per bucket), t0, t1, buckets, count (samples inside
   * [t0, t1]), total (samples folded in)}.
   */
  result() {
    const B = this.buckets;
    const { cnt, fT, fV, lT, lV, nT, nV, xT, xV } = this;
    let room = 2;
    for (let b = 0; b < B; b++) if (cnt[b]) room += cnt[b] < 4 ? cnt[b] : 4;
    const t = new Float64Array(room);
    const v = new Float64Array(room);
    let m = 0;
    if (this.beforeT > -Infinity) { t[m] = this.beforeT; v[m++] = this.beforeV; }
    for (let b = 0; b < B; b++) {
      if (!cnt[b]) continue;
      const f = fT[b];
      t[m] = f; v[m++] = fV[b];
      let at = nT[b], av = nV[b], ct = xT[b], cv = xV[b];
      if (ct < at) { const tt = at, vv = av; at = ct; av = cv; ct = tt; cv = vv; }
      let prev = f;
      if (at > prev) { t[m] = at; v[m++] = av; prev = at; }
      if (ct > prev) { t[m] = ct; v[m++] = cv; prev = ct; }
      if (lT[b] > prev) { t[m] = lT[b]; v[m++] = lV[b]; }
    }
    if (this.afterT < Infinity) { t[m] = this.afterT; v[m++] = this.afterV; }
    return {
      t: m === room ? t : t.slice(0, m), v: m === room ? v : v.slice(0, m),
      counts: cnt, t0: this.t0, t1: this.t1, buckets: B, count: this.count, total: this.total,
    };
  }
}

/** Samples of a summary (MinMaxSummary.result()) inside [x0, x1]: exact for whole buckets, pro rata for partial ones. */
export function summaryCount(summary, x0, x1) {
  const { t0, t1, buckets: B, counts } = summary;
  if (x0 <= t0 && x1 >= t1) return summary.count;
  const w = (t1 - t0) / B;
  const a = Math.max(0, (x0 - t0) / w), b = Math.min(B, (x1 - t0) / w);
  if (!(b > a)) return 0;
  let n = 0;
  const ia = Math.floor(a), ib = Math.ceil(b);
  for (let k = ia; k < ib; k++) {
    const lo = Math.max(a, k), hi = Math.min(b, k + 1);
    n += counts[k] * (hi - lo);
  }
  return Math.round(n);
}

// ---------------------------------------------------------------------------------------------------------------
// client

function defaultBase() {
  if (typeof location === 'undefined') throw new Error('RtaClient needs a base URL outside a browser page');
  return new URL('../rta/v2/', location.href);
}

/** The message of an error body: its JSON "message" (or "error"/"detail"/"title"), else its text. */
async function errorOf(response) {
  let text = '';
  try {
    text = await response.text();
  } catch (e) {
    text = '';
  }
  let body = text;
  let message = text.trim();
  try {
    const json = JSON.parse(text);
    body = json;
    if (json && typeof json === 'object') {
      const m = json.message ?? json.error_description ?? json.error ?? json.detail ?? json.title;
      if (typeof m === 'string' && m) message = m;
    } else if (typeof json === 'string' && json) {
      message = json;
    }
  } catch (e) {
    // not JSON: the text is the message
  }
  if (!message) message = `${response.status} ${response.statusText || 'error'}`.trim();
  return new RtaError(message, response.status, body);
}

export class RtaClient {
  /**
   * @param {{base?: URL|string, token?: () => Promise<string|null>}} [options]
   */
  constructor({ base, token } = {}) {
    this.base = base ? new URL(base, typeof location === 'undefined' ? undefined : location.href) : defaultBase();
    if (!this.base.pathname.endsWith('/')) this.base.pathname += '/';
    this.token = token ?? null;
  }

  url(path, params) {
    const u = new URL(path, this.base);
    if (params) {
      for (const [k, v] of Object.entries(params)) {
        if (v === undefined || v === null) continue;
        if (Array.isArray(v)) v.forEach((x) => u.searchParams.append(k, String(x)));
        else u.searchParams.set(k, String(v));
      }
    }
    return u;
  }

  async _headers(extra) {
    const headers = new Headers(extra ?? {});
    if (this.token) {
      const token = await this.token();
      if (token) headers.set('Authorization', `Bearer ${token}`);
    }
    return headers;
  }

  /** fetch with auth; a non-2xx answer throws RtaError; a network failure throws RtaError with status 0. */
  async fetch(url, init = {}) {
    const headers = await this._headers(init.headers);
    let response;
    try {
      response = await fetch(url, { ...init, headers });
    } catch (e) {
      if (e && e.name === 'AbortError') throw e;
      throw new RtaError(`cannot reach the RTA server: ${e && e.message ? e.message : e}`, 0, null);
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  async json(path, params, init) {
    const response = await this.fetch(this.url(path, params), init);
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new RtaError(`the server's answer to ${path} is not JSON: ${e.message}`, response.status, text);
    }
  }

  info() {
    return this.json('info');
  }

  session(identity) {
    return this.json(`sessions/${pathSegment(identity)}`);
  }

  folders(parent = '') {
    return this.json(`session-folders/${pathSegment(parent)}`);
  }

  metamodel({ folder } = {}) {
    return this.json('session-metamodel', { folder });
  }

  async config(identifier) {
    const response = await this.fetch(this.url(`configs/${pathSegment(identifier)}`));
    const type = response.headers.get('content-type') ?? '';
    if (/ffc/i.test(type)) {
      throw new RtaError(`configuration ${identifier} is in the FFC format, which the viewer cannot read`, response.status);
    }
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new RtaError(`configuration ${identifier} is not JSON (${type || 'no content type'})`, response.status, text);
    }
  }

  /** One page of sessions: GET, or POST as a form when a query is given. */
  sessions({ pageIndex = 0, pageSize = 50, folder, sort, query = null } = {}) {
    const params = { pageIndex, pageSize, folder, sort };
    if (query === null || query === undefined) return this.json('sessions', params);
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) v.forEach((x) => form.append(k, String(x)));
      else form.set(k, String(v));
    }
    form.set('query', typeof query === 'string' ? query : JSON.stringify(query));
    return this.json('sessions', null, {
      method: 'POST',
      body: form.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  }

  /**
   * Streams a chunked data response through parser; returns {chunks, bytes}.
   * @param {URL} url
   * @param {(header, payload: Uint8Array) => void} onChunk
   */
  async readChunks(url, onChunk, { signal, onProgress } = {}) {
    const response = await this.fetch(url, { signal });
    const parser = new ChunkStreamParser(onChunk);
    const progress = () => {
      if (onProgress) onProgress({ bytes: parser.bytes, chunks: parser.index });
    };
    if (response.body && typeof response.body.getReader === 'function') {
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.push(value instanceof Uint8Array ? value : new Uint8Array(value));
          progress();
        }
      } catch (e) {
        try { reader.cancel(); } catch (ignored) { /* already failed */ }
        throw e;
      }
    } else {
      parser.push(new Uint8Array(await response.arrayBuffer()));
      progress();
    }
    parser.finish();
    return { chunks: parser.index, bytes: parser.bytes };
  }

  /**
   * All samples of one channel in [startNs, endNs] (the server may send more: whole chunks). transform(v, t) converts
   * decoded values in place. summarize {threshold, buckets, range?: [t0, t1] seconds, clip?: [c0, c1), raw?}: a read
   * projected beyond threshold samples is folded into a MinMaxSummary over range (default the read's) of the samples
   * in clip (default all); raw returns its state() (for MinMaxSummary.mergeState) instead of points.
   * rowTypes(id): a channel's type from the session's configs, needed for row data (a row's buffer packs the values
   * of its channels in order, so a channel is found past the ones before it).
   * @returns {Promise<{t: Float64Array, v: Float64Array, chunks: number, bytes: number, summary?}>}
   */
  async readChannel(identity, channel, startNs, endNs, { signal, onProgress, transform, summarize, rowTypes } = {}) {
    const source = channel.source ?? 'row';
    const type = channel.type ?? 'f64';
    sampleSize(type);
    let kind;
    if (source === 'periodic' || source === 'subSampledPeriodic') kind = 'periodic';
    else if (source === 'timestamped' || source === 'synchro') kind = 'timestamped';
    else if (source === 'row' && rowTypes) kind = 'row';
    else if (source === 'row') throw new RtaError('row data needs the channels\' types (rowTypes) to be read');
    else throw new RtaError(`channel source '${source}' is not supported by the viewer`);
    const url = this.url(`sessions/${pathSegment(identity)}/data/${kind}/${channelsExpression([channel.id])}`, {
      start: startNs === undefined || startNs === null ? undefined : nsParam(startNs),
      end: endNs === undefined || endNs === null ? undefined : nsParam(endNs),
    });
    const cols = new Columns();
    const decode = kind === 'periodic' ? decodePeriodicList : kind === 'row'
      ? (payload, _type, into, label) => decodeRowList(payload, channel.id, rowTypes, into, label) : decodeTimestampedList;
    const what = kind === 'periodic' ? 'PeriodicDataList' : kind === 'row' ? 'RowDataList' : 'TimestampedDataList';
    // summary mode: when the read is projected to exceed the threshold, each chunk is decoded into the same small
    // window (cols, reset after each chunk) and folded into a MinMaxSummary: memory stays small, no fresh pages
    // (row data is held sample by sample: a channel in several row sets arrives set by set, out of time order, and is
    // sorted at the end)
    const canSummarize = !!summarize && kind !== 'row' && startNs !== undefined && startNs !== null && endNs !== undefined
      && endNs !== null;
    const threshold = canSummarize ? (summarize.threshold ?? SUMMARY_THRESHOLD) : Infinity;
    // the summary's range: the read's, or summarize.range (a segment of a parallel read folds into the whole range)
    const r0 = canSummarize ? (summarize.range ? summarize.range[0] : nsToSeconds(BigInt(nsParam(startNs)))) : 0;
    const r1 = canSummarize ? (summarize.range ? summarize.range[1] : nsToSeconds(BigInt(nsParam(endNs)))) : 0;
    const newSummary = () => new MinMaxSummary(r0, r1, summarize.buckets ?? SUMMARY_BUCKETS)
      .clip(summarize.clip ? summarize.clip[0] : null, summarize.clip ? summarize.clip[1] : null);
    let summary = null;
    let decoded = 0;
    const { chunks, bytes } = await this.readChunks(url, (header, payload) => {
      const before = cols.n;
      if (summary && kind === 'periodic') { // values only: times computed where needed
        try {
          decoded += foldPeriodicList(payload, type, summary, cols, transform, `${what} of chunk ${header.index}`);
        } catch (e) {
          throw e instanceof RtaError ? e : new RtaError(e.message);
        }
        cols.n = 0;
        return;
      }
      try {
        decode(payload, type, cols, `${what} of chunk ${header.index}`);
      } catch (e) {
        throw e instanceof RtaError ? e : new RtaError(e.message);
      }
      const n = cols.n;
      decoded += n - before;
      if (transform && n > before) transform(cols.v.subarray(before, n), cols.t.subarray(before, n));
      if (summary) {
        summary.add(cols.t, cols.v, 0, n);
        cols.n = 0;
      } else if (canSummarize && n > 0) {
        // projected count: the density so far over the whole range (2x margin before the threshold is reached)
        const first = cols.t[0], last = cols.t[n - 1];
        const span = Math.min(last, r1) - Math.max(first, r0);
        const projected = span > 0 && n >= 4096 ? n / (last - first || 1) * (r1 - r0) : 0;
        if (n > threshold || projected > 2 * threshold) {
          summary = newSummary();
          summary.add(cols.t, cols.v, 0, n);
          cols.n = 0;
        }
      }
    }, { signal, onProgress: onProgress && ((p) => onProgress({ ...p, samples: decoded })) });
    if (summarize && summarize.raw) { // the summary's state(), for mergeState (also for a read that stayed small)
      if (!summary) { summary = newSummary(); summary.add(cols.t, cols.v, 0, cols.n); }
      return { state: summary.state(), chunks, bytes, samples: decoded };
    }
    if (summary) {
      const s = summary.result();
      return { t: s.t, v: s.v, chunks, bytes, summary: s };
    }
    const { t, v } = cols.result();
    if (kind === 'row') sortByTime(t, v);
    return { t, v, chunks, bytes };
  }

  /** Events in [startNs, endNs] (whole chunks). */
  async readEvents(identity, startNs, endNs, { signal, onProgress } = {}) {
    const url = this.url(`sessions/${pathSegment(identity)}/data/events`, {
      start: startNs === undefined || startNs === null ? undefined : nsParam(startNs),
      end: endNs === undefined || endNs === null ? undefined : nsParam(endNs),
    });
    const events = [];
    await this.readChunks(url, (header, payload) => {
      try {
        decodeEventsList(payload, events, `EventsList of chunk ${header.index}`);
      } catch (e) {
        throw e instanceof RtaError ? e : new RtaError(e.message);
      }
    }, { signal, onProgress });
    return events;
  }
}
