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

/**
 * The emoji font for systems without a colour emoji font of their own (Linux without Noto
 * Color Emoji; Apple's and Microsoft's systems have theirs): Noto Color Emoji in COLRv1, as
 * Google Fonts splits it by Unicode range. Chromium draws only COLR colour fonts, not SVG ones.
 */
const fontPackageDir = dirname(createRequire(import.meta.url).resolve('@infolektuell/noto-color-emoji/package.json'));
const fontDir = join(fontPackageDir, 'files');
/** The family the elements' emoji stacks name last (after the systems' own emoji fonts). */
export const EMOJI_FONT_FAMILY = 'Deskkit Emoji';

/**
 * The `@font-face` rules (`GET /assets/emoji/font.css`): the package's own, renamed to
 * `EMOJI_FONT_FAMILY`, each file under `font/`. A browser downloads a file only for an
 * emoji in its range that no earlier font in the stack has.
 */
function fontCss(): string {
  const css = readFileSync(join(fontPackageDir, 'index.css'), 'utf8')
    .replaceAll("font-family: 'Noto Color Emoji'", `font-family: '${EMOJI_FONT_FAMILY}'`)
    .replace(/url\(\.\/files\/(\w+\.woff2)\) format\(woff2\)/g, "url(font/$1) format('woff2')");
  if (!css.includes(`'${EMOJI_FONT_FAMILY}'`) || css.includes('./files/')) throw new Error('unexpected emoji font CSS');
  return css;
}

/** The data changes only with the package: its version and the file's size name it. */
function etag(): string {
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return `"emoji-${version}-${statSync(join(dataDir, 'data.json')).size}"`;
}

/**
 * The emoji picker's data (`GET /assets/emoji/data.json`) and the emoji font (`font.css`
 * and its `font/*.woff2` files), served by the desk itself:
 * elements never fetch it from a CDN. Its ETag (readable across origins) lets the picker
 * check for new data with a cheap HEAD instead of downloading it again.
 */
export function emojiAssets(): Middleware {
  const tag = etag();
  const files = serve(dataDir, { maxage: 24 * 60 * 60 * 1000, index: false });
  const css = fontCss();
  const fonts = mount('/font', serve(fontDir, { maxage: 7 * 24 * 60 * 60 * 1000, index: false, extensions: false }));
  return mount(EMOJI_ASSETS_PREFIX, async function emojiData(ctx, next) {
    if (ctx.path === '/font.css' && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.type = 'text/css';
      ctx.set('Cache-Control', 'max-age=86400');
      ctx.body = css;
      return;
    }
    if (/^\/font\/[\w-]+\.woff2$/.test(ctx.path)) return fonts(ctx, next);
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
