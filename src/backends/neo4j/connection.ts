import neo4j, { type Driver } from 'neo4j-driver';
import { KgError, type ErrorCode } from '../../errors';

/** Where and as whom to connect; the defaults match the project's local server (`npm run neo4j:start`). */
export interface Neo4jConfig {
  uri: string;
  username: string;
  password: string;
  database: string;
  /** How long a transaction that failed on a transient error (a lost server, a deadlock) is retried. */
  retrySeconds?: number;
  /** How long connecting, and each transaction, may take before it fails with NEO4J_TIMEOUT. */
  timeoutSeconds?: number;
}

export const DEFAULT_NEO4J: Neo4jConfig = {
  uri: 'bolt://127.0.0.1:7687',
  username: 'neo4j',
  password: 'factgraph-dev',
  database: 'neo4j',
};

/** The connection settings: explicit options first, then NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE. */
export function neo4jConfig(
  options: Partial<Neo4jConfig> = {},
  env: Record<string, string | undefined> = process.env,
): Neo4jConfig {
  type Setting = 'uri' | 'username' | 'password' | 'database';
  const pick = (key: Setting, name: string) => options[key] || env[name] || DEFAULT_NEO4J[key];
  const config: Neo4jConfig = {
    uri: pick('uri', 'NEO4J_URI'),
    username: pick('username', 'NEO4J_USERNAME'),
    password: pick('password', 'NEO4J_PASSWORD'),
    database: pick('database', 'NEO4J_DATABASE'),
  };
  if (options.retrySeconds !== undefined) config.retrySeconds = options.retrySeconds;
  const timeout = options.timeoutSeconds ?? (env.NEO4J_TIMEOUT ? Number(env.NEO4J_TIMEOUT) : undefined);
  if (timeout !== undefined) {
    if (!(timeout > 0 && Number.isFinite(timeout)))
      throw new KgError(
        'USAGE',
        `NEO4J_TIMEOUT must be a number of seconds above 0, not ${env.NEO4J_TIMEOUT}`,
      );
    config.timeoutSeconds = timeout;
  }
  return config;
}

/** Where a URI's authority starts: after `scheme://`, or at the start of a URI without one. */
const authorityStart = (uri: string) => (uri.includes('//') ? uri.indexOf('//') + 2 : 0);

/**
 * The parts of a URI that may be secret: its user info (up to the last `@`, so a password may hold
 * `@`, `/` or `?`) and each value of its query and fragment.
 */
function uriParts(uri: string): { head: string; userInfo?: string; host: string; query: string } {
  const start = authorityStart(uri);
  const rest = uri.slice(start);
  const at = rest.lastIndexOf('@');
  const afterUser = rest.slice(at + 1);
  const q = afterUser.search(/[?#]/);
  return {
    head: uri.slice(0, start),
    ...(at < 0 ? {} : { userInfo: rest.slice(0, at) }),
    host: q < 0 ? afterUser : afterUser.slice(0, q),
    query: q < 0 ? '' : afterUser.slice(q),
  };
}

/** A URI safe to print: the user info and every query value masked, whatever they hold. */
export function redactUri(uri: string): string {
  const { head, userInfo, host, query } = uriParts(uri);
  const masked = query.replace(/([?&;#])([^?&;#]*)/g, (_, sep: string, pair: string) =>
    pair.includes('=') ? `${sep}${pair.slice(0, pair.indexOf('='))}=***` : pair ? `${sep}***` : sep,
  );
  return `${head}${userInfo === undefined ? '' : '***@'}${host}${masked}`;
}

/** Every secret a URI may hold, longest first: the user info, its password, the query's values. */
function uriSecrets(uri: string): string[] {
  const { userInfo, query } = uriParts(uri);
  const secrets = [userInfo ?? '', userInfo?.slice(userInfo.indexOf(':') + 1) ?? ''];
  for (const pair of query.split(/[?&;#]/))
    secrets.push(pair.includes('=') ? pair.slice(pair.indexOf('=') + 1) : pair);
  // Single letters (`policy=1`) would mask every such letter of a message; the URI is masked whole.
  return secrets.filter((x) => x.length >= 2).sort((a, b) => b.length - a.length);
}

/**
 * @internal (the published types stay free of the driver's, which need `lib: esnext` and DOM or Node types)
 *
 * A driver that has proven it can reach the database: `bolt://`, `neo4j://` (routing, for clusters) and
 * `neo4j+s://` (TLS, e.g. Aura) all work. Failures become KgErrors with their own exit codes.
 */
export async function connect(config: Neo4jConfig): Promise<Driver> {
  let driver: Driver;
  try {
    driver = neo4j.driver(config.uri, neo4j.auth.basic(config.username, config.password), {
      // Fail fast when nobody answers; transient errors inside transactions are retried by the driver.
      connectionTimeout: connectionTimeoutMs(config),
      connectionAcquisitionTimeout: timerMs(config.timeoutSeconds ?? 60),
      maxTransactionRetryTime: timerMs(config.retrySeconds ?? 30),
      disableLosslessIntegers: false,
    });
  } catch (e) {
    // The driver quotes pieces of a URI it cannot parse: with user info there, none of its words.
    const detail =
      uriParts(config.uri).userInfo === undefined
        ? redactSecrets((e as Error).message, config)
        : "give the password in NEO4J_PASSWORD rather than in the URI (the driver reads / ? # @ in it as the URI's own)";
    throw new KgError('USAGE', `invalid Neo4j URI ${redactUri(config.uri)}: ${detail}`);
  }
  // The driver's connectionTimeout ends when TCP connects: a server that accepts and then never answers
  // the Bolt handshake would hang us, so the whole check has a deadline of its own.
  const limit = connectionTimeoutMs(config);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Failed to establish connection in ${limit}ms`)), limit);
  });
  try {
    await Promise.race([
      (async () => {
        await driver.verifyConnectivity({ database: config.database });
        // verifyConnectivity does not check that the database exists on every server version.
        await driver.executeQuery('RETURN 1', {}, { database: config.database });
      })(),
      deadline,
    ]);
  } catch (e) {
    void driver.close();
    throw neo4jError(e, config);
  } finally {
    clearTimeout(timer);
  }
  return driver;
}

/**
 * Seconds as a timer's milliseconds. A timer holds at most 2^31 - 1 ms (24.8 days); Node makes a longer
 * one fire at once, with a warning, so any longer timeout waits that long.
 */
export function timerMs(seconds: number): number {
  return Math.min(Math.round(seconds * 1000), 2 ** 31 - 1);
}

/** How long connecting may take without --timeout. */
const DEFAULT_CONNECT_SECONDS = 15;

function connectionTimeoutMs(config: Neo4jConfig): number {
  return timerMs(config.timeoutSeconds ?? DEFAULT_CONNECT_SECONDS);
}

/** One clear line for a driver or server error; never the password. */
export function neo4jError(e: unknown, config: Neo4jConfig, during = 'connecting'): KgError {
  if (e instanceof KgError) return e;
  const err = e as { code?: string; message?: string };
  const code = err.code ?? '';
  const where = `${redactUri(config.uri)} (database ${config.database})`;
  const redact = (text: string) => redactSecrets(text, config);
  const detail = redact((err.message ?? String(e)).split('\n')[0] ?? '');
  let kind: ErrorCode;
  let message: string;
  if (
    code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') ||
    /timed out|Failed to establish connection in/i.test(detail)
  ) {
    kind = 'NEO4J_TIMEOUT';
    const t = config.timeoutSeconds;
    // Without --timeout, only connecting has a deadline of ours; a transaction, the server's own.
    const limit =
      t !== undefined
        ? `${t} second${t === 1 ? '' : 's'}`
        : /Failed to establish connection in/i.test(detail)
          ? `${DEFAULT_CONNECT_SECONDS} seconds (the default)`
          : "the server's transaction timeout";
    message = `Neo4j at ${where} did not answer within ${limit} while ${during} (--timeout, NEO4J_TIMEOUT)`;
  } else if (
    code === 'Neo.ClientError.Security.Unauthorized' ||
    code === 'Neo.ClientError.Security.AuthenticationRateLimit'
  ) {
    kind = 'NEO4J_AUTH_FAILED';
    message = `Neo4j at ${where} refused user '${config.username}': check NEO4J_USERNAME and NEO4J_PASSWORD`;
  } else if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    kind = 'NEO4J_DATABASE_NOT_FOUND';
    message = `Neo4j at ${redactUri(config.uri)} has no database '${config.database}': check NEO4J_DATABASE`;
  } else if (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    /ECONNREFUSED|ECONNRESET|connection.*(closed|lost)/i.test(detail)
  ) {
    kind = during === 'connecting' ? 'NEO4J_UNAVAILABLE' : 'NEO4J_CONNECTION_LOST';
    message =
      during === 'connecting'
        ? `no Neo4j server answers at ${where}: start one (npm run neo4j:start) or set NEO4J_URI`
        : `lost the connection to Neo4j at ${where} while ${during}; run the same command again once the server is back`;
  } else if (code === 'Neo.ClientError.Statement.AccessMode' || /in read access mode/i.test(detail)) {
    kind = 'WRITE_NOT_ALLOWED';
    message = 'the query writes to the database; add --write if that is what you mean';
  } else if (code.startsWith('Neo.ClientError.Statement.') || code.startsWith('Neo.ClientError.Procedure.')) {
    kind = 'QUERY_INVALID';
    message = `Neo4j rejected the query: ${detail}`;
  } else {
    kind = 'NEO4J_ERROR';
    message = `Neo4j at ${where} failed while ${during}: ${detail}${code ? ` (${code})` : ''}`;
  }
  // The cause's stack is printed by --verbose: it is masked like the message.
  const cause = Object.assign(new Error(redact(err.message ?? String(e))), {
    stack: redact((e as Error).stack ?? ''),
    code,
  });
  return new KgError(kind, message, undefined, { cause });
}

/** Text without the password or anything secret the URI holds (its own text comes out masked). */
function redactSecrets(text: string, config: Neo4jConfig): string {
  let out = text.split(config.uri).join(redactUri(config.uri));
  for (const secret of [config.password, ...uriSecrets(config.uri)])
    if (secret) out = out.split(secret).join('***');
  return out;
}

/** The transaction settings of every read and write: the timeout, when one is set. */
export function transactionConfig(config: Neo4jConfig): { timeout?: number } {
  return config.timeoutSeconds === undefined ? {} : { timeout: timerMs(config.timeoutSeconds) };
}
