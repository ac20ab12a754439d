import { Option, type Command } from 'commander';
import { KgError } from '../errors';
import { neo4jConfig, redactUri, type Neo4jConfig } from '../backends/neo4j/connection';
import { positiveNumber } from './shared';
import { canPrompt, promptSecret, readPasswordFromStdin } from './password';
import { reporter } from './reporter';

export const BACKENDS = ['memory', 'neo4j'] as const;
export type Backend = (typeof BACKENDS)[number];

/** How `kg load` and `kg query` pick their backend when `--backend` is not given: one rule for both. */
export const BACKEND_RULE = 'neo4j when --uri or NEO4J_URI is set, else memory';

export function backendOption(what: string): Option {
  return new Option('--backend <backend>', `${what} (default: ${BACKEND_RULE})`).choices(BACKENDS);
}

/** The backend by BACKEND_RULE, and whether the user named it (false: the rule chose). */
export function chooseBackend(
  options: { backend?: Backend; uri?: string },
  env: Record<string, string | undefined> = process.env,
): { backend: Backend; explicit: boolean } {
  if (options.backend !== undefined) return { backend: options.backend, explicit: true };
  return { backend: options.uri || env.NEO4J_URI ? 'neo4j' : 'memory', explicit: false };
}

export interface ConnectionOptions {
  uri?: string;
  username?: string;
  database?: string;
  timeout?: number;
  passwordStdin?: boolean;
}

/**
 * Connection flags for commands that talk to Neo4j. The password never comes from a flag (other users
 * see the command line): NEO4J_PASSWORD, standard input, or a prompt on a terminal.
 */
export function neo4jArguments(command: Command): Command {
  return command
    .option(
      '--uri <uri>',
      'Neo4j URI: bolt://, neo4j:// or neo4j+s:// (default: $NEO4J_URI or bolt://127.0.0.1:7687)',
    )
    .option('--username <name>', 'Neo4j user (default: $NEO4J_USERNAME or neo4j)')
    .option('--database <name>', 'Neo4j database (default: $NEO4J_DATABASE or neo4j)')
    .option(
      '--password-stdin',
      'read the Neo4j password from the first line of standard input (default: $NEO4J_PASSWORD; on a terminal, asked for when the server refuses the default)',
    )
    .option(
      '--timeout <seconds>',
      'fail when connecting or a transaction takes longer (default: $NEO4J_TIMEOUT, or none)',
      positiveNumber,
    );
}

/** The connection settings from the flags, then the environment; the password from stdin if asked. */
async function connectionConfig(options: ConnectionOptions): Promise<Neo4jConfig> {
  const { timeout, passwordStdin, ...rest } = options;
  return neo4jConfig({
    ...rest,
    ...(timeout === undefined ? {} : { timeoutSeconds: timeout }),
    ...(passwordStdin ? { password: await readPasswordFromStdin() } : {}),
  });
}

/**
 * Runs `work` against Neo4j with the settings of the flags. When the server refuses a password nobody
 * gave (neither NEO4J_PASSWORD nor --password-stdin) and a person is at the terminal, it is asked for,
 * without echo, and the work runs again: nothing was written before the connection was accepted.
 */
export async function onNeo4j<T>(
  options: ConnectionOptions,
  work: (config: Neo4jConfig) => Promise<T>,
): Promise<{ config: Neo4jConfig; value: T }> {
  const config = await connectionConfig(options);
  try {
    return { config, value: await work(config) };
  } catch (e) {
    const ask =
      e instanceof KgError &&
      e.code === 'NEO4J_AUTH_FAILED' &&
      !options.passwordStdin &&
      !process.env.NEO4J_PASSWORD &&
      !reporter.json &&
      canPrompt();
    if (!ask) throw e;
    config.password = await promptSecret(
      `Neo4j password for ${config.username} at ${redactUri(config.uri)}: `,
    );
    return { config, value: await work(config) };
  }
}

/** The backend that answered, for people: `neo4j bolt://127.0.0.1:7687` (credentials masked). */
export function describeNeo4j(config: Neo4jConfig): string {
  return `neo4j ${redactUri(config.uri)}${config.database === 'neo4j' ? '' : ` (database ${config.database})`}`;
}
