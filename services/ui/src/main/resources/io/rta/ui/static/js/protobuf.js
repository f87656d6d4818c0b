// Minimal protobuf wire-format reader and writer for the RTA viewer (no code generation, no dependencies).
// 64-bit integers: the *Big methods return BigInt; the plain ones return a Number (exact up to 2^53), which is what
// per-sample loops should use.

const TWO_32 = 4294967296;
const textDecoder = new TextDecoder('utf-8');
const textEncoder = new TextEncoder();

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

export class Reader {
  /**
   * @param {Uint8Array} bytes
   * @param {number} [start]
   * @param {number} [end]
   * @param {string} [what] name used in error messages
   */
  constructor(bytes, start = 0, end = bytes.length, what = 'protobuf message') {
    if (!(bytes instanceof Uint8Array)) throw new TypeError('Reader needs a Uint8Array');
    if (start < 0 || end > bytes.length || start > end) throw new RangeError(`Reader bounds ${start}..${end} outside ${bytes.length} bytes`);
    this.buf = bytes;
    this.pos = start;
    this.end = end;
    this.what = what;
    this._view = null;
    // 64-bit varint scratch: low and high 32 bits of the last varint64 read
    this.lo = 0;
    this.hi = 0;
  }

  get view() {
    if (this._view === null) this._view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    return this._view;
  }

  fail(problem) {
    throw new Error(`malformed ${this.what}: ${problem} (at byte ${this.pos})`);
  }

  eof() {
    return this.pos >= this.end;
  }

  /** The next field's tag (field number << 3 | wire type), or 0 at the end. */
  tag() {
    if (this.pos >= this.end) return 0;
    const t = this.uint32();
    if (t >>> 3 === 0) this.fail(`field number 0 in tag ${t}`);
    return t;
  }

  /** A varint as an unsigned 32-bit Number (higher bits dropped, as protobuf does for uint32). */
  uint32() {
    const buf = this.buf;
    let pos = this.pos;
    const end = this.end;
    if (pos < end) {
      const b0 = buf[pos];
      if (b0 < 0x80) { this.pos = pos + 1; return b0; }
    }
    let result = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= end) { this.pos = pos; this.fail('truncated varint'); }
      const b = buf[pos++];
      if (shift < 32) result |= (b & 0x7f) << shift;
      if (b < 0x80) { this.pos = pos; return result >>> 0; }
    }
    this.pos = pos;
    this.fail('varint longer than 10 bytes');
  }

  /** An int32 varint (sign-extended on the wire) as a signed Number. */
  int32() {
    return this.uint32() | 0;
  }

  bool() {
    this._varint64();
    return (this.lo | this.hi) !== 0;
  }

  /** Reads a 64-bit varint into this.lo / this.hi. */
  _varint64() {
    const buf = this.buf;
    let pos = this.pos;
    const end = this.end;
    let lo = 0;
    let hi = 0;
    let b;
    let i = 0;
    for (; i < 4; i++) { // bits 0..27
      if (pos >= end) { this.pos = pos; this.fail('truncated varint'); }
      b = buf[pos++];
      lo |= (b & 0x7f) << (7 * i);
      if (b < 0x80) { this.pos = pos; this.lo = lo >>> 0; this.hi = 0; return; }
    }
    // byte 4: bits 28..34
    if (pos >= end) { this.pos = pos; this.fail('truncated varint'); }
    b = buf[pos++];
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >>> 4;
    if (b >= 0x80) {
      for (i = 0; i < 5; i++) { // bits 35..69
        if (pos >= end) { this.pos = pos; this.fail('truncated varint'); }
        b = buf[pos++];
        hi |= (b & 0x7f) << (7 * i + 3);
        if (b < 0x80) break;
      }
      if (b >= 0x80) { this.pos = pos; this.fail('varint longer than 10 bytes'); }
    }
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** int64 as a Number (exact within +-2^53). */
  int64() {
    const buf = this.buf;
    const pos = this.pos;
    if (pos < this.end && buf[pos] < 0x80) { this.pos = pos + 1; return buf[pos]; }
    this._varint64();
    return (this.hi | 0) * TWO_32 + this.lo;
  }

  /** uint64 as a Number (exact up to 2^53). */
  uint64() {
    this._varint64();
    return this.hi * TWO_32 + this.lo;
  }

  /** sint64 (zigzag) as a Number (exact within +-2^53). */
  sint64() {
    this._varint64();
    const mask = -(this.lo & 1);
    const lo = ((this.lo >>> 1) | (this.hi << 31)) ^ mask;
    const hi = (this.hi >>> 1) ^ mask;
    return (hi | 0) * TWO_32 + (lo >>> 0);
  }

  /** sint32 (zigzag) as a Number. */
  sint32() {
    const n = this.uint32();
    return (n >>> 1) ^ -(n & 1);
  }

  int64Big() {
    this._varint64();
    return BigInt.asIntN(64, (BigInt(this.hi) << 32n) | BigInt(this.lo));
  }

  uint64Big() {
    this._varint64();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  sint64Big() {
    this._varint64();
    const u = (BigInt(this.hi) << 32n) | BigInt(this.lo);
    return (u >> 1n) ^ -(u & 1n);
  }

  _need(n) {
    if (this.end - this.pos < n) this.fail(`truncated: ${n} bytes needed, ${this.end - this.pos} left`);
  }

  fixed32() {
    this._need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  sfixed32() {
    this._need(4);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  float() {
    this._need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  double() {
    this._need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** sfixed64 as BigInt. */
  sfixed64() {
    this._need(8);
    const lo = this.view.getUint32(this.pos, true);
    const hi = this.view.getInt32(this.pos + 4, true);
    this.pos += 8;
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** fixed64 as BigInt. */
  fixed64() {
    this._need(8);
    const lo = this.view.getUint32(this.pos, true);
    const hi = this.view.getUint32(this.pos + 4, true);
    this.pos += 8;
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** sfixed64 as a Number (exact within +-2^53). */
  sfixed64Number() {
    this._need(8);
    const lo = this.view.getUint32(this.pos, true);
    const hi = this.view.getInt32(this.pos + 4, true);
    this.pos += 8;
    return hi * TWO_32 + lo;
  }

  /** A length prefix, checked against what is left. */
  length() {
    const n = this.uint32();
    if (n > this.end - this.pos) this.fail(`length ${n} runs past the end (${this.end - this.pos} bytes left)`);
    return n;
  }

  /** Length-delimited bytes as a view into the input (no copy). */
  bytes() {
    const n = this.length();
    const start = this.pos;
    this.pos += n;
    return this.buf.subarray(start, start + n);
  }

  string() {
    const n = this.length();
    const start = this.pos;
    this.pos += n;
    return textDecoder.decode(this.buf.subarray(start, start + n));
  }

  /** A Reader over the next length-delimited field (an embedded message); this reader skips past it. */
  sub(what = this.what) {
    const n = this.length();
    const r = new Reader(this.buf, this.pos, this.pos + n, what);
    this.pos += n;
    return r;
  }

  /**
   * Reads a repeated scalar field, packed (wire type 2) or not, calling readOne() for each element.
   * @param {number} wireType the tag's wire type
   * @param {(r: Reader) => any} readOne
   * @param {any[]} [out]
   */
  repeated(wireType, readOne, out = []) {
    if (wireType === WIRE_BYTES) {
      const n = this.length();
      const saved = this.end;
      this.end = this.pos + n;
      while (this.pos < this.end) out.push(readOne(this));
      this.end = saved;
    } else {
      out.push(readOne(this));
    }
    return out;
  }

  /** Skips a field of the given wire type. */
  skip(wireType) {
    switch (wireType) {
      case WIRE_VARINT: this._varint64(); break;
      case WIRE_FIXED64: this._need(8); this.pos += 8; break;
      case WIRE_BYTES: { const n = this.length(); this.pos += n; break; }
      case WIRE_FIXED32: this._need(4); this.pos += 4; break;
      case 3: { // start group: skip to the matching end group
        for (;;) {
          if (this.pos >= this.end) this.fail('unterminated group');
          const t = this.uint32();
          if ((t & 7) === 4) break;
          this.skip(t & 7);
        }
        break;
      }
      default: this.fail(`unsupported wire type ${wireType}`);
    }
  }
}

/** A growable protobuf writer. Nested messages: fork() ... ldelim(). */
export class Writer {
  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
    this.pos = 0;
    this.stack = [];
  }

  _ensure(n) {
    if (this.pos + n > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
      grown.set(this.buf.subarray(0, this.pos));
      this.buf = grown;
    }
  }

  tag(field, wireType) {
    return this.uint32(((field << 3) | wireType) >>> 0);
  }

  uint32(v) {
    this._ensure(5);
    v >>>= 0;
    while (v > 0x7f) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
    return this;
  }

  /** int32: negative values are sign-extended to 10 bytes, as protobuf does. */
  int32(v) {
    if (v >= 0) return this.uint32(v);
    return this.int64(BigInt(v));
  }

  bool(v) {
    return this.uint32(v ? 1 : 0);
  }

  /** int64/uint64 from a BigInt or an integer Number. */
  int64(v) {
    let u = BigInt.asUintN(64, BigInt(v));
    this._ensure(10);
    while (u > 0x7fn) {
      this.buf[this.pos++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    this.buf[this.pos++] = Number(u);
    return this;
  }

  sint64(v) {
    const b = BigInt.asIntN(64, BigInt(v));
    return this.int64(BigInt.asUintN(64, (b << 1n) ^ (b >> 63n)));
  }

  sfixed64(v) {
    this._ensure(8);
    const u = BigInt.asUintN(64, BigInt(v));
    const dv = new DataView(this.buf.buffer, this.buf.byteOffset);
    dv.setUint32(this.pos, Number(u & 0xffffffffn), true);
    dv.setUint32(this.pos + 4, Number(u >> 32n), true);
    this.pos += 8;
    return this;
  }

  double(v) {
    this._ensure(8);
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat64(this.pos, v, true);
    this.pos += 8;
    return this;
  }

  bytes(b) {
    this.uint32(b.length);
    this._ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  string(s) {
    return this.bytes(textEncoder.encode(s));
  }

  /** Starts a length-delimited field's content (write its tag first). */
  fork() {
    this.stack.push(this.pos);
    return this;
  }

  /** Ends the content started by fork() and inserts its length prefix. */
  ldelim() {
    const start = this.stack.pop();
    if (start === undefined) throw new Error('Writer.ldelim() without fork()');
    const len = this.pos - start;
    let prefix = 1;
    for (let v = len; v > 0x7f; v >>>= 7) prefix++;
    this._ensure(prefix);
    this.buf.copyWithin(start + prefix, start, this.pos);
    let p = start;
    let v = len;
    while (v > 0x7f) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[p] = v;
    this.pos += prefix;
    return this;
  }

  /** Packed repeated uint32 field. */
  packedUint32(field, values) {
    if (!values || values.length === 0) return this;
    this.tag(field, WIRE_BYTES).fork();
    for (const v of values) this.uint32(v);
    return this.ldelim();
  }

  finish() {
    if (this.stack.length) throw new Error('Writer.finish() with an unclosed fork()');
    return this.buf.slice(0, this.pos);
  }
}
