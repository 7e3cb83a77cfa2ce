// Table shapes of booking for Kysely (see migrations/0002-booking.ts). Times are UTC ISO
// strings, which sort as the instants they name; JSON-valued columns hold text.

export interface BranchHoursTable {
  member_id: string;
  branch_id: string;
  /** JSON: WeeklyHours */
  weekly: string;
  /** JSON: ClosedDay[]: local dates (YYYY-MM-DD) the branch is closed, with the holiday's name or not. */
  closed: string;
  /** JSON: OpeningPeriod[], seasons with hours of their own; null for none (0012-consortium). */
  periods: string | null;
}

export interface BookingResourcesTable {
  id: string;
  member_id: string;
  branch_id: string;
  kind: string;
  name_en: string;
  name_zh: string | null;
  description_en: string | null;
  description_zh: string | null;
  capacity: number;
  places_per: string;
  max_party_size: number;
  slot_minutes: number;
  max_days_ahead: number;
  max_active_per_patron: number;
  /** JSON: ResourceSchedule, or null to follow the branch's opening hours. */
  schedule: string | null;
  record_id: string | null;
  position: number;
}

export interface BookingSlotsTable {
  resource_id: string;
  start_at: string;
  taken: number;
}

export interface BookingsTable {
  id: string;
  resource_id: string;
  start_at: string;
  end_at: string;
  party_size: number;
  /** Places this booking holds in its slot. */
  places: number;
  patron_name: string;
  patron_email: string;
  patron_member: string | null;
  status: string;
  token: string;
  created_at: string;
  cancelled_at: string | null;
}

export interface LendingPoliciesTable {
  member_id: string;
  /** JSON: LendingPolicy */
  policy: string;
}

export interface HoldsTable {
  id: string;
  record_id: string;
  member_id: string;
  title: string;
  pickup_member: string;
  pickup_branch: string;
  patron_name: string;
  patron_email: string;
  patron_member: string | null;
  status: string;
  /** JSON: HoldEvent[] */
  history: string;
  token: string;
  created_at: string;
  updated_at: string;
}

export interface BookingTables {
  branch_hours: BranchHoursTable;
  booking_resources: BookingResourcesTable;
  booking_slots: BookingSlotsTable;
  bookings: BookingsTable;
  lending_policies: LendingPoliciesTable;
  holds: HoldsTable;
}
