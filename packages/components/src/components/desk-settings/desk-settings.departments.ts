/**
 * @license MIT
 * Departments: the queues chats are routed and transferred to, with their members picked
 * from the tenant's agents. The editor is driven by `departmentFields`: a new department
 * setting is one more entry there (and its terms), nothing else.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AgentProfile, DepartmentView, RouterInputs } from '@deskkit/client';
import type { LocalizeController } from '../../utilities/localize.js';
import { SettingsPanel, type SettingsTermKey } from './desk-settings.panel.js';

/** One editable field of a department besides its members (`name` is its key in `departments.*`). */
export interface DepartmentField {
  name: string;
  kind: 'text' | 'textarea' | 'select';
  label(t: LocalizeController<SettingsTermKey>): string;
  required?: boolean;
  maxLength?: number;
  /** For `select`: the values offered. */
  options?(t: LocalizeController<SettingsTermKey>): Array<{ value: string; label: string }>;
  /** The value of a new department. */
  initial?: string;
}

export const departmentFields: DepartmentField[] = [
  { name: 'name', kind: 'text', label: (t) => t.term('settingsDepartmentName'), required: true, maxLength: 80 },
  { name: 'description', kind: 'textarea', label: (t) => t.term('settingsDepartmentDescription'), maxLength: 500 },
  {
    name: 'routingMode',
    kind: 'select',
    label: (t) => t.term('settingsRouting'),
    initial: 'tenant',
    options: (t) => [
      { value: 'tenant', label: t.term('settingsRoutingTenant') },
      { value: 'manual', label: t.term('settingsRoutingManual') },
      { value: 'auto', label: t.term('settingsRoutingAuto') },
    ],
  },
];

interface DepartmentDraft {
  /** null: a new department. */
  id: string | null;
  values: Record<string, string>;
  memberIds: Set<string>;
}

const valueOf = (department: DepartmentView, field: DepartmentField) => String((department as unknown as Record<string, unknown>)[field.name] ?? '');

export class DepartmentsPanel extends SettingsPanel {
  readonly section = 'departments';
  private departments: DepartmentView[] = [];
  private agents: AgentProfile[] = [];
  private draft: DepartmentDraft | null = null;
  private confirming: string | null = null;

  protected override async load(): Promise<void> {
    const [departments, agents] = await Promise.all([this.client.departments.list.query(), this.client.agents.list.query()]);
    this.departments = departments;
    this.agents = agents.filter((a) => !a.disabled);
  }

  protected override clear(): void {
    this.departments = [];
    this.agents = [];
    this.draft = null;
    this.confirming = null;
  }

  private open(department: DepartmentView | null) {
    this.draft = {
      id: department?.id ?? null,
      values: Object.fromEntries(departmentFields.map((f) => [f.name, department ? valueOf(department, f) : (f.initial ?? '')])),
      memberIds: new Set(department?.memberIds ?? []),
    };
    this.fields = {};
    this.notice = '';
    this.host.requestUpdate();
    this.focusLater('[part~=department-form] [name=name]');
  }

  private close(focusId: string | null) {
    this.draft = null;
    this.host.requestUpdate();
    this.focusLater(focusId ? `[part~=department][data-id="${focusId}"] [data-action=edit]` : '[data-action=new-department]');
  }

  private readonly handleSave = (event: SubmitEvent) => {
    event.preventDefault();
    const draft = this.draft!;
    void this.run(async () => {
      let saved: DepartmentView;
      if (!draft.id) {
        saved = await this.client.departments.create.mutate({ ...draft.values, memberIds: [...draft.memberIds] } as RouterInputs['departments']['create']);
      } else {
        const before = this.departments.find((d) => d.id === draft.id)!;
        const changed = Object.fromEntries(departmentFields.filter((f) => draft.values[f.name] !== valueOf(before, f)).map((f) => [f.name, draft.values[f.name]]));
        saved = await this.client.departments.update.mutate({
          departmentId: draft.id,
          ...changed,
          addMemberIds: [...draft.memberIds].filter((id) => !before.memberIds.includes(id)),
          removeMemberIds: before.memberIds.filter((id) => !draft.memberIds.has(id)),
        } as RouterInputs['departments']['update']);
      }
      await this.load();
      this.close(saved.id);
    });
  };

  private remove(department: DepartmentView) {
    void this.run(async () => {
      await this.client.departments.remove.mutate({ departmentId: department.id });
      this.confirming = null;
      await this.load();
      this.focusLater('[data-action=new-department]');
    });
  }

  render() {
    const t = this.t;
    const names = new Map(this.agents.map((a) => [a.id, a.name]));
    return html`<section part="form departments" aria-busy=${this.busy ? 'true' : 'false'} aria-labelledby="departments-title">
      <h3 id="departments-title">${t.term('settingsDepartments')}</h3>
      ${this.renderStatus()}
      <ul class="rows" role="list">
        ${repeat(
          this.departments,
          (d) => d.id,
          (d) =>
            this.draft?.id === d.id
              ? html`<li part="department" data-id=${d.id}>${this.renderEditor()}</li>`
              : html`<li part="department" data-id=${d.id}>
                  <div class="row-main">
                    <strong>${d.name}</strong>
                    ${d.description ? html`<span class="muted">${d.description}</span>` : nothing}
                    <span class="muted" data-members>${d.memberIds.length ? d.memberIds.map((id) => names.get(id) ?? id).join(', ') : t.term('settingsNoMembers')}</span>
                  </div>
                  <span class="row-actions">
                    ${this.confirming === d.id
                      ? html`<span role="group" aria-label=${t.term('settingsConfirmRemove', d.name)}>
                          <button type="button" class="danger" data-action="confirm-remove" ?disabled=${this.busy} @click=${() => this.remove(d)}>
                            ${t.term('settingsConfirmRemove', d.name)}
                          </button>
                          <button type="button" @click=${() => ((this.confirming = null), this.host.requestUpdate())}>${t.term('settingsCancel')}</button>
                        </span>`
                      : html`<button type="button" data-action="edit" aria-label=${t.term('settingsEditNamed', d.name)} @click=${() => this.open(d)}>
                            ${t.term('settingsEdit')}
                          </button>
                          <button
                            type="button"
                            data-action="remove"
                            aria-label=${t.term('settingsRemoveNamed', d.name)}
                            @click=${() => {
                              this.confirming = d.id;
                              this.host.requestUpdate();
                              this.focusLater(`[part~=department][data-id="${d.id}"] [data-action=confirm-remove]`);
                            }}
                          >
                            ${t.term('settingsRemove')}
                          </button>`}
                  </span>
                </li>`,
        )}
      </ul>
      ${this.draft && !this.draft.id
        ? this.renderEditor()
        : html`<div class="actions"><button type="button" data-action="new-department" @click=${() => this.open(null)}>${t.term('settingsNewDepartment')}</button></div>`}
    </section>`;
  }

  private renderEditor() {
    const t = this.t;
    const draft = this.draft!;
    const set = (name: string, value: string) => {
      draft.values = { ...draft.values, [name]: value };
      this.host.requestUpdate();
    };
    return html`<form part="department-form" class="editor" aria-label=${draft.id ? t.term('settingsEditDepartment') : t.term('settingsNewDepartment')} @submit=${this.handleSave}>
      ${departmentFields.map((field) => {
        const common = {
          value: draft.values[field.name] ?? '',
          input: (e: Event) => set(field.name, (e.target as HTMLInputElement).value),
        };
        const control =
          field.kind === 'textarea'
            ? html`<textarea name=${field.name} rows="2" maxlength=${field.maxLength ?? nothing} aria-invalid=${this.ariaInvalid(field.name)}
                aria-describedby=${this.describedBy(field.name)} .value=${live(common.value)} @input=${common.input}></textarea>`
            : field.kind === 'select'
              ? html`<select name=${field.name} .value=${live(common.value)} aria-invalid=${this.ariaInvalid(field.name)} aria-describedby=${this.describedBy(field.name)} @change=${common.input}>
                  ${(field.options?.(t) ?? []).map((o) => html`<option value=${o.value} ?selected=${o.value === common.value}>${o.label}</option>`)}
                </select>`
              : html`<input name=${field.name} maxlength=${field.maxLength ?? nothing} ?required=${field.required} aria-invalid=${this.ariaInvalid(field.name)}
                  aria-describedby=${this.describedBy(field.name)} .value=${live(common.value)} @input=${common.input} />`;
        return html`<label class="field">${field.label(t)} ${control}</label>${this.fieldError(field.name)}`;
      })}
      <fieldset part="members">
        <legend>${t.term('settingsMembers')}</legend>
        ${this.agents.map(
          (agent) => html`<label class="choice"
            ><input
              type="checkbox"
              name="member"
              value=${agent.id}
              .checked=${live(draft.memberIds.has(agent.id))}
              @change=${(e: Event) => {
                const next = new Set(draft.memberIds);
                if ((e.target as HTMLInputElement).checked) next.add(agent.id);
                else next.delete(agent.id);
                draft.memberIds = next;
                this.host.requestUpdate();
              }}
            />
            ${agent.name} <span class="muted">(${agent.role})</span></label
          >`,
        )}
        ${this.fieldError('memberIds')} ${this.fieldError('addMemberIds')}
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${t.term('settingsSave')}</button>
        <button type="button" @click=${() => this.close(draft.id)}>${t.term('settingsCancel')}</button>
      </div>
    </form>`;
  }
}
