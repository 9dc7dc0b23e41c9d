// Runs against the compiled code in dist/: npm test needs npm run build first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { app } from '../dist/app.js';

test('GET /orders lists the orders', async () => {
  const server = app.listen(0);
  try {
    const { port } = server.address();
    const response = await fetch(`http://127.0.0.1:${port}/orders`);
    assert.equal(response.status, 200);
    assert.ok(Array.isArray(await response.json()));
  } finally {
    server.close();
  }
});
