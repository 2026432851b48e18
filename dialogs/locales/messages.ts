import type { en } from './en';

/** Every word the bot says. A locale missing a key (or with a wrongly shaped one) does not compile. */
export type Messages = typeof en;
