import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Translation } from '../translations/en.js';

type Terms = { [K in keyof Translation as K extends '$code' ? never : K]: Translation[K] };
/** The name of a term, e.g. `queueAccept`. */
export type TermKey = keyof Terms;

const translations = new Map<string, Translation>();

/** The language an element shows: its nearest `lang`, else the document's, else English. */
export const langOf = (element: Element): string => element.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';

/** Adds a locale; elements pick it by their nearest `lang` attribute. */
export function registerTranslation(translation: Translation): void {
  translations.set(translation.$code.toLowerCase(), translation);
}

/**
 * Looks up typed terms for the host's language (`lang` on it or an ancestor, else the
 * document's): a registered translation's, else the English one given. Each element
 * passes only the English terms it uses (`translations/en/<element>.ts`), so its bundle
 * carries those alone; its keys are all `term()` accepts.
 *
 * @example
 * private readonly localize = new LocalizeController(this, { ...commonTerms, ...queueTerms });
 */
export class LocalizeController<K extends TermKey = TermKey> implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly english: Pick<Terms, K>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  private get translation(): Translation | undefined {
    const lang = langOf(this.host).toLowerCase();
    return translations.get(lang) ?? translations.get(lang.split('-')[0]!);
  }

  term<T extends K>(key: T, ...args: Terms[T] extends (...a: infer A) => string ? A : []): string {
    const value = (this.translation?.[key] ?? this.english[key]) as Terms[T];
    return typeof value === 'function' ? (value as (...a: unknown[]) => string)(...args) : (value as string);
  }
}
