import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Middleware } from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';

/** Where the emoji picker's data lives (the English emojibase set, with shortcodes). */
export const EMOJI_ASSETS_PREFIX = '/assets/emoji';

const packageDir = dirname(createRequire(import.meta.url).resolve('emoji-picker-element-data/package.json'));
const dataDir = join(packageDir, 'en', 'emojibase');

/** The data changes only with the package: its version and the file's size name it. */
function etag(): string {
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return `"emoji-${version}-${statSync(join(dataDir, 'data.json')).size}"`;
}

/**
 * The emoji picker's data (`GET /assets/emoji/data.json`), served by the desk itself:
 * elements never fetch it from a CDN. Its ETag (readable across origins) lets the picker
 * check for new data with a cheap HEAD instead of downloading it again.
 */
export function emojiAssets(): Middleware {
  const tag = etag();
  const files = serve(dataDir, { maxage: 24 * 60 * 60 * 1000, index: false });
  return mount(EMOJI_ASSETS_PREFIX, async function emojiData(ctx, next) {
    if (ctx.path === '/data.json' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.set('ETag', tag);
      ctx.set('Access-Control-Expose-Headers', 'ETag');
      if (ctx.get('If-None-Match') === tag) {
        ctx.status = 304;
        return;
      }
    }
    return files(ctx, next);
  });
}
