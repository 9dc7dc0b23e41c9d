import express from 'express';
import type { Request, Response } from 'express';

interface Order {
  id: number;
  item: string;
  quantity: number;
}

const orders: Order[] = [{ id: 1, item: 'Mug', quantity: 2 }];

export const app = express();
app.use(express.json());

app.get('/health', (_req: Request, res: Response) => {
  res.json({ status: 'ok' });
});

app.get('/orders', (_req: Request, res: Response) => {
  res.json(orders);
});
