/**
 * @license MIT
 * The location panel: the browser's position, once, with reasons people can act on, or
 * an address typed in. Loaded on first use (or ahead, when its button is pointed at or
 * focused, or the browser is idle), with its styles.
 */
import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import type { ComposerLocation } from '../../events/desk-composer-send.js';
import { addStyles } from '../../internal/adopt-styles.js';
import { locationIcon } from './message-composer.icons.js';
import type { ToolLocalize } from './message-composer.types.js';

export type LocateProblem = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export class LocateError extends Error {
  constructor(readonly problem: LocateProblem) {
    super(`location ${problem}`);
    this.name = 'LocateError';
  }
}

export interface Position {
  latitude: number;
  longitude: number;
  /** Radius of uncertainty in metres. */
  accuracy: number;
}

/** Six decimals are about 10 cm: plenty, and no false precision in the message. */
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Asks the Geolocation API for the current position (the browser may ask the person first). */
export function currentPosition(timeoutMs = 15_000): Promise<Position> {
  const geolocation = globalThis.navigator?.geolocation;
  if (!geolocation) return Promise.reject(new LocateError('unsupported'));
  return new Promise((resolve, reject) => {
    geolocation.getCurrentPosition(
      ({ coords }) =>
        resolve({
          latitude: round(coords.latitude, 6),
          longitude: round(coords.longitude, 6),
          accuracy: Math.min(1_000_000, Math.round(coords.accuracy)),
        }),
      (error) => {
        const problem: LocateProblem =
          error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable';
        reject(new LocateError(problem));
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

export interface LocationPanelOptions {
  localize: ToolLocalize;
  /** Whether the panel is still open (a position that comes after it closed is not sent). */
  open(): boolean;
  /** A location to send; the panel closes. */
  send(location: ComposerLocation): void;
  /** Escape in the panel. */
  keydown(event: KeyboardEvent): void;
}

/** The panel's state (locating, the last problem) and its markup. */
export class LocationPanel {
  private locating = false;
  private problem = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: LocationPanelOptions,
  ) {
    addStyles(host, [locationStyles]);
  }

  /** Forgets the last problem (the panel opens again). */
  reset(): void {
    this.problem = '';
  }

  private readonly handleShare = async () => {
    if (this.locating) return;
    this.locating = true;
    this.problem = '';
    this.host.requestUpdate();
    try {
      const position = await currentPosition();
      if (this.options.open()) this.options.send(position);
    } catch (err) {
      this.problem = this.options.localize.term('composerLocationProblem', err instanceof LocateError ? err.problem : 'unavailable');
    } finally {
      this.locating = false;
      this.host.requestUpdate();
    }
  };

  private readonly handleAddress = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('address') as HTMLInputElement;
    const address = input.value.trim();
    if (!address) return;
    input.value = '';
    this.options.send({ address });
  };

  render() {
    const t = this.options.localize;
    return html`
      <div id="location-panel" part="panel location-panel" role="dialog" aria-label=${t.term('composerLocation')} @keydown=${this.options.keydown}>
        <button type="button" class="primary" aria-busy=${this.locating ? 'true' : 'false'} @click=${this.handleShare}>
          ${locationIcon} ${this.locating ? t.term('composerLocating') : t.term('composerShareMyLocation')}
        </button>
        ${this.problem ? html`<p part="error" role="alert">${this.problem}</p>` : nothing}
        <form class="address" @submit=${this.handleAddress}>
          <label for="address">${t.term('composerAddress')}</label>
          <span class="row">
            <input id="address" name="address" autocomplete="street-address" maxlength="300" />
            <button type="submit">${t.term('composerSendAddress')}</button>
          </span>
        </form>
      </div>
    `;
  }
}

const locationStyles = css`
  [part~='location-panel'] {
    display: grid;
    gap: 0.625rem;
    width: min(22rem, calc(100% - 1rem));
    padding: 0.75rem;
  }
  [part~='location-panel'] button.primary {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.375rem;
  }
  .address {
    display: grid;
    gap: 0.25rem;
    font-size: 0.8125rem;
  }
  .address .row {
    display: flex;
    gap: 0.375rem;
  }
  .address input {
    flex: 1;
    min-width: 0;
    padding: 0.3rem 0.5rem;
    border: 1px solid var(--border-color);
    border-radius: var(--radius);
    background: var(--surface-color);
  }

`;
