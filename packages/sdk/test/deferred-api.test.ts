// Namespaces whose code loads on first use (bookings, holds, questions, staff…): a caller must
// not be able to tell them from the eager ones, and a module that failed to arrive on a flaky
// connection must be fetched again rather than fail for good.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deferredApi } from '../src/client/deferred-api.js';

interface Api {
  greet(name: string): Promise<string>;
  readonly nested: { count(): Promise<number> };
}

function makeApi(): Api {
  let calls = 0;
  return {
    greet: async (name) => `hello ${name}`,
    // `this` must be the namespace the method belongs to, as it would be on the eager object.
    nested: {
      prefix: 'n',
      async count(this: { prefix: string }) {
        calls += 1;
        return this.prefix === 'n' ? calls : -1;
      },
    } as Api['nested'],
  };
}

describe('deferred API namespaces', () => {
  it('loads the module once, on the first call, and forwards arguments and results', async () => {
    let loads = 0;
    const api = deferredApi<Api>(
      async () => {
        loads += 1;
        return makeApi();
      },
      { greet: true, nested: { count: true } },
    );
    assert.equal(loads, 0, 'nothing loads before a call');
    assert.equal(await api.greet('reader'), 'hello reader');
    assert.equal(await api.nested.count(), 1);
    assert.equal(await api.nested.count(), 2);
    assert.equal(loads, 1);
  });

  it('tries the module again after it failed to load', async () => {
    let attempts = 0;
    const api = deferredApi<Api>(
      async () => {
        attempts += 1;
        if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
        return makeApi();
      },
      { greet: true, nested: { count: true } },
    );
    await assert.rejects(api.greet('reader'), /Failed to fetch/);
    assert.equal(await api.greet('reader'), 'hello reader');
    assert.equal(attempts, 2);
  });

  it('passes the API’s own refusals through unchanged', async () => {
    const api = deferredApi<Pick<Api, 'greet'>>(async () => ({ greet: async () => Promise.reject(new RangeError('no')) }), { greet: true });
    await assert.rejects(api.greet('x'), RangeError);
  });
});
