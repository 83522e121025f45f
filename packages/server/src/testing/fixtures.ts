import { crc32, deflateSync } from 'node:zlib';

// Real file bytes for tests, made on the spot.

function pngChunk(type: string, data: Buffer) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const frame = Buffer.alloc(8 + data.length + 4);
  frame.writeUInt32BE(data.length, 0);
  body.copy(frame, 4);
  frame.writeUInt32BE(crc32(body), 8 + data.length);
  return frame;
}

/** A valid RGB PNG of the given size, one colour. */
export function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x7f)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}


/** The first page of an Ogg Opus stream (what a WhatsApp voice note starts with), padded with `payloadBytes`. */
export function oggOpus(payloadBytes = 64): Buffer {
  const head = Buffer.concat([Buffer.from('OpusHead', 'latin1'), Buffer.from([1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0])]);
  const page = Buffer.alloc(27);
  page.write('OggS', 0, 'latin1');
  page[5] = 0x02; // beginning of stream
  page.writeUInt32LE(0x1234, 14); // serial number
  page[26] = 1; // one segment
  return Buffer.concat([page, Buffer.from([head.length]), head, Buffer.alloc(payloadBytes, 0x55)]);
}

/** A minimal PDF document. */
export function pdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
}

/**
 * A decompression bomb: a small PNG (a few hundred KB) of `width × height` black greyscale
 * pixels, which would take `width × height` bytes to decode.
 */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const pixels = deflateSync(Buffer.alloc((width + 1) * height), { level: 9 });
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ISO-BMFF box; a full box when `version` is given (version byte and 24-bit flags first). */
function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}
const fullBox = (type: string, flags: number, ...parts: Buffer[]) => box(type, Buffer.from([0, flags >> 16, (flags >> 8) & 0xff, flags & 0xff]), ...parts);
function u(bytes: 1 | 2 | 4, ...values: number[]): Buffer {
  const out = Buffer.alloc(bytes * values.length);
  values.forEach((v, i) => out.writeUIntBE(v, i * bytes, bytes));
  return out;
}
/** The identity transform of mvhd and tkhd. */
const unityMatrix = u(4, 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);

/** An MPEG-4 audio elementary stream descriptor: AAC-LC, 48 kHz, mono. */
function esds(): Buffer {
  const descriptor = (tag: number, ...parts: Buffer[]) => {
    const body = Buffer.concat(parts);
    return Buffer.concat([Buffer.from([tag, body.length]), body]);
  };
  const decoderConfig = descriptor(0x04, Buffer.from([0x40, 0x15]), u(1, 0, 0, 0), u(4, 64_000, 64_000), descriptor(0x05, Buffer.from([0x11, 0x88])));
  return fullBox('esds', 0, descriptor(0x03, u(2, 1), u(1, 0), decoderConfig, descriptor(0x06, Buffer.from([0x02]))));
}

function sampleEntry(handler: 'soun' | 'vide'): Buffer {
  const common = Buffer.concat([Buffer.alloc(6), u(2, 1)]);
  if (handler === 'soun') return box('mp4a', common, Buffer.alloc(8), u(2, 1, 16, 0, 0), u(4, 48_000 * 0x10000), esds());
  // H.264 baseline, 320×240: the avcC record without parameter sets is enough for the structure.
  const avcC = box('avcC', Buffer.from([1, 0x42, 0xc0, 0x1e, 0xff, 0xe0, 0x00]));
  return box('avc1', common, Buffer.alloc(16), u(2, 320, 240), u(4, 0x480000, 0x480000, 0), u(2, 1), Buffer.alloc(32), u(2, 0x18, 0xffff), avcC);
}

function trak(id: number, handler: 'soun' | 'vide', sampleBytes: number, chunkOffset: number): Buffer {
  const audio = handler === 'soun';
  const timescale = audio ? 48_000 : 30;
  const tkhd = fullBox('tkhd', 3, u(4, 0, 0, id, 0, 1000), Buffer.alloc(8), u(2, 0, 0, audio ? 0x100 : 0, 0), unityMatrix, u(4, audio ? 0 : 320 * 0x10000, audio ? 0 : 240 * 0x10000));
  const mdhd = fullBox('mdhd', 0, u(4, 0, 0, timescale, audio ? 1024 : 1), u(2, 0x55c4, 0));
  const hdlr = fullBox('hdlr', 0, u(4, 0), Buffer.from(handler, 'latin1'), Buffer.alloc(12), Buffer.from(audio ? 'SoundHandler\0' : 'VideoHandler\0', 'latin1'));
  const header = audio ? fullBox('smhd', 0, u(2, 0, 0)) : fullBox('vmhd', 1, u(2, 0, 0, 0, 0));
  const dinf = box('dinf', fullBox('dref', 0, u(4, 1), fullBox('url ', 1)));
  const stbl = box(
    'stbl',
    fullBox('stsd', 0, u(4, 1), sampleEntry(handler)),
    fullBox('stts', 0, u(4, 1, 1, audio ? 1024 : 1)),
    fullBox('stsc', 0, u(4, 1, 1, 1, 1)),
    fullBox('stsz', 0, u(4, 0, 1, sampleBytes)),
    fullBox('stco', 0, u(4, 1, chunkOffset)),
  );
  return box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', header, dinf, stbl)));
}

/**
 * A small MP4 (ISO-BMFF, brand isom, movie box first as recorders write it) with one
 * sample per track: `['soun']` is an audio-only recording (what Safari's MediaRecorder
 * gives as audio/mp4), `['vide', 'soun']` a video with sound.
 */
export function mp4(tracks: Array<'soun' | 'vide'>, sampleBytes = 64): Buffer {
  const ftyp = box('ftyp', Buffer.from('isom', 'latin1'), u(4, 0x200), Buffer.from('isomiso2mp41', 'latin1'));
  const moov = (offsets: number[]) =>
    box('moov', fullBox('mvhd', 0, u(4, 0, 0, 1000, 1000, 0x10000), u(2, 0x100), Buffer.alloc(10), unityMatrix, Buffer.alloc(24), u(4, tracks.length + 1)), ...tracks.map((handler, i) => trak(i + 1, handler, sampleBytes, offsets[i]!)));
  const dataStart = ftyp.length + moov(tracks.map(() => 0)).length + 8;
  const offsets = tracks.map((_, i) => dataStart + i * sampleBytes);
  return Buffer.concat([ftyp, moov(offsets), box('mdat', Buffer.alloc(sampleBytes * tracks.length, 0x21))]);
}
