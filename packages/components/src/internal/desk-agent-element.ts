import { consume } from '@lit/context';
import { state } from 'lit/decorators.js';
import type { DeskClient } from '@deskkit/client';
import { clientContext } from '../context/client-context.js';
import { sessionContext, type DeskSession } from '../context/session-context.js';
import { DeskElement } from './desk-element.js';

/** An element of the agent desk: the client and the signed-in session, from the nearest `<desk-provider>`. */
export class DeskAgentElement extends DeskElement {
  @consume({ context: clientContext, subscribe: true })
  @state()
  client?: DeskClient;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session: DeskSession | null = null;
}
