// The host page's glue: sign in through <desk-provider>, keep the token for this tab only.
const desk = document.getElementById('desk');
const form = document.getElementById('sign-in');
const who = document.getElementById('who');
const signOut = document.getElementById('sign-out');
const errorBox = document.getElementById('sign-in-error');
const queue = document.getElementById('queue');
const chatWindow = document.getElementById('window');
const noSelection = document.getElementById('no-selection');
const TOKEN_KEY = 'deskkit-demo-token';

await customElements.whenDefined('desk-provider');

function render(session) {
  const signedIn = Boolean(session);
  form.hidden = signedIn;
  desk.hidden = !signedIn;
  signOut.hidden = !signedIn;
  who.textContent = signedIn ? `${session.agent.name} · ${session.agent.role}` : '';
}

desk.addEventListener('desk-session-change', (event) => {
  const session = event.detail.session;
  if (session?.token) sessionStorage.setItem(TOKEN_KEY, session.token);
  if (!session) sessionStorage.removeItem(TOKEN_KEY);
  render(session);
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  errorBox.textContent = '';
  const data = new FormData(form);
  try {
    await desk.signIn({ tenant: 'demo', email: data.get('email'), password: data.get('password') });
  } catch (err) {
    errorBox.textContent = err.message;
  }
});

signOut.addEventListener('click', () => desk.signOut());

// The queue picks, the window shows: the selection lives in the URL so a reload keeps it.
function select(conversationId) {
  chatWindow.conversationId = conversationId ?? null;
  chatWindow.hidden = !conversationId;
  noSelection.hidden = Boolean(conversationId);
  queue.selected = conversationId ?? null;
  const hash = conversationId ? `#conversation/${conversationId}` : '';
  if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname);
}
queue.addEventListener('desk-conversation-select', (event) => select(event.detail.conversationId));
queue.addEventListener('desk-conversation-accept', (event) => select(event.detail.conversationId));
desk.addEventListener('desk-session-change', (event) => {
  if (!event.detail.session) select(null);
});
select(location.hash.match(/^#conversation\/([0-9a-f]{24})$/)?.[1]);

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) desk.token = saved;
render(null);
