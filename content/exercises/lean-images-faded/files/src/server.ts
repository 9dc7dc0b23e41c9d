import express from 'express';
import type { Request, Response } from 'express';

interface Invoice {
  id: number;
  customer: string;
  total: number;
}

const invoices: Invoice[] = [];
const app = express();
app.use(express.json());

app.get('/health', (_req: Request, res: Response) => {
  res.json({ status: 'ok' });
});

app.get('/invoices', (_req: Request, res: Response) => {
  res.json(invoices);
});

app.listen(3000);
