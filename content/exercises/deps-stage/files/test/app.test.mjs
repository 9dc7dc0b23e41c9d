// Runs against the compiled code in dist/, so the test stage needs the build stage's output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { app } from '../dist/app.js';

test('GET /health answers ok', async () => {
  const server = app.listen(0);
  try {
    const { port } = server.address();
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  } finally {
    server.close();
  }
});
