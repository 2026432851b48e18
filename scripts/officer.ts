// `npm run officer -- add <email> --role <role>`: creates a case console account on the service's database.
// The password comes from OFFICER_PASSWORD or standard input, never from the command line (which other
// users of the machine can see in the process list, and shells keep in their history).
import { ConfigError, readConfig } from '../bot/config';
import { DataDirInUseError } from '../models/store/dataDirLock';
import { openDatabase } from '../models/store/db';
import { OFFICER_ROLES, OfficerAccounts, OfficerError, type OfficerRole } from '../models/store/officer';

const USAGE = `Usage: npm run officer -- add <email> --role <${OFFICER_ROLES.join('|')}>
The password is read from OFFICER_PASSWORD, or else from the first line of standard input.`;

/** The parsed command line, or a usage problem. */
export function parseArguments(args: readonly string[]): { email: string; role: OfficerRole } | string {
  const [command, email, ...rest] = args;
  if (command !== 'add' || !email || email.startsWith('--')) return USAGE;
  let role: string | undefined;
  for (let index = 0; index < rest.length; index += 1) {
    if (rest[index] === '--role') role = rest[(index += 1)];
    else if (rest[index].startsWith('--role=')) role = rest[index].slice('--role='.length);
    else
      return `Unknown argument ${rest[index]} (the password is never given on the command line).\n${USAGE}`;
  }
  if (!role || !(OFFICER_ROLES as readonly string[]).includes(role)) return USAGE;
  return { email, role: role as OfficerRole };
}

async function readPassword(): Promise<string> {
  const fromEnvironment = process.env.OFFICER_PASSWORD;
  if (fromEnvironment) return fromEnvironment;
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function main(): Promise<number> {
  const parsed = parseArguments(process.argv.slice(2));
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n`);
    return 2;
  }
  const config = readConfig();
  const password = await readPassword();
  const database = await openDatabase({ uri: config.mongodbUri, dataDir: config.dataDir });
  try {
    const officer = await new OfficerAccounts(database.connection).add(parsed.email, parsed.role, password);
    process.stdout.write(`Added ${officer.email} as ${officer.role} (id ${officer._id.toHexString()}).\n`);
    return 0;
  } catch (error) {
    if (error instanceof OfficerError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
      else if (error instanceof DataDirInUseError) {
        // The running service's embedded database holds its data in memory and snapshots it over the files:
        // an account written into the files from here would be overwritten a few seconds later.
        process.stderr.write(
          `officer: the service is running on DATA_DIR ${error.dataDir} (pid ${error.pid}), so the account cannot be added to its embedded database from here. Stop the service, run this command again, then start the service; or set MONGODB_URI so that the service and this command share a real MongoDB.\n`,
        );
      } else process.stderr.write(`officer: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
