/** Test-only: where the real desk server runs and the seeded demo credentials. */
import { waitUntil } from '@open-wc/testing';
import { createDeskClient, type DeskClient } from '@deskkit/client';

export interface DeskEnv {
  url: string;
  tenant: string;
  password: string;
  agents: Array<{ id: string; email: string; name: string; role: string }>;
  departments: Array<{ id: string; name: string }>;
  /** The demo tenant's identity-token secret (test only: a real portal keeps it on its server). */
  identitySecret: string;
}

let env: Promise<DeskEnv> | undefined;
export const deskEnv = () => (env ??= fetch('/__desk-env.json').then((res) => res.json() as Promise<DeskEnv>));

/** Signs an agent in directly through the typed client. */
export async function signInAs(email: string): Promise<{ client: DeskClient; token: string; agentId: string; env: DeskEnv }> {
  const e = await deskEnv();
  const session = await createDeskClient({ url: e.url }).auth.signIn.mutate({ tenant: e.tenant, email, password: e.password });
  return { client: createDeskClient({ url: e.url, token: session.token }), token: session.token, agentId: session.agent.id, env: e };
}

/** A new customer starts a web chat in the Support department. */
export async function startSupportChat(env: DeskEnv, name: string, body = 'Hello, I need help') {
  const started = await createDeskClient({ url: env.url }).webchat.start.mutate({
    tenant: env.tenant,
    name,
    departmentId: env.departments.find((d) => d.name === 'Support')!.id,
    message: { body, clientMessageId: cid() },
  });
  const { visitorToken } = started;
  return { conversationId: started.conversation.id, visitorToken, visitor: createDeskClient({ url: env.url, token: visitorToken }) };
}

/** Waits until the agent shows online (their live stream is open), then makes them Available. */
export async function makeAvailable(client: DeskClient, agentId: string): Promise<void> {
  const online = async () => (await client.presence.list.query()).agents.some((a) => a.agentId === agentId);
  await waitUntil(online, 'agent online', { timeout: 5_000, interval: 100 });
  await client.presence.setStatus.mutate({ status: 'available' });
}

type SavePicker = (options: { suggestedName: string }) => Promise<FileSystemFileHandle>;

/**
 * Test-only: stands in for the user in the browser's save dialog (`showSaveFilePicker`),
 * which headless Chromium cannot show. Each pick is a real file in the origin's private
 * file system, so what a download writes can be read back. `cancel` answers as a user who
 * closes the dialog. Call `restore()` when done (`null` removes the picker altogether).
 */
export function fakeSavePicker(options: { cancel?: boolean; absent?: boolean } = {}) {
  const win = window as unknown as { showSaveFilePicker?: SavePicker };
  const had = Object.prototype.hasOwnProperty.call(window, 'showSaveFilePicker');
  const original = win.showSaveFilePicker;
  const picked: string[] = [];
  if (options.absent) delete win.showSaveFilePicker;
  else {
    win.showSaveFilePicker = async ({ suggestedName }) => {
      if (options.cancel) throw new DOMException('The user aborted a request.', 'AbortError');
      picked.push(suggestedName);
      const dir = await navigator.storage.getDirectory();
      await dir.removeEntry(suggestedName).catch(() => undefined);
      return dir.getFileHandle(suggestedName, { create: true });
    };
  }
  return {
    picked,
    /** What a download wrote into the picked file. */
    read: async (name: string) => (await (await (await navigator.storage.getDirectory()).getFileHandle(name)).getFile()).text(),
    restore: () => {
      if (had) win.showSaveFilePicker = original;
      else delete win.showSaveFilePicker;
    },
  };
}

/** A fresh client message id. */
export const cid = () => crypto.randomUUID().replaceAll('-', '');

/**
 * Undo steps for the file's tests (close streams, sign out, …), run after each test,
 * newest first; one that fails because it is already undone does not stop the rest.
 */
export function cleanupsAfterEach(): Array<() => Promise<unknown> | unknown> {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch {
        // Already closed, signed out, gone.
      }
    }
  });
  return cleanups;
}

/** Picks files through an element's file input (in its shadow root), as the file dialog would. */
export function pickFiles(host: Element, files: File[]): void {
  const input = host.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
