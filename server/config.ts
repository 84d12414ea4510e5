/**
 * Configuration, parsed once from the environment (and CLI overrides) and checked with zod,
 * so a bad setting fails fast with the name of the variable.
 */
import { z } from 'zod';
import { isValidTimeZone } from './wfm/timezone.ts';

const ConfigSchema = z.object({
  dbPath: z.string().min(1),
  timezone: z.string().refine(isValidTimeZone, { message: 'not an IANA time zone name' }),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  /** File that holds the HMAC key for member-ID pseudonyms (outside the database file). */
  keyFile: z.string().min(1),
  /** The key itself (64 hex digits, or any text of at least 32 characters; see decodeHmacKey); overrides keyFile. */
  hmacKey: z.string().min(32).optional(),
  uploadLimitBytes: z.coerce.number().int().positive(),
  /** Seed an empty database with generated sample data on first start. */
  seedOnEmpty: z.boolean(),
  sampleDays: z.coerce.number().int().positive(),
  /** Sign-out after this many minutes without a request (docs/security.md). */
  sessionIdleMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** A session ends this many hours after sign-in, however active. */
  sessionLifetimeHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7),
  /** An account locked after 3 failed sign-ins unlocks itself after this many minutes. */
  lockoutMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
  /** Audit rows older than this many days are purged (default 7 years: 2557 days). */
  auditRetentionDays: z.coerce
    .number()
    .int()
    .min(365)
    .max(100 * 366),
  /** TLS certificate and key files (PEM): serve over https. */
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  /** A TLS-terminating proxy is in front (allows a non-loopback host without --tls-cert). */
  behindTlsProxy: z.boolean(),
});

export type Config = z.infer<typeof ConfigSchema>;

const ENV_NAMES: Record<keyof Config, string> = {
  dbPath: 'STAFFCAST_DB',
  timezone: 'STAFFCAST_TIMEZONE',
  host: 'STAFFCAST_HOST',
  port: 'STAFFCAST_PORT',
  keyFile: 'STAFFCAST_KEY_FILE',
  hmacKey: 'STAFFCAST_HMAC_KEY',
  uploadLimitBytes: 'STAFFCAST_UPLOAD_LIMIT_BYTES',
  seedOnEmpty: 'STAFFCAST_SEED',
  sampleDays: 'STAFFCAST_SAMPLE_DAYS',
  sessionIdleMinutes: 'STAFFCAST_SESSION_IDLE_MINUTES',
  sessionLifetimeHours: 'STAFFCAST_SESSION_LIFETIME_HOURS',
  lockoutMinutes: 'STAFFCAST_LOCKOUT_MINUTES',
  auditRetentionDays: 'STAFFCAST_AUDIT_RETENTION_DAYS',
  tlsCert: 'STAFFCAST_TLS_CERT',
  tlsKey: 'STAFFCAST_TLS_KEY',
  behindTlsProxy: 'STAFFCAST_BEHIND_TLS_PROXY',
};

export class ConfigError extends Error {}

/** Builds the configuration from `env`, with `overrides` (from CLI flags) taking precedence. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dbPath = overrides.dbPath ?? env.STAFFCAST_DB ?? 'data/staffcast.duckdb';
  const raw = {
    dbPath,
    timezone: env.STAFFCAST_TIMEZONE ?? 'America/Los_Angeles',
    host: env.STAFFCAST_HOST ?? '127.0.0.1',
    port: env.STAFFCAST_PORT ?? 3000,
    keyFile: env.STAFFCAST_KEY_FILE ?? defaultKeyFile(dbPath),
    hmacKey: env.STAFFCAST_HMAC_KEY || undefined,
    uploadLimitBytes: env.STAFFCAST_UPLOAD_LIMIT_BYTES ?? 512 * 1024 * 1024,
    seedOnEmpty: (env.STAFFCAST_SEED ?? 'true') !== 'false',
    sampleDays: env.STAFFCAST_SAMPLE_DAYS ?? 800,
    sessionIdleMinutes: env.STAFFCAST_SESSION_IDLE_MINUTES ?? 15,
    sessionLifetimeHours: env.STAFFCAST_SESSION_LIFETIME_HOURS ?? 12,
    lockoutMinutes: env.STAFFCAST_LOCKOUT_MINUTES ?? 30,
    auditRetentionDays: env.STAFFCAST_AUDIT_RETENTION_DAYS ?? 2557,
    tlsCert: env.STAFFCAST_TLS_CERT || undefined,
    tlsKey: env.STAFFCAST_TLS_KEY || undefined,
    behindTlsProxy: env.STAFFCAST_BEHIND_TLS_PROXY === 'true',
    ...stripUndefined(overrides),
  };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]) as keyof Config;
    throw new ConfigError(`invalid ${ENV_NAMES[key] ?? key}: ${issue.message}`);
  }
  return parsed.data;
}

/** The key lives beside the database file, never inside it: `data/staffcast.key`. */
function defaultKeyFile(dbPath: string): string {
  if (dbPath === ':memory:') return 'data/staffcast.key';
  return dbPath.replace(/\.duckdb$/, '') + '.key';
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
