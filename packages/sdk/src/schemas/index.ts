export * from './common.js';
export * from './members.js';
export * from './records.js';
export * from './search.js';
