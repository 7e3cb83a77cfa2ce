// The consortium as one document: its members, their branches and opening hours, bookable
// resources, lending and chat settings, staff and widget keys. The same shape is read from a
// consortium file (`atrium-relay apply`), written by `atrium-relay export`, and taken by the
// admin API, so there is one way to describe a consortium. Unknown fields are refused by name.
import { z } from 'zod/mini';
import { webAddress } from './common.js';
import { MemberKind } from './members.js';
import { BranchHours, ResourceSchedule } from './opening-hours.js';
import { LendingPolicy } from './lending-policy.js';
import { Origin } from './origin.js';
import { ResourceKind } from './booking.js';

const Slug = (what: string, example: string) =>
  z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, `must be ${what} such as "${example}": lower-case letters, digits and hyphens`));

const Name = z.strictObject({
  en: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(200)),
  zh: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
});

const Text = z.strictObject({
  en: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(2000)),
  zh: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000))),
});

const Email = z.string().check(z.trim(), z.email('must be an email address, e.g. desk@lakeside.example.org'));

/** An IANA time zone name that this relay's clock knows, e.g. Asia/Hong_Kong. */
export const TimeZone = z.string().check(
  z.refine((value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return value.includes('/') || value === 'UTC';
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as "Asia/Hong_Kong" or "Europe/London"'),
);

/** A consortium administrator: sets the consortium up, adds members, manages every member's staff. */
export const AdministratorConfig = z.strictObject({
  email: Email,
  name: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(200)),
  disabled: z.optional(z.boolean()),
});
export type AdministratorConfig = z.infer<typeof AdministratorConfig>;

export const ConsortiumLanguage = z.enum(['en', 'zh-Hans', 'zh-Hant']);

export const ConsortiumSettings = z.strictObject({
  name: Name,
  /** The languages the consortium's widget and console offer, the first being the default. */
  languages: z.optional(z.array(ConsortiumLanguage).check(z.minLength(1))),
  /** Where patrons and staff reach this relay, e.g. https://atrium.lakeside.example.org (links in emails). */
  publicUrl: z.optional(webAddress('https://atrium.lakeside.example.org')),
  administrators: z.optional(z.array(AdministratorConfig)),
});
export type ConsortiumSettings = z.infer<typeof ConsortiumSettings>;

export const BranchConfig = z.strictObject({
  id: Slug('a branch id', 'central'),
  name: Name,
  address: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  coordinates: z.optional(
    z.strictObject({
      lat: z.number().check(z.minimum(-90), z.maximum(90)),
      lon: z.number().check(z.minimum(-180), z.maximum(180)),
    }),
  ),
  /** Weekly hours, seasonal periods and closed days; without them nothing can be booked there. */
  hours: z.optional(BranchHours),
});
export type BranchConfig = z.infer<typeof BranchConfig>;

export const ResourceConfig = z.strictObject({
  /** Unique within the member; the resource's public id is `<member>:<id>`. */
  id: Slug('a resource id', 'study-room-1'),
  branch: Slug('a branch id', 'central'),
  kind: ResourceKind,
  name: Name,
  description: z.optional(Text),
  /** Places in each slot: one for a room or an appointment, people for a visit, seats for a seat area. */
  capacity: z.int().check(z.minimum(1), z.maximum(10_000)),
  /** `person`: each person in a party takes a place; `booking`: a booking takes one place whatever its size. */
  placesPer: z.optional(z.enum(['booking', 'person'])),
  maxPartySize: z.optional(z.int().check(z.minimum(1), z.maximum(500))),
  slotMinutes: z.int().check(z.minimum(5), z.maximum(24 * 60)),
  maxDaysAhead: z.optional(z.int().check(z.minimum(0), z.maximum(366))),
  maxActivePerPatron: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
  /** The resource's own hours inside the branch's (a librarian's desk hours). */
  schedule: z.optional(ResourceSchedule),
  /** For a viewing: the catalogue record shown, `<member>:<localId>`. */
  recordId: z.optional(z.string().check(z.minLength(3), z.maxLength(300))),
});
export type ResourceConfig = z.infer<typeof ResourceConfig>;

export const StaffRole = z.enum(['librarian', 'member-admin', 'consortium-admin']);
export type StaffRole = z.infer<typeof StaffRole>;

export const LibrarianConfig = z.strictObject({
  email: Email,
  name: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(200)),
  role: z.optional(StaffRole),
  /** Chats the librarian takes at once (default 3). */
  chatCapacity: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
  /** True keeps the account but stops it signing in. */
  disabled: z.optional(z.boolean()),
});
export type LibrarianConfig = z.infer<typeof LibrarianConfig>;

export const WidgetKeyConfig = z.strictObject({
  /** How staff recognise the key: the site it is for. Unique within the member. */
  label: z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(200)),
  origins: z.array(Origin).check(z.minLength(1, 'needs at least one origin, e.g. https://www.lakeside.example.org')),
  /** The public key itself; made at random on first apply when left out, and shown by export. */
  key: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{8,200}$/, 'must be 8 to 200 letters, digits, - or _'))),
});
export type WidgetKeyConfig = z.infer<typeof WidgetKeyConfig>;

export const ChatRoutingConfig = z.strictObject({
  /** Seconds a waiting chat is offered only to the member's own librarians before the consortium (default 30). */
  waitSeconds: z.optional(z.int().check(z.minimum(0), z.maximum(24 * 60 * 60))),
  /** Days transcripts are kept (default 180). */
  retentionDays: z.optional(z.int().check(z.minimum(1), z.maximum(3650))),
});
export type ChatRoutingConfig = z.infer<typeof ChatRoutingConfig>;

export const MemberConfig = z.strictObject({
  id: Slug('a member id', 'lakeside-library'),
  name: Name,
  kind: MemberKind,
  timezone: TimeZone,
  homePage: z.optional(webAddress('https://www.lakeside-library.example.org')),
  contact: z.optional(
    z.strictObject({
      email: z.optional(Email),
      phone: z.optional(z.string().check(z.trim(), z.maxLength(50))),
    }),
  ),
  logo: z.optional(webAddress('https://www.lakeside-library.example.org/logo.svg')),
  branches: z.array(BranchConfig).check(z.minLength(1, 'a member needs at least one branch')),
  resources: z.optional(z.array(ResourceConfig)),
  lending: z.optional(LendingPolicy),
  chat: z.optional(ChatRoutingConfig),
  librarians: z.optional(z.array(LibrarianConfig)),
  widgetKeys: z.optional(z.array(WidgetKeyConfig)),
});
export type MemberConfig = z.infer<typeof MemberConfig>;

export const ConsortiumFile = z.strictObject({
  consortium: ConsortiumSettings,
  members: z.array(MemberConfig),
});
export type ConsortiumFile = z.infer<typeof ConsortiumFile>;
export type ConsortiumFileInput = z.input<typeof ConsortiumFile>;
