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

export interface LoginAttemptsTable {
  /** An HMAC of what is counted (an email or an address), so the table holds neither. */
  key: string;
  /** ms since the epoch; a number in SQLite, a string from PostgreSQL's bigint. */
  window_start: number | string;
  attempts: number;
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
