// The stored shape of an answer to a "when" question. Understanding the witness's words is the
// conversation's (dialogs/when.ts, with its date parsers); the draft and the report keep only this.

/** What the witness meant by "when", in UTC, with how precise it was. */
export interface WhenAnswer {
  /** ISO 8601, UTC. */
  start: string;
  /** ISO 8601, UTC; a range's end. */
  end?: string;
  /** 'day' when the witness gave a day but no time. */
  precision: 'minute' | 'day';
  /** The witness said "around", "rond", "vers", "gegen" or the like. */
  approximate: boolean;
  /** The witness's own words, kept beside what was understood so the officer sees both. */
  asSaid?: string;
}
