import express from 'express';
import type { Request, Response } from 'express';

const catalog = new Map<string, { title: string; stock: number }>([
  ['sku-100', { title: 'Desk lamp', stock: 12 }],
  ['sku-200', { title: 'Notebook', stock: 0 }],
]);

const app = express();

app.get('/health', (_req: Request, res: Response) => {
  res.json({ status: 'ok' });
});

app.get('/items/:sku', (req: Request, res: Response) => {
  const item = catalog.get(req.params.sku ?? '');
  if (!item) {
    res.status(404).json({ error: 'unknown sku' });
    return;
  }
  res.json(item);
});

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`catalog listening on ${port}`));
