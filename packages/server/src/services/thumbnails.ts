import sharp from 'sharp';

/** Thumbnails fit in this box (CSS pixels on the long side); smaller images keep their size. */
export const THUMBNAIL_BOX = 320;

/**
 * The most pixels an uploaded image may have (100 megapixels, e.g. 12,000 × 8,000). Larger ones
 * are refused: decoding them could take gigabytes (a decompression bomb).
 */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** Thumbnails are WebP (every current browser shows it; keeps transparency). */
export const THUMBNAIL_TYPE = 'image/webp';

/** Raster types sharp decodes here. SVG is never rasterised: it is served as a download. */
const thumbnailable = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

export const hasThumbnail = (contentType: string) => thumbnailable.has(contentType);

export interface Thumbnail {
  data: Buffer;
  width: number;
  height: number;
}

/** Decoding this image was refused: it has more pixels than `MAX_IMAGE_PIXELS`. */
export class ImageTooLargeError extends Error {}

/**
 * A small copy of an image for timelines: the first frame, turned upright by its EXIF
 * orientation, shrunk (never enlarged) to fit `THUMBNAIL_BOX`, without metadata (no GPS,
 * no camera details), as WebP. Throws `ImageTooLargeError` for images over
 * `MAX_IMAGE_PIXELS`, before decoding them; anything else that cannot be decoded throws
 * sharp's own error.
 */
export async function makeThumbnail(image: Buffer): Promise<Thumbnail> {
  try {
    const { data, info } = await sharp(image, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', pages: 1 })
      .autoOrient()
      .resize({ width: THUMBNAIL_BOX, height: THUMBNAIL_BOX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message)) throw new ImageTooLargeError(err.message);
    throw err;
  }
}
