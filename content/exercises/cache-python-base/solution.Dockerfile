FROM python:3.12-slim AS base
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM base AS test
COPY requirements-test.txt .
RUN pip install --no-cache-dir -r requirements-test.txt
COPY . .
RUN python -m pytest

FROM base AS prod
COPY . .
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
