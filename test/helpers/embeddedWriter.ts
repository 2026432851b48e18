// A child process for the kill -9 tests: opens the embedded database on DATA_DIR and writes as fast as it
// can, printing each write once it is acknowledged, until it is killed.
import mongoose from 'mongoose';
import { openDatabase } from '../../models/store/db';

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR;
  if (!dataDir) throw new Error('DATA_DIR is not set');
  // Checkpoints every few milliseconds, so kills land during snapshots and journal rotations too.
  const database = await openDatabase({ dataDir, snapshotIntervalMs: 250 });
  const observations = database.connection.collection('observations');
  const counters = database.connection.collection('counters');
  const counterId = new mongoose.Types.ObjectId('000000000000000000000001');
  process.stdout.write('ready\n');
  const writer = async (): Promise<never> => {
    for (;;) {
      const id = new mongoose.Types.ObjectId();
      await observations.insertOne({ _id: id, at: new Date(), note: 'invented test data' });
      process.stdout.write(`inserted ${id.toHexString()}\n`);
      await counters.updateOne({ _id: counterId }, { $inc: { n: 1 } }, { upsert: true });
      process.stdout.write('incremented\n');
    }
  };
  await Promise.all([writer(), writer(), writer(), writer()]);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
