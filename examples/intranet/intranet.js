// The host page's glue: sign in through <desk-provider>, keep the token for this tab only.
const desk = document.getElementById('desk');
const form = document.getElementById('sign-in');
const who = document.getElementById('who');
const signOut = document.getElementById('sign-out');
const errorBox = document.getElementById('sign-in-error');
const queue = document.getElementById('queue');
const chatWindow = document.getElementById('window');
const noSelection = document.getElementById('no-selection');
const profileToggle = document.getElementById('profile-toggle');
const profilePanel = document.getElementById('profile-panel');
const profile = document.getElementById('profile');
const layout = document.querySelector('.desk-layout');
const reportsToggle = document.getElementById('reports-toggle');
const reportsPanel = document.getElementById('reports-panel');
const REPORTS_KEY = 'deskkit-demo-reports-open';
const PROFILE_KEY = 'deskkit-demo-profile-open';
const TOKEN_KEY = 'deskkit-demo-token';

await customElements.whenDefined('desk-provider');

function render(session) {
  const signedIn = Boolean(session);
  form.hidden = signedIn;
  desk.hidden = !signedIn;
  signOut.hidden = !signedIn;
  who.textContent = signedIn ? `${session.agent.name} · ${session.agent.role}` : '';
  renderReports(session);
}

// Reports are for supervisors and admins; the open/closed choice is kept for the tab.
function renderReports(session) {
  const allowed = session?.agent.role === 'supervisor' || session?.agent.role === 'admin';
  const open = allowed && sessionStorage.getItem(REPORTS_KEY) === 'open';
  reportsToggle.hidden = !allowed;
  reportsToggle.setAttribute('aria-expanded', String(open));
  reportsPanel.hidden = !open;
}
reportsToggle.addEventListener('click', () => {
  const open = reportsToggle.getAttribute('aria-expanded') !== 'true';
  sessionStorage.setItem(REPORTS_KEY, open ? 'open' : 'closed');
  renderReports(desk.session);
  if (open) void document.getElementById('metrics').load();
});

// Supervisor desk: agents' load beside the queue's All tab; picking an agent filters the queue by assignee.
const supervisorToggle = document.getElementById('supervisor-toggle');
const supervisorPanel = document.getElementById('supervisor-panel');
const SUPERVISOR_KEY = 'deskkit-demo-supervisor-open';
function renderSupervisor(session) {
  const allowed = session?.agent.role === 'supervisor' || session?.agent.role === 'admin';
  const open = allowed && sessionStorage.getItem(SUPERVISOR_KEY) === 'open';
  supervisorToggle.hidden = !allowed;
  supervisorToggle.setAttribute('aria-expanded', String(open));
  supervisorPanel.hidden = !open;
  if (open) queue.view = 'all';
  else if (queue.view === 'all') queue.filterByAssignee(null);
}
supervisorToggle.addEventListener('click', () => {
  const open = supervisorToggle.getAttribute('aria-expanded') !== 'true';
  sessionStorage.setItem(SUPERVISOR_KEY, open ? 'open' : 'closed');
  renderSupervisor(desk.session);
});
document.getElementById('agent-load').addEventListener('desk-agent-select', (event) => {
  queue.view = 'all';
  queue.filterByAssignee(event.detail.agentId);
});
desk.addEventListener('desk-session-change', (event) => renderSupervisor(event.detail.session));

// Settings are for admins; the open/closed choice is kept for the tab like the others.
const settingsToggle = document.getElementById('settings-toggle');
const settingsPanel = document.getElementById('settings-panel');
const SETTINGS_KEY = 'deskkit-demo-settings-open';
function renderSettings(session) {
  const allowed = session?.agent.role === 'admin';
  const open = allowed && sessionStorage.getItem(SETTINGS_KEY) === 'open';
  settingsToggle.hidden = !allowed;
  settingsToggle.setAttribute('aria-expanded', String(open));
  settingsPanel.hidden = !open;
}
settingsToggle.addEventListener('click', () => {
  const open = settingsToggle.getAttribute('aria-expanded') !== 'true';
  sessionStorage.setItem(SETTINGS_KEY, open ? 'open' : 'closed');
  renderSettings(desk.session);
});
desk.addEventListener('desk-session-change', (event) => renderSettings(event.detail.session));

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
const oneColumn = matchMedia('(max-width: 800px)');
function select(conversationId) {
  chatWindow.conversationId = conversationId ?? null;
  chatWindow.hidden = !conversationId;
  noSelection.hidden = Boolean(conversationId);
  queue.selected = conversationId ?? null;
  profileToggle.hidden = !conversationId;
  void showProfile();
  const hash = conversationId ? `#conversation/${conversationId}` : '';
  if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname);
  // One column (a phone): the conversation opens below the queue, so bring it into view.
  if (conversationId && oneColumn.matches) chatWindow.scrollIntoView({ block: 'start' });
}
queue.addEventListener('desk-conversation-select', (event) => select(event.detail.conversationId));
queue.addEventListener('desk-conversation-accept', (event) => select(event.detail.conversationId));
// A desktop notification the agent clicked opens its chat.
document.getElementById('alerts').addEventListener('desk-conversation-select', (event) => select(event.detail.conversationId));

// The side panel shows the open conversation's customer; its history opens other conversations.
let profileRequest = 0;
async function showProfile() {
  const open = sessionStorage.getItem(PROFILE_KEY) === 'open' && Boolean(chatWindow.conversationId);
  profileToggle.setAttribute('aria-expanded', String(open));
  profilePanel.hidden = !open;
  layout.classList.toggle('with-profile', open);
  if (!open || !desk.client || !desk.session) return;
  const request = ++profileRequest;
  try {
    const conversation = await desk.client.conversations.get.query({ conversationId: chatWindow.conversationId });
    if (request === profileRequest) profile.customerId = conversation.customer.id;
  } catch {
    // Not visible to this agent (any more): the chat window says why.
  }
}
profileToggle.addEventListener('click', () => {
  const open = profileToggle.getAttribute('aria-expanded') !== 'true';
  sessionStorage.setItem(PROFILE_KEY, open ? 'open' : 'closed');
  void showProfile();
});
profile.addEventListener('desk-conversation-select', (event) => select(event.detail.conversationId));
desk.addEventListener('desk-session-change', () => void showProfile());
desk.addEventListener('desk-session-change', (event) => {
  if (!event.detail.session) select(null);
});
select(location.hash.match(/^#conversation\/([0-9a-f]{24})$/)?.[1]);

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) desk.token = saved;
render(null);
