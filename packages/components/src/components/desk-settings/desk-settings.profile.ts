/**
 * @license MIT
 * Business profile: name, logo, time zone and opening hours per weekday (several periods a
 * day allowed; a day without any is closed). Closing at 00:00 means midnight.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { DeskSettings as Settings } from '@deskkit/client';
import { SettingsPanel } from './desk-settings.panel.js';

type Opening = Settings['profile']['hours'][number];
interface ProfileDraft {
  name: string;
  logoUrl: string;
  timezone: string;
  hours: Opening[];
}

/** Monday first. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

/** Every zone the browser knows, the current one and UTC included. */
function timeZones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', current, ...known])];
}

const draftOf = (s: Settings): ProfileDraft => ({
  name: s.profile.name,
  logoUrl: s.profile.logoUrl ?? '',
  timezone: s.profile.timezone,
  // A time input cannot show 24:00: midnight reads 00:00.
  hours: s.profile.hours.map((h) => ({ ...h, close: h.close === '24:00' ? '00:00' : h.close })),
});

export class ProfilePanel extends SettingsPanel {
  readonly section = 'profile';
  private draft: ProfileDraft | null = null;

  protected override clear(): void {
    this.draft = null;
  }

  private weekday(day: number): string {
    // 7 January 2024 was a Sunday.
    return new Intl.DateTimeFormat(this.host.locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + day)));
  }

  private edit(change: (draft: ProfileDraft) => void) {
    change(this.draft!);
    this.draft = { ...this.draft!, hours: [...this.draft!.hours] };
    this.host.requestUpdate();
  }

  private readonly handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const d = this.draft!;
    void this.run(async () => {
      this.host.settings = await this.client.settings.updateProfile.mutate({
        name: d.name,
        logoUrl: d.logoUrl.trim() || null,
        timezone: d.timezone,
        hours: d.hours.map((h) => ({ ...h, close: h.close === '00:00' ? '24:00' : h.close })),
      });
      this.draft = draftOf(this.host.settings);
    });
  };

  render() {
    const s = this.host.settings;
    if (!s) return html``;
    const d = (this.draft ??= draftOf(s));
    const t = this.t;
    const text = (name: 'name' | 'logoUrl', label: string, type = 'text') => html`<label class="field"
        >${label}
        <input
          name=${name}
          type=${type}
          .value=${live(d[name])}
          ?required=${name === 'name'}
          aria-invalid=${this.ariaInvalid(name)}
          aria-describedby=${this.describedBy(name)}
          @input=${(e: Event) => this.edit((draft) => (draft[name] = (e.target as HTMLInputElement).value))}
      /></label>
      ${this.fieldError(name)}`;
    return html`<form part="form profile" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="profile-title" @submit=${this.handleSubmit}>
      <h3 id="profile-title">${t.term('settingsProfile')}</h3>
      ${this.renderStatus()} ${text('name', t.term('settingsName'))} ${text('logoUrl', t.term('settingsLogoUrl'), 'url')}
      <label class="field"
        >${t.term('settingsTimezone')}
        <select
          name="timezone"
          .value=${live(d.timezone)}
          aria-invalid=${this.ariaInvalid('timezone')}
          aria-describedby=${this.describedBy('timezone')}
          @change=${(e: Event) => this.edit((draft) => (draft.timezone = (e.target as HTMLSelectElement).value))}
        >
          ${timeZones(d.timezone).map((zone) => html`<option value=${zone} ?selected=${zone === d.timezone}>${zone}</option>`)}
        </select></label
      >
      ${this.fieldError('timezone')}
      <fieldset part="hours" aria-describedby="hours-hint">
        <legend>${t.term('settingsHours')}</legend>
        <p id="hours-hint" class="hint">${t.term('settingsHoursHint')}</p>
        ${WEEK.map((day) => this.renderDay(day, d))} ${this.fieldError('hours')}
      </fieldset>
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button></div>
    </form>`;
  }

  private renderDay(day: number, d: ProfileDraft) {
    const t = this.t;
    const name = this.weekday(day);
    const periods = d.hours.map((h, index) => ({ h, index })).filter(({ h }) => h.day === day);
    const time = (index: number, which: 'open' | 'close', label: string) => html`<input
        type="time"
        required
        aria-label=${label}
        data-index=${index}
        name=${`hours.${index}.${which}`}
        .value=${live(d.hours[index]![which])}
        aria-invalid=${this.ariaInvalid(`hours.${index}.${which}`)}
        aria-describedby=${this.describedBy(`hours.${index}.${which}`)}
        @change=${(e: Event) => this.edit((draft) => (draft.hours[index] = { ...draft.hours[index]!, [which]: (e.target as HTMLInputElement).value }))}
      />${this.fieldError(`hours.${index}.${which}`)}`;
    return html`<div part="day" class="day" role="group" aria-labelledby=${`day-${day}`} data-day=${day}>
      <span id=${`day-${day}`} class="day-name">${name}</span>
      <div class="periods">
        ${periods.length ? nothing : html`<span class="muted">${t.term('settingsClosed')}</span>`}
        ${periods.map(
          ({ h, index }) => html`<span class="period" part="period">
            ${time(index, 'open', t.term('settingsOpens', name))}<span aria-hidden="true">–</span>${time(index, 'close', t.term('settingsCloses', name))}
            <button
              type="button"
              class="icon"
              aria-label=${t.term('settingsRemovePeriod', name, h.open, h.close)}
              @click=${() => this.edit((draft) => draft.hours.splice(index, 1))}
            >
              <span aria-hidden="true">×</span>
            </button>
          </span>`,
        )}
        <button
          type="button"
          data-action="add-period"
          aria-label=${t.term('settingsAddPeriod', name)}
          @click=${() => this.edit((draft) => draft.hours.push({ day, open: '09:00', close: '17:00' }))}
        >
          ${t.term('settingsAddHours')}
        </button>
      </div>
    </div>`;
  }
}
