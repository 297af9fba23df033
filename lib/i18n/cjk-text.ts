/** Han characters, CJK punctuation and full-width forms: text that needs the CJK font. */
export function hasCjk(text: string): boolean {
  return /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/.test(text);
}
