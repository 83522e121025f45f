import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mp4 } from '../testing/fixtures.js';
import { sniffFile } from './file-sniff.js';

const typeOf = async (bytes: Uint8Array, complete = true) => (await sniffFile(bytes, complete))?.contentType;

describe('sniffing MP4 by its tracks', () => {
  test('audio-only is audio/mp4 whatever its brand; any video track makes it video', async () => {
    assert.equal(await typeOf(mp4(['soun'])), 'audio/mp4');
    assert.equal(await typeOf(mp4(['vide', 'soun'])), 'video/mp4');
    assert.equal(await typeOf(mp4(['vide'])), 'video/mp4');
    // An M4A brand does not make a video audio.
    const branded = mp4(['vide', 'soun']);
    branded.write('M4A ', 8, 'latin1');
    assert.equal(await typeOf(branded), 'video/mp4');
  });

  test('a movie box beyond the bytes read, cut short or malformed decides nothing: it stays video', async () => {
    const audio = mp4(['soun']);
    assert.equal(await typeOf(audio.subarray(0, 200), false), 'video/mp4', 'cut inside the movie box');
    // The movie box after the media data, out of reach of the sniffed head.
    const ftypEnd = audio.readUInt32BE(0);
    const moovEnd = ftypEnd + audio.readUInt32BE(ftypEnd);
    const moovLast = Buffer.concat([audio.subarray(0, ftypEnd), audio.subarray(moovEnd), audio.subarray(ftypEnd, moovEnd)]);
    assert.equal(await typeOf(moovLast), 'audio/mp4', 'whole file: found');
    assert.equal(await typeOf(moovLast.subarray(0, moovEnd - 20), false), 'video/mp4', 'head only: not found');
    const broken = Buffer.from(audio);
    broken.writeUInt32BE(0xffff, ftypEnd + 8); // the mvhd box claims more than the movie box holds
    assert.equal(await typeOf(broken), 'video/mp4');
  });
});
