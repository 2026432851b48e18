// The embedded development database as a process of its own, for npm run bench:flood: there the service's
// memory is measured as it is deployed, with its MongoDB elsewhere, not with the development database's
// data and heap inside it. Started by the bench with fork(); prints one JSON line with the URI to connect
// to, and stops (a final snapshot) when the bench disconnects or sends SIGTERM.
import { embeddedClientUri, startEmbeddedMongo } from '../models/store/embeddedMongo';

async function main(): Promise<void> {
  const { dataDir } = JSON.parse(process.argv[2] ?? '{}') as { dataDir?: string };
  const database = await startEmbeddedMongo({ dataDir });
  // The bench connects with a URI only: the options openDatabase gives its own embedded database go in it.
  process.stdout.write(`${JSON.stringify({ uri: embeddedClientUri(database.uri) })}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void database.stop().finally(() => process.exit(0));
  };
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
