/**
 * Which documents the client hands to the server. Pure.
 */

export const LANGUAGES = ["yaml", "json", "jsonc"] as const;
export const SCHEMES = ["file", "untitled"] as const;

export interface DocumentFilterLike {
  scheme: string;
  language: string;
}

export function documentSelector(): DocumentFilterLike[] {
  const out: DocumentFilterLike[] = [];
  for (const scheme of SCHEMES) {
    for (const language of LANGUAGES) out.push({ scheme, language });
  }
  return out;
}

export function isLintable(languageId: string, scheme: string): boolean {
  return (LANGUAGES as readonly string[]).includes(languageId) && (SCHEMES as readonly string[]).includes(scheme);
}
