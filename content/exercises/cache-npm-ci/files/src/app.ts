import express from 'express';
import type { Request, Response } from 'express';

const items = [
  { sku: 'MUG-01', name: 'Mug', stock: 12 },
  { sku: 'PST-02', name: 'Poster', stock: 0 },
];

export const app = express();

app.get('/health', (_req: Request, res: Response) => {
  res.json({ status: 'ok' });
});

app.get('/items', (_req: Request, res: Response) => {
  res.json(items);
});
