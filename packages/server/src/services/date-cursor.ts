import { Types } from 'mongoose';
import { invalidField } from './errors.js';

/**
 * Keyset cursors over (date, id), newest first: opaque to clients, and anything that is
 * not one of ours is a BAD_REQUEST on `cursor` with `message`, never a crash.
 */
export function encodeDateCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString('base64url');
}

export function decodeDateCursor(cursor: string, message: string): [Date, Types.ObjectId] {
  const bad = () => invalidField('cursor', message);
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) throw bad();
    const [at, id] = parsed;
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !/^[0-9a-f]{24}$/i.test(id)) throw bad();
    return [new Date(at), new Types.ObjectId(id)];
  } catch {
    throw bad();
  }
}
