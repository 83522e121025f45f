import type { ReactiveController, ReactiveControllerHost } from 'lit';
import en, { type Translation } from '../translations/en.js';

const translations = new Map<string, Translation>([['en', en]]);

/** Adds a locale; elements pick it by their nearest `lang` attribute. */
export function registerTranslation(translation: Translation): void {
  translations.set(translation.$code, translation);
}

type Terms = { [K in keyof Translation as K extends '$code' ? never : K]: Translation[K] };

/** Looks up typed terms for the host's language (`lang` on it or an ancestor, else the document's). */
export class LocalizeController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {}

  private get translation(): Translation {
    const lang = (this.host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en').toLowerCase();
    return translations.get(lang) ?? translations.get(lang.split('-')[0]!) ?? en;
  }

  term<K extends keyof Terms>(key: K, ...args: Terms[K] extends (...a: infer A) => string ? A : []): string {
    const value = this.translation[key] as Terms[K];
    return typeof value === 'function' ? (value as (...a: unknown[]) => string)(...args) : (value as string);
  }
}
