// LZ4 for the RTA viewer: raw LZ4 blocks (chunk payloads of the REST data API) and K4os LZ4Pickler v0 pickles
// (live WebSocket bursts). Matches io.rta.topology.data.codec.Lz4Block / Lz4Pickler: a block never unpacks to more
// than 255 * its length + 255 bytes, and a claimed length is checked against that (and MAX_UNPACKED_LENGTH)
// before anything is allocated. Every malformed or truncated input throws an Error saying what is wrong.

/** Largest payload the viewer unpacks in one piece (the spec allows 4 MiB per list; the server refuses > 64 MiB). */
export const MAX_UNPACKED_LENGTH = 64 << 20;

const MAX_RATIO = 255;
const LZ4_FRAME_MAGIC = 0x184d2204;

/** The most bytes an LZ4 block of blockLength bytes can unpack to. */
export function maxUnpackedLength(blockLength) {
  return MAX_RATIO * blockLength + MAX_RATIO;
}

function checkUnpackedLength(unpackedLength, blockLength, what) {
  if (!Number.isInteger(unpackedLength) || unpackedLength < 0) {
    throw new Error(`${what}: unpacked length ${unpackedLength} is not a non-negative integer`);
  }
  if (unpackedLength > MAX_UNPACKED_LENGTH) {
    throw new Error(`${what}: unpacked length ${unpackedLength} exceeds the viewer's limit of ${MAX_UNPACKED_LENGTH} bytes`);
  }
  if (unpackedLength > maxUnpackedLength(blockLength)) {
    throw new Error(`${what}: a ${blockLength}-byte LZ4 block claims to unpack to ${unpackedLength} bytes, `
      + `more than LZ4 can expand to (${maxUnpackedLength(blockLength)})`);
  }
}

/**
 * Decodes the LZ4 block src[srcPos, srcEnd) into dst from dstPos, writing at most up to dstEnd. Matches may reach
 * back to dst[windowStart] (earlier output, as in linked frame blocks). Returns the output position after the block.
 * Throws on any malformed input; never reads or writes out of bounds.
 */
export function decodeBlockInto(src, srcPos, srcEnd, dst, dstPos, dstEnd, windowStart = dstPos) {
  let ip = srcPos;
  let op = dstPos;
  const blockLength = srcEnd - srcPos;
  if (blockLength === 0) {
    return op; // what an empty input compresses to in some encoders; lz4 itself writes one 0 token
  }
  for (;;) {
    if (ip >= srcEnd) {
      throw new Error(`malformed LZ4 block of ${blockLength} bytes: it ends after a match, without the final literals`);
    }
    const token = src[ip++];
    // literals
    let literals = token >>> 4;
    if (literals === 15) {
      let b;
      do {
        if (ip >= srcEnd) throw new Error(`malformed LZ4 block of ${blockLength} bytes: literal length runs past the end at byte ${ip - srcPos}`);
        b = src[ip++];
        literals += b;
      } while (b === 255);
    }
    if (literals > 0) {
      if (literals > srcEnd - ip) {
        throw new Error(`malformed LZ4 block of ${blockLength} bytes: ${literals} literals at byte ${ip - srcPos} run past the end of the block`);
      }
      if (literals > dstEnd - op) {
        throw new Error(`malformed LZ4 block of ${blockLength} bytes: ${literals} literals at byte ${ip - srcPos} overflow the ${dstEnd - dstPos}-byte output`);
      }
      if (literals < 16) {
        for (let k = 0; k < literals; k++) dst[op + k] = src[ip + k];
      } else {
        dst.set(src.subarray(ip, ip + literals), op);
      }
      ip += literals;
      op += literals;
    }
    if (ip === srcEnd) {
      return op; // the last sequence has literals only
    }
    // match
    if (srcEnd - ip < 2) {
      throw new Error(`malformed LZ4 block of ${blockLength} bytes: truncated match offset at byte ${ip - srcPos}`);
    }
    const offset = src[ip] | (src[ip + 1] << 8);
    ip += 2;
    if (offset === 0 || offset > op - windowStart) {
      throw new Error(`malformed LZ4 block of ${blockLength} bytes: match offset ${offset} at byte ${ip - 2 - srcPos} points before the start of the output (${op - windowStart} bytes written)`);
    }
    let matchLength = token & 15;
    if (matchLength === 15) {
      let b;
      do {
        if (ip >= srcEnd) throw new Error(`malformed LZ4 block of ${blockLength} bytes: match length runs past the end at byte ${ip - srcPos}`);
        b = src[ip++];
        matchLength += b;
      } while (b === 255);
    }
    matchLength += 4;
    if (matchLength > dstEnd - op) {
      throw new Error(`malformed LZ4 block of ${blockLength} bytes: a ${matchLength}-byte match at byte ${ip - srcPos} overflows the ${dstEnd - dstPos}-byte output`);
    }
    let from = op - offset;
    if (offset >= matchLength) {
      if (matchLength < 32) {
        for (let k = 0; k < matchLength; k++) dst[op + k] = dst[from + k];
      } else {
        dst.copyWithin(op, from, from + matchLength);
      }
      op += matchLength;
    } else if (offset === 1) {
      dst.fill(dst[from], op, op + matchLength);
      op += matchLength;
    } else {
      // overlapping: the match repeats the last `offset` bytes; copy in doubling runs
      const end = op + matchLength;
      let run = offset;
      while (op < end) {
        const n = Math.min(run, end - op);
        dst.copyWithin(op, from, from + n);
        op += n;
        run += n; // bytes [from, op) now repeat with period offset, so the next copy can be twice as long
      }
    }
  }
}

/**
 * Decompresses a raw LZ4 block that must unpack to exactly unpackedLength bytes.
 * @param {Uint8Array} src
 * @param {number} unpackedLength
 * @returns {Uint8Array}
 */
export function decompressBlock(src, unpackedLength) {
  if (!(src instanceof Uint8Array)) throw new TypeError('decompressBlock: src must be a Uint8Array');
  checkUnpackedLength(unpackedLength, src.length, 'LZ4 block');
  const dst = new Uint8Array(unpackedLength);
  const end = decodeBlockInto(src, 0, src.length, dst, 0, unpackedLength);
  if (end !== unpackedLength) {
    throw new Error(`LZ4 block of ${src.length} bytes unpacks to ${end} bytes, not the expected ${unpackedLength}`);
  }
  return dst;
}

/**
 * Unpickles a K4os LZ4Pickler (version 0) pickle; also reads a standard LZ4 frame, as the Java side does.
 * Empty in, empty out.
 * @param {Uint8Array} bytes
 * @returns {Uint8Array}
 */
export function unpickle(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('unpickle: input must be a Uint8Array');
  const length = bytes.length;
  if (length === 0) return new Uint8Array(0);
  if (length >= 4 && ((bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0) === LZ4_FRAME_MAGIC) {
    return unframe(bytes);
  }
  const flags = bytes[0];
  const version = flags & 7;
  if (version !== 0) {
    throw new Error(`LZ4 pickle version ${version} is not supported (header byte 0x${flags.toString(16)}; only version 0 is)`);
  }
  const code = (flags >>> 6) & 3;
  const width = code === 3 ? 4 : code;
  const dataOffset = 1 + width;
  if (length < dataOffset) {
    throw new Error(`LZ4 pickle of ${length} bytes is shorter than its ${dataOffset}-byte header`);
  }
  let diff = 0;
  for (let i = 0; i < width; i++) diff += bytes[1 + i] * 2 ** (8 * i);
  const dataLength = length - dataOffset;
  if (diff === 0) {
    return bytes.slice(dataOffset);
  }
  const unpickledLength = dataLength + diff;
  checkUnpackedLength(unpickledLength, dataLength, 'LZ4 pickle');
  const dst = new Uint8Array(unpickledLength);
  const end = decodeBlockInto(bytes, dataOffset, length, dst, 0, unpickledLength);
  if (end !== unpickledLength) {
    throw new Error(`LZ4 pickle block of ${dataLength} bytes unpacks to ${end} bytes, not the expected ${unpickledLength}`);
  }
  return dst;
}

const FRAME_BLOCK_SIZES = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20];

/** Reads a standard LZ4 frame (checksums are skipped, not verified). */
function unframe(bytes) {
  const length = bytes.length;
  const fail = (what) => { throw new Error(`malformed LZ4 frame of ${length} bytes: ${what}`); };
  if (length < 7) fail('shorter than a frame header');
  const flg = bytes[4];
  const bd = bytes[5];
  if ((flg >>> 6) !== 1) fail(`frame version ${flg >>> 6} is not 1`);
  const independent = (flg & 0x20) !== 0;
  const blockChecksum = (flg & 0x10) !== 0;
  const hasContentSize = (flg & 0x08) !== 0;
  const contentChecksum = (flg & 0x04) !== 0;
  const hasDictId = (flg & 0x01) !== 0;
  const maxBlock = FRAME_BLOCK_SIZES[(bd >>> 4) & 7];
  if (!maxBlock) fail(`block maximum size code ${(bd >>> 4) & 7} is invalid`);
  if (hasDictId) fail('dictionaries are not supported');
  let ip = 6;
  if (hasContentSize) ip += 8;
  ip += 1; // header checksum
  if (ip > length) fail('truncated frame header');
  let out = new Uint8Array(Math.min(maxBlock, MAX_UNPACKED_LENGTH));
  let op = 0;
  for (;;) {
    if (length - ip < 4) fail('truncated block size');
    const word = (bytes[ip] | (bytes[ip + 1] << 8) | (bytes[ip + 2] << 16) | (bytes[ip + 3] << 24)) >>> 0;
    ip += 4;
    if (word === 0) break;
    const stored = (word & 0x80000000) !== 0;
    const size = word & 0x7fffffff;
    if (size > maxBlock) fail(`block of ${size} bytes exceeds the frame's maximum of ${maxBlock}`);
    if (size > length - ip) fail(`block of ${size} bytes runs past the end of the input`);
    if (op + maxBlock > out.length) {
      if (op + maxBlock > MAX_UNPACKED_LENGTH + maxBlock) fail(`unpacks to more than the viewer's limit of ${MAX_UNPACKED_LENGTH} bytes`);
      const grown = new Uint8Array(Math.max(out.length * 2, op + maxBlock));
      grown.set(out.subarray(0, op));
      out = grown;
    }
    if (stored) {
      out.set(bytes.subarray(ip, ip + size), op);
      op += size;
    } else {
      op = decodeBlockInto(bytes, ip, ip + size, out, op, op + maxBlock, independent ? op : 0);
    }
    if (op > MAX_UNPACKED_LENGTH) fail(`unpacks to more than the viewer's limit of ${MAX_UNPACKED_LENGTH} bytes`);
    ip += size + (blockChecksum ? 4 : 0);
  }
  if (contentChecksum) ip += 4;
  if (ip > length) fail('truncated checksum');
  return out.slice(0, op);
}
