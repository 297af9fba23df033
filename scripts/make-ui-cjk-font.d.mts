export declare const UI_CJK_SOURCES: string[];
export declare function uiCjkChars(): string[];
export declare function unicodeRange(chars: string[]): string;
