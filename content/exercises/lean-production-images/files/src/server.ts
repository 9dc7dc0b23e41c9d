import express from 'express';
import type { Request, Response } from 'express';

interface Order {
  id: number;
  item: string;
  quantity: number;
}

const orders: Order[] = [];
const app = express();
app.use(express.json());

app.get('/health', (_req: Request, res: Response) => {
  res.json({ status: 'ok' });
});

app.get('/orders', (_req: Request, res: Response) => {
  res.json(orders);
});

app.post('/orders', (req: Request, res: Response) => {
  const order: Order = { id: orders.length + 1, item: String(req.body.item), quantity: Number(req.body.quantity ?? 1) };
  orders.push(order);
  res.status(201).json(order);
});

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`orders-api listening on ${port}`));
