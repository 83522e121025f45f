/**
 * @license MIT
 * The desk's emoji font (`/assets/emoji/font.css`, Noto Color Emoji as 'Deskkit Emoji'), for
 * systems with no colour emoji font of their own: without it their emoji show as empty boxes.
 * Fonts cannot be declared inside a shadow root, so the rules go into the document, once per
 * desk. The emoji stacks name the family last: a system's own emoji font wins, and a file is
 * fetched only for an emoji no earlier font has.
 */
const linked = new Set<string>();

export function linkEmojiFont(server: string): void {
  const href = `${server.replace(/\/+$/, '')}/assets/emoji/font.css`;
  if (!server || linked.has(href)) return;
  linked.add(href);
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.dataset.deskkit = 'emoji-font';
  document.head.append(link);
}
