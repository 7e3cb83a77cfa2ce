// The parts of Mocha's BDD interface the browser tests use (@web/test-runner runs Mocha).
type MochaDone = (error?: unknown) => void;
type MochaFn = (() => unknown) | ((done: MochaDone) => void);

declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: MochaFn): void;
declare function before(body: MochaFn): void;
declare function after(body: MochaFn): void;
declare function beforeEach(body: MochaFn): void;
declare function afterEach(body: MochaFn): void;
