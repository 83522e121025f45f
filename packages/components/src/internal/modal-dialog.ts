/**
 * @license MIT
 * The base of the elements' modal dialogs (native `<dialog>`), which load on first use:
 * `showModal()` makes the rest of the page inert, so focus stays inside; on close it goes
 * back to the control that opened the dialog. The dialogs' shared styles come with it.
 */
import { css, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { addStyles } from './adopt-styles.js';
import { errorText } from './errors.js';

type Host = ReactiveControllerHost & HTMLElement;

/** Opening, closing and focus return for one native modal dialog. */
export abstract class ModalDialog implements ReactiveController {
  /** An error to show inside the dialog. */
  error = '';
  /** A request is running. */
  busy = false;

  protected dialog?: HTMLDialogElement;
  private opener: HTMLElement | null = null;

  constructor(
    protected readonly host: Host,
    /** Where focus goes when the control that opened the dialog is gone. */
    private readonly fallbackFocus: () => HTMLElement | null | undefined = () => null,
  ) {
    host.addController(this);
    addStyles(host, [modalStyles]);
  }

  get open(): boolean {
    return Boolean(this.dialog?.open);
  }

  /** Opens the dialog modally, remembering what had focus. */
  show(): void {
    const dialog = this.dialog;
    if (!dialog || dialog.open) return;
    const active = this.host.shadowRoot?.activeElement ?? document.activeElement;
    this.opener = active instanceof HTMLElement ? active : null;
    this.error = '';
    this.busy = false;
    this.opened();
    dialog.showModal();
    this.host.requestUpdate();
  }

  close(): void {
    if (this.dialog?.open) this.dialog.close();
  }

  hostDisconnected(): void {
    this.close();
  }

  protected opened(): void {}
  protected closed(): void {}

  protected readonly bind = (element?: Element) => {
    this.dialog = element instanceof HTMLDialogElement ? element : undefined;
  };

  /** The native `close` event: also after Escape. */
  protected readonly handleClose = () => {
    this.closed();
    const opener = this.opener;
    this.opener = null;
    this.host.requestUpdate();
    // After the re-render: the opener may be gone (the Transfer button goes once the chat is transferred).
    void this.host.updateComplete.then(() => {
      if (this.dialog?.open) return;
      if (opener?.isConnected && !opener.matches(':disabled')) opener.focus();
      else this.fallbackFocus()?.focus();
    });
  };

  /** Runs the dialog's request; closes on success, shows the error otherwise. */
  protected async submit(action: () => Promise<void>, onError?: (err: unknown) => void): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      await action();
      this.close();
    } catch (err) {
      this.error = errorText(err);
      onError?.(err);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}

/** What every such dialog looks like. */
export const modalStyles = css`
  [part='dialog'] {
    width: min(28rem, calc(100vw - 2rem));
    padding: 1rem;
    border: 1px solid var(--border-color);
    border-radius: calc(var(--radius) * 2);
    background: var(--surface-color);
    color: inherit;
  }
  /* Closed means gone, whatever else in the shadow root styles its class (a timeline card is also .template). */
  [part='dialog']:not([open]) {
    display: none;
  }
  [part='dialog']::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  [part='dialog'] form {
    display: grid;
    gap: 0.625rem;
  }
  [part='dialog'] h2 {
    margin: 0;
    font-size: 1rem;
  }
  [part='dialog'] fieldset {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0.375rem 0.625rem 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    max-height: 12rem;
    overflow-y: auto;
  }
  [part='dialog'] select,
  [part='dialog'] textarea {
    width: 100%;
    box-sizing: border-box;
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5rem;
  }
`;
