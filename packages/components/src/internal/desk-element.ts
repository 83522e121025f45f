/**
 * @license MIT
 * The small base of every deskkit element: a typed `emit()` and an idempotent `define()`.
 */
import { LitElement } from 'lit';

type EventDetail<K extends keyof GlobalEventHandlersEventMap> =
  GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

export class DeskElement extends LitElement {
  /**
   * Registers the element under `name` unless something already has; a partner page
   * that loads the bundle twice keeps working.
   */
  static define(name: string, constructor: CustomElementConstructor = this): void {
    if (!customElements.get(name)) customElements.define(name, constructor);
  }

  /** Fires a typed, bubbling, composed event and returns it. */
  emit<K extends keyof GlobalEventHandlersEventMap>(
    name: K,
    ...[detail]: EventDetail<K> extends undefined ? [] : [EventDetail<K>]
  ): CustomEvent<EventDetail<K>> {
    const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: false, detail });
    this.dispatchEvent(event);
    return event;
  }
}
