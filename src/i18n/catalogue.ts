/**
 * The shape every language file must have. English (locales/en.ts) is the
 * reference: its keys are the only valid message keys, so a missing key in
 * another catalogue, or an unknown key passed to t(), is a type error.
 */
import type { en } from './locales/en';

/** CLDR plural categories (Intl.PluralRules); `other` is always required. */
export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

/** A message: plain text with `{name}` placeholders, or plural forms selected by `{count}`. */
export type Message = string | PluralForms;

export type MessageKey = keyof typeof en;

/** What a language file exports: every key of the English catalogue. */
export type Catalogue = { readonly [K in MessageKey]: Message };

type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type MessageText<M> = M extends string ? M : M[keyof M];

/** The parameters a key needs, read from its English text. */
export type ParamsOf<K extends MessageKey> = {
  readonly [P in Placeholders<MessageText<(typeof en)[K]>>]: string | number;
};

function placeholders(m: Message): string {
  const texts = typeof m === 'string' ? [m] : Object.values(m);
  const names = new Set<string>();
  for (const text of texts) for (const match of (text ?? '').matchAll(/\{(\w+)\}/g)) names.add(match[1] ?? '');
  return [...names].sort().join(',');
}

/**
 * Differences that would break a translation: missing or extra keys, or a
 * message whose placeholders differ from the reference. Empty when fine.
 */
export function catalogueProblems(
  reference: Readonly<Record<string, Message>>,
  other: Readonly<Record<string, Message>>,
): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(reference)) {
    const m = other[key];
    if (m === undefined) problems.push(`missing key ${key}`);
    else if (placeholders(m) !== placeholders(reference[key] as Message))
      problems.push(`placeholders differ in ${key}`);
    else if (typeof m !== 'string' && typeof m.other !== 'string') problems.push(`no "other" form in ${key}`);
  }
  for (const key of Object.keys(other)) if (!(key in reference)) problems.push(`unknown key ${key}`);
  return problems;
}
