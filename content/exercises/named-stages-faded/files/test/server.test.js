import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reply } from '../src/server.js';

test('replies with the name of the api', () => {
  assert.equal(reply(), 'notes api\n');
});
