export * from './common.js';
export * from './auth.js';
export * from './members.js';
export * from './records.js';
export * from './search.js';
export * from './booking.js';
export * from './chat.js';
