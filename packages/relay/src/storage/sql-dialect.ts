/** The SQL engines Atrium stores its data in. */
export type SqlDialect = 'sqlite' | 'postgres';
