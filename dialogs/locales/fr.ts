import { en } from './en';
import type { Messages } from './messages';

// TEMPORARY while the translation is written: English texts.
export const fr: Messages = { ...en };
