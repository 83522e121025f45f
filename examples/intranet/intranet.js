// The host page's glue: sign in through <desk-provider>, keep the token for this tab only.
const desk = document.getElementById('desk');
const form = document.getElementById('sign-in');
const who = document.getElementById('who');
const signOut = document.getElementById('sign-out');
const errorBox = document.getElementById('sign-in-error');
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

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) desk.token = saved;
render(null);
