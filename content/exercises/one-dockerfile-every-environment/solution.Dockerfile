FROM python:3.12-slim AS base
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM base AS dev
COPY requirements-dev.txt .
RUN pip install --no-cache-dir -r requirements-dev.txt
COPY . .
CMD ["flask", "--app", "app", "run", "--debug", "--host", "0.0.0.0"]

FROM dev AS test
RUN pytest

FROM base AS production
COPY app.py .
RUN useradd --system --no-create-home app
USER app
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
