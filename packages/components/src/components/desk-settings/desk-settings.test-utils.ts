/** Test-only helpers for the <desk-settings> tests: mount as someone, find, type, wait. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../desk-provider/desk-provider.js';
import type { DeskProvider } from '../desk-provider/desk-provider.js';
import { deskEnv } from '../../internal/test-env.js';
import './desk-settings.js';
import type { DeskSettings, SettingsSection } from './desk-settings.js';

/**
 * `<desk-settings>` in a provider signed in as `email` (of the demo tenant, or `tenant`), on
 * `section`, once that section has rendered.
 */
export async function mountSettings(email: string, section: SettingsSection = 'profile', tenant?: string) {
  const env = await deskEnv();
  const provider = await fixture<DeskProvider>(
    html`<desk-provider server=${env.url}><desk-settings section=${section}></desk-settings></desk-provider>`,
  );
  const settings = provider.querySelector<DeskSettings>('desk-settings')!;
  await provider.signIn({ tenant: tenant ?? env.tenant, email, password: env.password });
  const root = settings.shadowRoot!;
  if (email.startsWith('ada@')) await ready(root);
  return { env, provider, settings, root, client: provider.client! };
}

/**
 * A new tenant of its own (no channel accounts, templates or opening hours) whose admin is
 * `ada@demo.deskkit.dev` with the demo password: what a test changes there nobody else sees.
 */
export async function emptyTenant(): Promise<string> {
  const { tenant } = (await (await fetch('/__desk-empty-tenant')).json()) as { tenant: string };
  return tenant;
}

/** Waits until the open tab's sections have loaded. */
export async function ready(root: ShadowRoot): Promise<void> {
  await waitUntil(() => root.querySelector('[part~=form]') && !root.querySelector('[part~=form][aria-busy=true]'), 'the tab loaded', { timeout: 5_000 });
}

/** Sets a field as a user would, firing `input` and `change`. */
export function type(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

export const find = <T extends Element = HTMLElement>(root: ParentNode, selector: string): T => {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  return el;
};

/** Waits until `selector` matches (and, if given, its text includes `text`), and returns it. */
export async function shown<T extends Element = HTMLElement>(root: ParentNode, selector: string, text = ''): Promise<T> {
  await waitUntil(() => root.querySelector(selector)?.textContent?.includes(text), `${selector} ${text}`.trim(), { timeout: 5_000 });
  return root.querySelector<T>(selector)!;
}

/** Submits a section's form with its submit button and waits for "Saved" (or an error). */
export async function save(root: ShadowRoot, form: string): Promise<void> {
  find<HTMLButtonElement>(root, `${form} button[type=submit]`).click();
  // The click clears the last notice; then wait for this save's outcome.
  await (root.host as DeskSettings).updateComplete;
  await waitUntil(
    () => root.querySelector(`${form} [part=saved]`)?.textContent?.trim() || root.querySelector(`${form} [part=error], ${form} [part=field-error]`),
    `${form} saved`,
    { timeout: 5_000 },
  );
}

/** Polls `read` until it gives something, and returns that. */
export async function eventually<T>(read: () => Promise<T | undefined | null>, message: string, timeout = 5_000): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timeout: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
