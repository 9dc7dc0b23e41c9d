import express from 'express';
import type { Request, Response } from 'express';

const products = [
  { id: 1, name: 'Mug', price: 9.5 },
  { id: 2, name: 'Poster', price: 14 },
];

const app = express();

app.get('/health', (_req: Request, res: Response) => {
  res.json({ status: 'ok' });
});

app.get('/products', (_req: Request, res: Response) => {
  res.json(products);
});

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`shop listening on ${port}`));
