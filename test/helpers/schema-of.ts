// What a database's schema is, read from the engine itself (SQLite's pragmas, PostgreSQL's catalogue), in one shape
// both engines can be compared in: tables, columns (type mapped to SQLite's affinities, nullability, primary key),
// indexes (columns, unique, partial) and foreign keys.
import type { Db } from '../../src/db/database.ts';
import { sql } from 'kysely';

export interface ColumnShape {
  type: 'integer' | 'text' | 'real' | 'blob' | 'other';
  notNull: boolean;
  primaryKey: boolean;
}

export interface SchemaShape {
  /** table → column → shape */
  tables: Map<string, Map<string, ColumnShape>>;
  /** `table(col, col)` with `unique` and `partial` marks → index name */
  indexes: Map<string, string>;
  /** `table(col) → other(col)` */
  foreignKeys: Set<string>;
}

function affinity(declared: string): ColumnShape['type'] {
  const t = declared.toLowerCase();
  if (/int/.test(t)) return 'integer';
  if (/char|text|clob/.test(t)) return 'text';
  if (/real|floa|doub|numeric/.test(t)) return 'real';
  if (/blob|bytea/.test(t)) return 'blob';
  return 'other';
}

const indexKey = (table: string, columns: string[], unique: boolean, partial: boolean) =>
  `${table}(${columns.join(', ')})${unique ? ' unique' : ''}${partial ? ' partial' : ''}`;

async function sqliteSchema(db: Db, ignore: (table: string) => boolean): Promise<SchemaShape> {
  const rows = async <T>(text: string) => (await sql.raw<T>(text).execute(db.kysely)).rows;
  const shape: SchemaShape = { tables: new Map(), indexes: new Map(), foreignKeys: new Set() };
  const tables = await rows<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`);
  for (const { name } of tables.filter((t) => !ignore(t.name))) {
    const columns = new Map<string, ColumnShape>();
    for (const c of await rows<{ name: string; type: string; notnull: number; pk: number }>(`PRAGMA table_info("${name}")`)) {
      // A primary key column is never NULL on PostgreSQL; SQLite's pragma says 0 for a rowid alias all the same.
      columns.set(c.name, { type: affinity(c.type), notNull: c.notnull === 1 || c.pk > 0, primaryKey: c.pk > 0 });
    }
    shape.tables.set(name, columns);
    for (const index of await rows<{ name: string; unique: number; origin: string; partial: number }>(`PRAGMA index_list("${name}")`)) {
      if (index.origin === 'pk') continue; // the primary key is read from the columns
      const cols = (await rows<{ name: string; seqno: number }>(`PRAGMA index_info("${index.name}")`)).sort((a, b) => a.seqno - b.seqno).map((c) => c.name);
      shape.indexes.set(indexKey(name, cols, index.unique === 1, index.partial === 1), index.origin === 'u' ? '(unique constraint)' : index.name);
    }
    for (const fk of await rows<{ table: string; from: string; to: string | null }>(`PRAGMA foreign_key_list("${name}")`)) {
      shape.foreignKeys.add(`${name}(${fk.from}) → ${fk.table}(${fk.to ?? '?'})`);
    }
  }
  return shape;
}

async function postgresSchema(db: Db, ignore: (table: string) => boolean): Promise<SchemaShape> {
  const rows = async <T>(text: string) => (await sql.raw<T>(text).execute(db.kysely)).rows;
  const shape: SchemaShape = { tables: new Map(), indexes: new Map(), foreignKeys: new Set() };
  const primary = new Set(
    (await rows<{ table_name: string; column_name: string }>(`
      SELECT k.table_name, k.column_name FROM information_schema.table_constraints c
        JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
       WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema()`)).map((r) => `${r.table_name}.${r.column_name}`),
  );
  const columns = await rows<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(`
    SELECT c.table_name, c.column_name, c.data_type, c.is_nullable FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = current_schema() ORDER BY c.table_name, c.ordinal_position`);
  for (const c of columns.filter((row) => !ignore(row.table_name))) {
    const table = shape.tables.get(c.table_name) ?? new Map<string, ColumnShape>();
    const key = primary.has(`${c.table_name}.${c.column_name}`);
    table.set(c.column_name, { type: affinity(c.data_type), notNull: c.is_nullable === 'NO' || key, primaryKey: key });
    shape.tables.set(c.table_name, table);
  }
  const indexes = await rows<{ tablename: string; indexname: string; indexdef: string; is_primary: boolean; is_constraint: boolean }>(`
    SELECT i.tablename, i.indexname, i.indexdef, x.indisprimary AS is_primary,
           EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype = 'u') AS is_constraint
      FROM pg_indexes i JOIN pg_class ic ON ic.relname = i.indexname JOIN pg_index x ON x.indexrelid = ic.oid
     WHERE i.schemaname = current_schema()`);
  for (const index of indexes.filter((i) => !ignore(i.tablename) && !i.is_primary)) {
    const match = /\((.+?)\)(?: WHERE .*)?$/.exec(index.indexdef.replace(/ USING \w+ /, ' '));
    const cols = (match?.[1] ?? '').split(',').map((c) => c.trim().replace(/^"|"$/g, '').replace(/ (ASC|DESC)$/i, ''));
    shape.indexes.set(indexKey(index.tablename, cols, /CREATE UNIQUE/.test(index.indexdef), / WHERE /.test(index.indexdef)), index.is_constraint ? '(unique constraint)' : index.indexname);
  }
  const fks = await rows<{ table_name: string; column_name: string; foreign_table: string; foreign_column: string }>(`
    SELECT kcu.table_name, kcu.column_name, ccu.table_name AS foreign_table, ccu.column_name AS foreign_column
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
     WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`);
  for (const fk of fks.filter((f) => !ignore(f.table_name))) shape.foreignKeys.add(`${fk.table_name}(${fk.column_name}) → ${fk.foreign_table}(${fk.foreign_column})`);
  return shape;
}

/** The schema of a database, leaving out the tables `ignore` names (an engine's own, migration bookkeeping). */
export function schemaOf(db: Db, ignore: (table: string) => boolean): Promise<SchemaShape> {
  return db.engine === 'sqlite' ? sqliteSchema(db, ignore) : postgresSchema(db, ignore);
}

/** Every way two schemas differ, one line each (empty when they agree). */
export function schemaDifferences(a: SchemaShape, b: SchemaShape, names: [string, string]): string[] {
  const out: string[] = [];
  for (const table of new Set([...a.tables.keys(), ...b.tables.keys()])) {
    const left = a.tables.get(table);
    const right = b.tables.get(table);
    if (!left || !right) {
      out.push(`table ${table} only on ${left ? names[0] : names[1]}`);
      continue;
    }
    for (const column of new Set([...left.keys(), ...right.keys()])) {
      const l = left.get(column);
      const r = right.get(column);
      if (!l || !r) out.push(`column ${table}.${column} only on ${l ? names[0] : names[1]}`);
      else if (JSON.stringify(l) !== JSON.stringify(r)) out.push(`column ${table}.${column}: ${names[0]} ${JSON.stringify(l)}, ${names[1]} ${JSON.stringify(r)}`);
    }
  }
  for (const key of new Set([...a.indexes.keys(), ...b.indexes.keys()])) {
    if (!a.indexes.has(key)) out.push(`index ${key} (${b.indexes.get(key)}) only on ${names[1]}`);
    else if (!b.indexes.has(key)) out.push(`index ${key} (${a.indexes.get(key)}) only on ${names[0]}`);
  }
  for (const fk of new Set([...a.foreignKeys, ...b.foreignKeys])) {
    if (!a.foreignKeys.has(fk) || !b.foreignKeys.has(fk)) out.push(`foreign key ${fk} only on ${a.foreignKeys.has(fk) ? names[0] : names[1]}`);
  }
  return out.sort();
}
