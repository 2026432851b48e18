// Pages that Teams shows as tabs (the witness's "My reports", the police console): who may frame them.

/** The hosts Teams shows tabs from (the web client, the Microsoft 365 app, Outlook): both tabs use this list. */
export const TEAMS_FRAME_ANCESTORS =
  'https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com';

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/**
 * A page for a Teams tab with its `shield-test-hosts` meta tag filled in: the local test hosts
 * (`http://localhost:*`) whose messages teams-js may accept besides Teams' own. Empty in production.
 */
export function withTestHosts(page: string, testHosts: string): Buffer {
  const escaped = testHosts.replace(/[&"<>]/g, (character) => ATTRIBUTE_ESCAPES[character] ?? character);
  return Buffer.from(page.replace('{{TEST_HOSTS}}', escaped));
}
