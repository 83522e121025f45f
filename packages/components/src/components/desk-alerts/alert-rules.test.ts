import { expect } from '@open-wc/testing';
import type { AgentLiveEvent, ConversationView, MessageView } from '@deskkit/client';
import { AlertRules } from './alert-rules.js';

const ME = 'agent-me';

function conversation(id: string, changes: Partial<ConversationView> = {}): AgentLiveEvent {
  return {
    type: 'conversation',
    conversation: {
      id,
      kind: 'chat',
      status: 'pending',
      assigneeId: null,
      revision: 1,
      customer: { id: `c-${id}`, name: `Customer ${id}`, verified: false, verifiedAt: null, verifiedBy: null },
      ...changes,
    } as ConversationView,
  };
}

let seq = 0;
function message(conversationId: string, changes: Partial<MessageView>): AgentLiveEvent {
  seq++;
  return {
    type: 'message',
    message: { id: `m${seq}`, conversationId, seq, author: { kind: 'system', id: null, name: 'System' }, kind: 'event', body: '', event: null, ...changes } as MessageView,
  };
}

const created = (id: string) => message(id, { event: { type: 'created' } });
const from = (id: string, body: string) => message(id, { author: { kind: 'customer', id: `c-${id}`, name: `Customer ${id}` }, kind: 'text', body });
const kinds = (rules: AlertRules) => rules.take().map((a) => `${a.kind}:${a.conversationId}`);

describe('alert rules', () => {
  it('a new chat alerts as waiting whether its change comes before or after its timeline entry', () => {
    const rules = new AlertRules(ME, true);
    rules.apply(created('a'));
    rules.apply(conversation('a'));
    rules.apply(conversation('b'));
    rules.apply(created('b'));
    expect(kinds(rules)).to.deep.equal(['queued:a', 'queued:b']);
    // Taken once.
    expect(kinds(rules)).to.deep.equal([]);
  });

  it('a chat taken before the alert is due alerts nobody; one routed to the agent alerts them only as theirs', () => {
    const rules = new AlertRules(ME, true);
    rules.apply(created('a'));
    rules.apply(conversation('a'));
    rules.apply(message('a', { event: { type: 'assigned', agentId: 'someone', agentName: 'Someone', by: 'routing' } }));
    rules.apply(conversation('a', { status: 'open', assigneeId: 'someone', revision: 2 }));
    rules.apply(created('b'));
    rules.apply(conversation('b'));
    rules.apply(message('b', { event: { type: 'assigned', agentId: ME, agentName: 'Me', by: 'routing' } }));
    rules.apply(conversation('b', { status: 'open', assigneeId: ME, revision: 2 }));
    expect(kinds(rules)).to.deep.equal(['assigned:b']);
  });

  it("accepting a chat oneself is no alert; an older view of a conversation does not undo a newer one; a chat gone from sight alerts nobody", () => {
    const rules = new AlertRules(ME, true);
    rules.apply(conversation('a', { status: 'open', assigneeId: ME, revision: 3 }));
    rules.apply(message('a', { event: { type: 'assigned', agentId: ME, agentName: 'Me', by: 'accept' } }));
    rules.apply(conversation('a', { revision: 1 }));
    rules.apply(from('a', 'hi'));
    rules.apply(created('b'));
    rules.apply(conversation('b'));
    rules.apply({ type: 'removed', conversationId: 'b', revision: 2 });
    expect(kinds(rules)).to.deep.equal(['message:a']);
  });

  it("a customer's message alerts in the agent's chats only; the same message twice alerts once", () => {
    const rules = new AlertRules(ME, true);
    rules.apply(conversation('mine', { status: 'open', assigneeId: ME }));
    rules.apply(conversation('theirs', { status: 'open', assigneeId: 'someone' }));
    rules.apply(conversation('waiting'));
    const hello = from('mine', 'hello');
    rules.apply(hello);
    rules.apply(hello);
    rules.apply(from('theirs', 'hello'));
    rules.apply(from('waiting', 'hello'));
    const alerts = rules.take();
    expect(alerts.map((a) => `${a.kind}:${a.conversationId}`)).to.deep.equal(['message:mine']);
    expect(alerts[0]!.message!.body).to.equal('hello');
    expect(alerts[0]!.customer).to.equal('Customer mine');
  });

  it('a transfer to the agent names who made it and outranks the message that came with it', () => {
    const rules = new AlertRules(ME, true);
    rules.apply(from('a', 'anyone?'));
    rules.apply(
      message('a', {
        author: { kind: 'agent', id: 'sup', name: 'Sam Carter' },
        event: { type: 'transferred', from: null, toAgentId: ME, toAgentName: 'Me', toDepartmentId: null, toDepartmentName: null, note: 'VIP' },
      }),
    );
    rules.apply(conversation('a', { status: 'open', assigneeId: ME, revision: 2 }));
    const [alert, ...rest] = rules.take();
    expect(rest).to.have.length(0);
    expect(alert).to.include({ kind: 'assigned', by: 'Sam Carter', conversationId: 'a' });
  });

  it('a waiting chat alerts only while the agent is Available, as their presence changes say', () => {
    const rules = new AlertRules(ME, false);
    const presence = (agentId: string, status: 'available' | 'unavailable'): AgentLiveEvent => ({
      type: 'presence',
      entry: { agentId, name: agentId, avatarUrl: null, role: 'agent', status, online: true } as never,
    });
    rules.apply(created('a'));
    rules.apply(conversation('a'));
    expect(kinds(rules)).to.deep.equal([]);
    rules.apply(presence('someone', 'available'));
    rules.apply(created('b'));
    rules.apply(conversation('b'));
    expect(kinds(rules)).to.deep.equal([]);
    rules.apply(presence(ME, 'available'));
    rules.apply(created('c'));
    rules.apply(conversation('c'));
    expect(kinds(rules)).to.deep.equal(['queued:c']);
    // Being given a chat alerts either way.
    rules.apply(presence(ME, 'unavailable'));
    rules.apply(message('c', { event: { type: 'assigned', agentId: ME, agentName: 'Me', by: 'routing' } }));
    rules.apply(conversation('c', { status: 'open', assigneeId: ME, revision: 2 }));
    expect(kinds(rules)).to.deep.equal(['assigned:c']);
  });

  it('a transfer to a department queues the chat again; tickets do not alert as waiting', () => {
    const rules = new AlertRules(ME, true);
    rules.apply(message('a', { event: { type: 'transferred', from: 'x', toAgentId: null, toAgentName: null, toDepartmentId: 'd', toDepartmentName: 'Sales', note: null } }));
    rules.apply(conversation('a', { revision: 5 }));
    rules.apply(created('t'));
    rules.apply(conversation('t', { kind: 'ticket' }));
    expect(kinds(rules)).to.deep.equal(['queued:a']);
  });
});
