// Table shapes of staff accounts for Kysely (see migrations/0003-staff.ts).

export interface LibrariansTable {
  id: string;
  member: string;
  email: string;
  email_key: string;
  name: string;
  password_hash: string;
  /** UTC ISO time. */
  created_at: string;
  /** 1 when the account may no longer sign in; its tokens stop working too. */
  disabled: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** Sign-in throttle counters (see migrations/0014-login-throttle.ts). */
export interface LoginAttemptsTable {
  /** An HMAC of what is counted (an email with an address, or an address), so the table holds neither. */
  key: string;
  /** Attempts let through and not taken back by a success. */
  failures: number;
  /** The bigint columns are ms: numbers in SQLite, strings from PostgreSQL. */
  last_at: number | string;
  delay_ms: number | string;
  /** Further attempts are refused until then. */
  blocked_until: number | string;
}

/** One-time links that let a librarian choose a password (see migrations/0011-staff-roles.ts). */
export interface StaffLinksTable {
  /** A SHA-256 of the link's token: the database never holds a link that works. */
  token_hash: string;
  librarian_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface StaffTables {
  librarians: LibrariansTable;
  staff_links: StaffLinksTable;
  settings: SettingsTable;
  login_attempts: LoginAttemptsTable;
}
