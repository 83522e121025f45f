/** An admin saved a change in `<desk-settings>`; `section` names the tab (`profile`, `tags`, `canned`, …). */
export type DeskSettingsChangeEvent = CustomEvent<{ section: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'desk-settings-change': DeskSettingsChangeEvent;
  }
}
