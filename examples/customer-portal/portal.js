// The portal's glue: a chat launcher, and the two ways of visiting (anonymous or signed in).
const chat = document.getElementById('chat');
const panel = document.getElementById('chat-panel');
const launcher = document.getElementById('launcher');
const closeButton = document.getElementById('close-chat');
const unread = document.getElementById('unread');
const who = document.getElementById('who');
const modeError = document.getElementById('mode-error');
const MODE_KEY = 'acme-portal-mode';
/** Identity tokens are short-lived: fetch a fresh one this often while signed in. */
const RENEW_MS = 5 * 60_000;

let unreadCount = 0;
let renewTimer;

function setUnread(count) {
  unreadCount = count;
  unread.hidden = count === 0;
  unread.textContent = count ? `${count} new` : '';
}

function openPanel(open) {
  panel.hidden = !open;
  launcher.setAttribute('aria-expanded', String(open));
  if (open) {
    setUnread(0);
    chat.focus();
  } else {
    launcher.focus();
  }
}

launcher.addEventListener('click', () => openPanel(panel.hidden));
closeButton.addEventListener('click', () => openPanel(false));
panel.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') openPanel(false);
});

// A reply while the panel is closed: show it on the launcher.
chat.addEventListener('desk-chat-message', (event) => {
  if (event.detail.fromAgent && panel.hidden) setUnread(unreadCount + 1);
});

/** Plays the portal's backend: it knows the signed-in customer and signs a token for them. */
async function signIn() {
  const res = await fetch('/demo/identity-token', { cache: 'no-store' });
  if (!res.ok) throw new Error(`the portal could not sign you in (HTTP ${res.status})`);
  const { token, customer } = await res.json();
  chat.setAttribute('identity-token', token);
  who.textContent = `Signed in as ${customer.name}`;
}

async function setMode(mode) {
  clearInterval(renewTimer);
  modeError.textContent = '';
  localStorage.setItem(MODE_KEY, mode);
  if (mode === 'signed-in') {
    try {
      await signIn();
      renewTimer = setInterval(() => signIn().catch(() => undefined), RENEW_MS);
    } catch (err) {
      modeError.textContent = err.message;
    }
  } else {
    chat.removeAttribute('identity-token');
    who.textContent = 'Browsing as a guest';
  }
}

for (const radio of document.querySelectorAll('input[name=mode]')) {
  radio.addEventListener('change', () => void setMode(radio.value));
}

const saved = localStorage.getItem(MODE_KEY) === 'signed-in' ? 'signed-in' : 'anonymous';
document.querySelector(`input[name=mode][value=${saved}]`).checked = true;
await setMode(saved);
