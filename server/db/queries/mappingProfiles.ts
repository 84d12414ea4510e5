/** Named mapping profiles (`mapping_profiles`, migration 19), checked on the way in and out. */
import type { Database } from '../database.ts';
import { type MappingProfile, parseMappingProfile } from '../../wfm/mapping/profile.ts';

export interface StoredProfile {
  name: string;
  profile: MappingProfile;
  updatedAt: string;
}

const SELECT = `SELECT name, profile, strftime(updated_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS "updatedAt" FROM mapping_profiles`;

const parse = (r: { name: string; profile: string; updatedAt: string }): StoredProfile => ({ ...r, profile: parseMappingProfile(JSON.parse(r.profile)) });

export async function listProfiles(db: Database): Promise<StoredProfile[]> {
  return (await db.query<{ name: string; profile: string; updatedAt: string }>(`${SELECT} ORDER BY name`)).map(parse);
}

export async function getProfile(db: Database, name: string): Promise<StoredProfile | null> {
  const [row] = await db.query<{ name: string; profile: string; updatedAt: string }>(`${SELECT} WHERE name = $name`, { name });
  return row ? parse(row) : null;
}

/** Stores (or replaces) a profile; an invalid one throws InputError naming the field. */
export async function putProfile(db: Database, name: string, input: unknown): Promise<StoredProfile> {
  const profile = parseMappingProfile(input);
  await db.query('INSERT OR REPLACE INTO mapping_profiles VALUES ($name, $profile, now())', { name, profile: JSON.stringify(profile) });
  return (await getProfile(db, name))!;
}

export async function deleteProfile(db: Database, name: string): Promise<boolean> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM mapping_profiles WHERE name = $name', { name });
  await db.query('DELETE FROM mapping_profiles WHERE name = $name', { name });
  return row!.n > 0;
}
