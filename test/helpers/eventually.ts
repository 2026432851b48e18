/**
 * Checks again every 100 ms until `check` gives a value (at most `attempts` times), for what a background
 * job does after a test's action (an outbox or write-behind flush once the database is back).
 */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  attempts = 300,
): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never happened: ${what}`);
}
